'use client';

import Link from 'next/link';
import { formatDuration, formatMs } from '@/lib/analytics/format';
import type { SessionRecord } from '@/lib/analytics/types';
import { formatWhen } from './time';
import { Badge, DataTable, EmptyState, ErrorNotice, LoadingState, RowHeader, Td, Th } from './ui';
import { shortUserAgent } from './userAgent';
import type { Resource } from '@/stores/analyticsStore';

function Stage({ ms, left }: { ms: number | null; left: boolean }) {
  if (ms !== null) return <>{formatMs(ms)}</>;
  return <span className={left ? 'text-red-300' : 'text-zinc-500'}>{left ? 'never' : '—'}</span>;
}

export function SessionsTable({
  sessions,
  caption,
  hrefFor,
}: {
  sessions: SessionRecord[];
  caption: string;
  hrefFor: (session: SessionRecord) => string;
}) {
  return (
    <DataTable caption={caption} minWidth={980}>
      <thead>
        <tr>
          <Th>Participant</Th>
          <Th>Joined</Th>
          <Th>Stayed</Th>
          <Th>Left because</Th>
          <Th className="text-right">Connected after</Th>
          <Th className="text-right">First sent after</Th>
          <Th className="text-right">First received after</Th>
          <Th>Relayed</Th>
          <Th>User agent</Th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => {
          const left = s.leftAt !== null;
          const stayed = ((left ? Date.parse(s.leftAt!) : Date.now()) - Date.parse(s.joinedAt)) / 1000;
          return (
            <tr key={s.id} data-session-id={s.id} data-peer-id={s.peerId}>
              <RowHeader>
                <Link href={hrefFor(s)} className="text-sky-300 underline-offset-2 hover:underline">
                  {s.displayName}
                </Link>
              </RowHeader>
              <Td>
                <time dateTime={s.joinedAt}>{formatWhen(s.joinedAt)}</time>
              </Td>
              <Td>{left ? formatDuration(stayed) : <Badge tone="ok">In the call</Badge>}</Td>
              <Td>{s.leaveReason ?? (left ? '—' : '')}</Td>
              <Td className="text-right">
                <Stage ms={s.transportsConnectedMs} left={left} />
              </Td>
              <Td className="text-right">
                <Stage ms={s.firstMediaSentMs} left={left} />
              </Td>
              <Td className="text-right">
                <Stage ms={s.firstMediaReceivedMs} left={left} />
              </Td>
              <Td>{s.relayed ? <Badge tone="info">TURN</Badge> : 'no'}</Td>
              <Td title={s.userAgent ?? undefined}>{shortUserAgent(s.userAgent)}</Td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** Sessions from the database with their loading, error and empty states. */
export function SessionsResource({
  resource,
  roomId,
  hrefFor,
  onRetry,
}: {
  resource: Resource<SessionRecord[]>;
  roomId: string;
  hrefFor: (session: SessionRecord) => string;
  onRetry: () => void;
}) {
  const data = resource.key === roomId ? resource.data : null;
  if (resource.key === roomId && resource.error && !data) {
    return <ErrorNotice title="Could not load the sessions" message={resource.error} onRetry={onRetry} />;
  }
  if (!data) return <LoadingState>Loading sessions…</LoadingState>;
  if (data.length === 0) return <EmptyState>No sessions recorded for this room.</EmptyState>;
  return <SessionsTable sessions={data} caption={`Sessions in room ${roomId}, newest first`} hrefFor={hrefFor} />;
}
