'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { useAnalyticsActions } from '@/client/analytics/useAnalyticsActions';
import { formatMs } from '@/lib/analytics/format';
import { useAnalyticsStore, type HistoryRoom } from '@/stores/analyticsStore';
import { Breadcrumb } from './Breadcrumb';
import { analyticsHref } from './route';
import { SessionsResource } from './SessionsTable';
import { TelemetryPanel } from './TelemetryPanel';
import { formatWhen } from './time';
import { Badge, DataTable, EmptyState, ErrorNotice, Facts, LoadingState, RowHeader, Section, SmallButton, Td, Th } from './ui';

function PastRoomsTable({ rooms }: { rooms: HistoryRoom[] }) {
  return (
    <DataTable caption="Rooms with recorded sessions, most recently active first" minWidth={640}>
      <thead>
        <tr>
          <Th>Room</Th>
          <Th>First session</Th>
          <Th>Last active</Th>
          <Th className="text-right">Sessions</Th>
          <Th>Now</Th>
          <Th>Node</Th>
        </tr>
      </thead>
      <tbody>
        {rooms.map((room) => (
          <tr key={`${room.nodeId}/${room.id}`} data-room-id={room.id}>
            <RowHeader>
              <Link href={analyticsHref({ tab: 'history', room: room.id })} className="text-sky-300 underline-offset-2 hover:underline">
                {room.id}
              </Link>
            </RowHeader>
            <Td>{formatWhen(room.createdAt)}</Td>
            <Td>{formatWhen(room.lastActiveAt)}</Td>
            <Td className="text-right">{room.sessionCount}</Td>
            <Td>{room.openSessions > 0 ? <Badge tone="ok">{room.openSessions} in the call</Badge> : <span className="text-zinc-500">ended</span>}</Td>
            <Td>{room.nodeId}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function PastRooms() {
  const actions = useAnalyticsActions();
  const rooms = useAnalyticsStore((s) => s.historyRooms);
  useEffect(() => actions.loadHistoryRooms(), [actions]);
  let body;
  if (rooms.error && !rooms.data) body = <ErrorNotice title="Could not load past rooms" message={rooms.error} onRetry={actions.loadHistoryRooms} />;
  else if (!rooms.data) body = <LoadingState>Loading past rooms…</LoadingState>;
  else if (rooms.data.length === 0) body = <EmptyState>No rooms recorded yet — start a meeting and its sessions are kept here.</EmptyState>;
  else body = <PastRoomsTable rooms={rooms.data} />;
  return (
    <Section
      title="Past rooms"
      level="h1"
      id="history-rooms"
      actions={
        <SmallButton onClick={actions.loadHistoryRooms} disabled={rooms.loading}>
          {rooms.loading ? 'Refreshing…' : 'Refresh'}
        </SmallButton>
      }
    >
      {body}
    </Section>
  );
}

function PastRoom({ roomId }: { roomId: string }) {
  const actions = useAnalyticsActions();
  const sessions = useAnalyticsStore((s) => s.sessions);
  useEffect(() => actions.loadSessions(roomId), [actions, roomId]);
  return (
    <>
      <Breadcrumb crumbs={[{ label: 'History', href: analyticsHref({ tab: 'history' }) }, { label: `Room ${roomId}` }]} />
      <h1 className="mb-2 text-xl font-semibold break-all text-white">Room {roomId}</h1>
      <p className="mb-4 text-sm">
        <Link href={analyticsHref({ room: roomId })} className="text-sky-300 underline-offset-2 hover:underline">
          See it live
        </Link>{' '}
        <span className="text-zinc-500">(if it still is)</span>
      </p>
      <Section title="Sessions" id="history-sessions">
        <SessionsResource
          resource={sessions}
          roomId={roomId}
          hrefFor={(s) => analyticsHref({ tab: 'history', room: roomId, peer: s.peerId })}
          onRetry={() => actions.loadSessions(roomId)}
        />
      </Section>
    </>
  );
}

function PastParticipant({ roomId, peerId }: { roomId: string; peerId: string }) {
  const actions = useAnalyticsActions();
  const sessions = useAnalyticsStore((s) => s.sessions);
  const telemetry = useAnalyticsStore((s) => s.telemetry);
  useEffect(() => {
    actions.loadSessions(roomId);
    actions.loadTelemetry(roomId, peerId);
  }, [actions, roomId, peerId]);
  const session = sessions.key === roomId ? sessions.data?.find((s) => s.peerId === peerId) : undefined;
  const name = session?.displayName ?? peerId;
  return (
    <>
      <Breadcrumb
        crumbs={[
          { label: 'History', href: analyticsHref({ tab: 'history' }) },
          { label: `Room ${roomId}`, href: analyticsHref({ tab: 'history', room: roomId }) },
          { label: name },
        ]}
      />
      <h1 className="mb-4 text-xl font-semibold break-all text-white">{name}</h1>
      {session && (
        <Facts
          items={[
            { label: 'Joined', value: formatWhen(session.joinedAt) },
            { label: 'Left', value: session.leftAt ? formatWhen(session.leftAt) : 'still in the call' },
            { label: 'Left because', value: session.leaveReason ?? '—' },
            { label: 'Connected after', value: formatMs(session.transportsConnectedMs) },
            { label: 'First media received after', value: formatMs(session.firstMediaReceivedMs) },
            { label: 'Relayed', value: session.relayed ? 'through TURN' : 'no' },
          ]}
        />
      )}
      <Section title="Telemetry (every 10 s)" id="history-telemetry">
        <div className="mb-3">
          <SmallButton onClick={() => actions.loadTelemetry(roomId, peerId)} disabled={telemetry.loading}>
            {telemetry.loading ? 'Refreshing…' : 'Refresh'}
          </SmallButton>
        </div>
        <TelemetryPanel resource={telemetry} telemetryKey={`${roomId}/${peerId}`} onRetry={() => actions.loadTelemetry(roomId, peerId)} />
      </Section>
    </>
  );
}

/** `/analytics?tab=history`: past rooms → their sessions → one participant's telemetry, from the database. */
export function HistoryView({ roomId, peerId }: { roomId: string | null; peerId: string | null }) {
  if (roomId && peerId) return <PastParticipant roomId={roomId} peerId={peerId} />;
  if (roomId) return <PastRoom roomId={roomId} />;
  return <PastRooms />;
}
