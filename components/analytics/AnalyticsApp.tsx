'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { useAnalyticsActions } from '@/client/analytics/useAnalyticsActions';
import { AnalyticsHeader } from './AnalyticsHeader';
import { AnalyticsTabs } from './AnalyticsTabs';
import { ConnectionProblem } from './ConnectionIndicator';
import { EventLogView } from './EventLogView';
import { FunnelView } from './FunnelView';
import { HistoryView } from './HistoryView';
import { OverviewView } from './OverviewView';
import { PeerView } from './PeerView';
import { parseRoute, type AnalyticsRoute } from './route';
import { RoomView } from './RoomView';

function CurrentView({ route }: { route: AnalyticsRoute }) {
  switch (route.tab) {
    case 'events':
      return <EventLogView roomId={route.room} type={route.type} />;
    case 'funnel':
      return <FunnelView />;
    case 'history':
      return <HistoryView roomId={route.room} peerId={route.peer} />;
    case 'overview':
      if (route.room && route.peer) return <PeerView roomId={route.room} peerId={route.peer} />;
      if (route.room) return <RoomView roomId={route.room} />;
      return <OverviewView />;
  }
}

/** The whole analytics page: the live feed stays open across its views, which follow the URL. */
export function AnalyticsApp() {
  const route = parseRoute(useSearchParams());
  const actions = useAnalyticsActions();

  useEffect(() => actions.open(), [actions]);

  // Only the live drill-down watches; the other tabs read the database.
  const liveRoom = route.tab === 'overview' ? route.room : null;
  const livePeer = liveRoom ? route.peer : null;
  useEffect(() => actions.watch(liveRoom, livePeer), [actions, liveRoom, livePeer]);

  return (
    <div className="flex min-h-dvh flex-col">
      <AnalyticsHeader />
      <ConnectionProblem />
      <AnalyticsTabs current={route.tab} />
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 pt-6 pb-16 sm:px-6">
        <CurrentView route={route} />
      </main>
    </div>
  );
}
