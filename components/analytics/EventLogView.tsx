'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { filterKey } from '@/client/analytics/events';
import { useAnalyticsActions } from '@/client/analytics/useAnalyticsActions';
import { EVENT_TYPES, type EventType } from '@/lib/analytics/types';
import { useAnalyticsStore } from '@/stores/analyticsStore';
import { EventsTable } from './EventsTable';
import { analyticsHref } from './route';
import { EmptyState, ErrorNotice, LoadingState, Section, SmallButton } from './ui';

const field = 'h-9 rounded-lg border border-zinc-700 bg-zinc-900 px-3 text-sm text-zinc-100 focus:border-sky-400';

function Filters({ roomId, type }: { roomId: string | null; type: EventType | null }) {
  const router = useRouter();
  const rooms = useAnalyticsStore((s) => s.rooms);
  const roomFieldId = useId();
  const typeFieldId = useId();
  const listId = useId();
  const [room, setRoom] = useState(roomId ?? '');
  useEffect(() => setRoom(roomId ?? ''), [roomId]);

  const go = (next: { room: string | null; type: EventType | null }) =>
    router.replace(analyticsHref({ tab: 'events', room: next.room, type: next.type }), { scroll: false });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go({ room: room.trim() || null, type });
  }

  return (
    <form onSubmit={onSubmit} role="search" aria-label="Filter events" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={roomFieldId} className="text-xs text-zinc-400">
          Room
        </label>
        <input
          id={roomFieldId}
          list={listId}
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          placeholder="Any room"
          className={`${field} w-56`}
        />
        <datalist id={listId}>
          {(rooms ?? []).map((r) => (
            <option key={r.id} value={r.id} />
          ))}
        </datalist>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={typeFieldId} className="text-xs text-zinc-400">
          Type
        </label>
        <select
          id={typeFieldId}
          value={type ?? ''}
          onChange={(e) => go({ room: room.trim() || null, type: (e.target.value || null) as EventType | null })}
          className={field}
        >
          <option value="">Any type</option>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="h-9 rounded-lg bg-sky-500 px-4 text-sm font-semibold text-zinc-950 hover:bg-sky-400">
        Apply
      </button>
      {(roomId || type) && (
        <button type="button" onClick={() => go({ room: null, type: null })} className="h-9 rounded-lg px-3 text-sm text-zinc-300 hover:bg-zinc-800">
          Clear filters
        </button>
      )}
    </form>
  );
}

/** `/analytics?tab=events`: the drop and incident log, filtered, with live additions. */
export function EventLogView({ roomId, type }: { roomId: string | null; type: EventType | null }) {
  const actions = useAnalyticsActions();
  const log = useAnalyticsStore((s) => s.eventLog);
  const filter = { roomId: roomId ?? undefined, type: type ?? undefined };
  const key = filterKey(filter);
  const load = () => actions.loadEvents({ roomId: roomId ?? undefined, type: type ?? undefined });

  useEffect(() => {
    actions.loadEvents({ roomId: roomId ?? undefined, type: type ?? undefined });
  }, [actions, roomId, type]);

  const events = log.key === key ? log.data : null;
  let body;
  if (log.key === key && log.error && !events) body = <ErrorNotice title="Could not load the event log" message={log.error} onRetry={load} />;
  else if (!events) body = <LoadingState>Loading events…</LoadingState>;
  else if (events.length === 0) {
    body = (
      <EmptyState>
        {roomId || type ? 'No events match these filters.' : 'No drops or incidents recorded.'} New ones appear here as they happen.
      </EmptyState>
    );
  } else body = <EventsTable events={events} caption="Events, newest first" />;

  return (
    <>
      <Section
        title="Event log"
        level="h1"
        id="event-log"
        actions={
          <SmallButton onClick={load} disabled={log.loading}>
            {log.loading ? 'Refreshing…' : 'Refresh'}
          </SmallButton>
        }
      >
        <p className="-mt-1 mb-3 text-sm text-zinc-400">
          Drops and incidents: consumers or transports closed under a peer, ICE and DTLS failures, low scores, bitrate collapses,
          high loss, workers that died, joins that never got media.
        </p>
        <Filters roomId={roomId} type={type} />
        {body}
      </Section>
    </>
  );
}
