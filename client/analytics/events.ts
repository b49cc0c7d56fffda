import { EVENT_TYPES, type AnalyticsEvent, type EventType } from '@/lib/analytics/types';
import type { EventFilter } from '@/stores/analyticsStore';

export const RECENT_EVENTS = 10;
export const EVENT_LOG_LIMIT = 200;

export function isEventType(value: string | null | undefined): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** A stable key for a filter, so an answer for an older filter is never shown under a newer one. */
export function filterKey(filter: EventFilter): string {
  return `room=${filter.roomId ?? ''}&type=${filter.type ?? ''}`;
}

export function matchesFilter(event: AnalyticsEvent, filter: EventFilter): boolean {
  if (filter.roomId && event.roomId !== filter.roomId) return false;
  if (filter.type && event.type !== filter.type) return false;
  return true;
}

/** Newest first, no event twice (a push can race the REST answer that already has it), at most `max`. */
export function addEvent(events: readonly AnalyticsEvent[], event: AnalyticsEvent, max: number): AnalyticsEvent[] {
  if (events.some((e) => e.id === event.id)) return [...events];
  const merged = [event, ...events];
  merged.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return merged.slice(0, max);
}
