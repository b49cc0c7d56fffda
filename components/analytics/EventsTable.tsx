'use client';

import Link from 'next/link';
import type { AnalyticsEvent, EventSeverity } from '@/lib/analytics/types';
import { analyticsHref } from './route';
import { formatWhen } from './time';
import { Badge, DataTable, RowHeader, Td, Th, type Tone } from './ui';

const SEVERITY_TONE: Record<EventSeverity, Tone> = { info: 'info', warning: 'warn', error: 'bad' };

function formatDatum(value: number | string | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/** The numbers that triggered an event, as "name value" pairs. */
function EventData({ data }: { data: AnalyticsEvent['data'] }) {
  const entries = Object.entries(data);
  if (entries.length === 0) return <span className="text-zinc-500">—</span>;
  return (
    <dl className="flex min-w-48 flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="flex flex-wrap gap-x-1 break-words">
          <dt className="text-zinc-400">{key}</dt>
          <dd className="text-zinc-100 tabular-nums">{formatDatum(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EventsTable({ events, caption }: { events: AnalyticsEvent[]; caption: string }) {
  return (
    <DataTable caption={caption} minWidth={900}>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Type</Th>
          <Th>Room</Th>
          <Th>Peer</Th>
          <Th>Cause</Th>
          <Th>Numbers</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-event-id={event.id} data-event-type={event.type}>
            <RowHeader className="font-normal tabular-nums">
              <time dateTime={event.at}>{formatWhen(event.at)}</time>
            </RowHeader>
            <Td>
              <Badge tone={SEVERITY_TONE[event.severity]} title={event.severity}>
                {event.type}
              </Badge>
            </Td>
            <Td>
              {event.roomId ? (
                <Link href={analyticsHref({ room: event.roomId })} className="text-sky-300 underline-offset-2 hover:underline">
                  {event.roomId}
                </Link>
              ) : (
                <span className="text-zinc-500">—</span>
              )}
            </Td>
            <Td>
              {event.roomId && event.peerId ? (
                <Link
                  href={analyticsHref({ room: event.roomId, peer: event.peerId })}
                  className="text-sky-300 underline-offset-2 hover:underline"
                >
                  {event.peerName ?? event.peerId}
                </Link>
              ) : (
                (event.peerName ?? event.peerId ?? <span className="text-zinc-500">—</span>)
              )}
            </Td>
            <Td className="min-w-56 whitespace-normal">{event.cause}</Td>
            <Td className="max-w-80 whitespace-normal">
              <EventData data={event.data} />
            </Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
