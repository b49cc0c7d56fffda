import { isEventType } from '@/client/analytics/events';
import type { EventType } from '@/lib/analytics/types';

/*
 * The analytics page keeps its place in the URL (one route, query params), so
 * a view can be shared, reloaded and walked back with the browser's buttons.
 */

export const TABS = ['overview', 'events', 'funnel', 'history'] as const;
export type Tab = (typeof TABS)[number];

export interface AnalyticsRoute {
  tab: Tab;
  /** overview: the drilled-into room; events: the room filter; history: the past room. */
  room: string | null;
  peer: string | null;
  /** events: the type filter. */
  type: EventType | null;
}

interface Params {
  get(name: string): string | null;
}

const clean = (value: string | null): string | null => (value && value.trim() ? value.trim() : null);

export function parseRoute(params: Params): AnalyticsRoute {
  const tabParam = params.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'overview';
  const room = clean(params.get('room'));
  const type = params.get('type');
  return {
    tab,
    room,
    peer: room ? clean(params.get('peer')) : null,
    type: tab === 'events' && isEventType(type) ? type : null,
  };
}

export function analyticsHref(route: Partial<AnalyticsRoute>): string {
  const params = new URLSearchParams();
  if (route.tab && route.tab !== 'overview') params.set('tab', route.tab);
  if (route.room) params.set('room', route.room);
  if (route.room && route.peer) params.set('peer', route.peer);
  if (route.type) params.set('type', route.type);
  const search = params.toString();
  return search ? `/analytics?${search}` : '/analytics';
}
