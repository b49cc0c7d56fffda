'use client';

import Link from 'next/link';
import { useAnalyticsStore } from '@/stores/analyticsStore';
import { EventsTable } from './EventsTable';
import { RoomsTable } from './RoomsTable';
import { analyticsHref } from './route';
import { StatTiles } from './StatTiles';
import { StreamsPanel } from './StreamsPanel';
import { EmptyState, ErrorNotice, LoadingState, Section } from './ui';
import { Totals, WorkersTable } from './WorkersTable';

function RecentEvents() {
  const recent = useAnalyticsStore((s) => s.recentEvents);
  const all = (
    <Link href={analyticsHref({ tab: 'events' })} className="text-sm text-sky-300 underline-offset-2 hover:underline">
      Full event log
    </Link>
  );
  let body;
  if (recent.error && !recent.data) body = <ErrorNotice title="Could not load the latest events" message={recent.error} />;
  else if (!recent.data) body = <LoadingState>Loading the latest events…</LoadingState>;
  else if (recent.data.length === 0) body = <EmptyState>No drops or incidents recorded. They appear here as they happen.</EmptyState>;
  else body = <EventsTable events={recent.data} caption="Latest events, newest first" />;
  return (
    <Section title="Latest events" id="latest-events" actions={all}>
      {body}
    </Section>
  );
}

export function OverviewView() {
  const server = useAnalyticsStore((s) => s.overview);
  const rooms = useAnalyticsStore((s) => s.rooms);
  const connection = useAnalyticsStore((s) => s.connection);

  return (
    <>
      <h1 className="sr-only">Server overview</h1>
      {server && rooms ? (
        <>
          <StatTiles server={server} />
          <Section title="Totals" id="totals">
            <Totals server={server} />
          </Section>
          <Section title={`Workers (${server.workers.length})`} id="workers">
            <WorkersTable server={server} />
          </Section>
          <StreamsPanel />
          <Section title={`Rooms (${rooms.length})`} id="rooms">
            <RoomsTable rooms={rooms} collectedAt={server.collectedAt} />
          </Section>
        </>
      ) : connection === 'offline' ? (
        <EmptyState>No numbers yet: the live feed is offline (see above).</EmptyState>
      ) : (
        <LoadingState>Waiting for the first numbers from the server…</LoadingState>
      )}
      <RecentEvents />
    </>
  );
}
