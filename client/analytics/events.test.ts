import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '@/lib/analytics/types';
import { addEvent, filterKey, isEventType, matchesFilter } from './events';

function event(id: string, at: string, over: Partial<AnalyticsEvent> = {}): AnalyticsEvent {
  return { id, at, nodeId: 'n', type: 'ice-failed', severity: 'error', roomId: 'r1', peerId: 'p1', peerName: 'Ann', objectId: null, cause: 'c', data: {}, ...over };
}

describe('event filters', () => {
  it('matches by room and by type', () => {
    const e = event('1', '2026-01-01T00:00:00Z');
    expect(matchesFilter(e, {})).toBe(true);
    expect(matchesFilter(e, { roomId: 'r1', type: 'ice-failed' })).toBe(true);
    expect(matchesFilter(e, { roomId: 'r2' })).toBe(false);
    expect(matchesFilter(e, { type: 'low-score' })).toBe(false);
  });

  it('gives different filters different keys', () => {
    expect(filterKey({ roomId: 'a' })).not.toBe(filterKey({ type: 'low-score' }));
    expect(filterKey({})).toBe(filterKey({ roomId: undefined }));
  });

  it('knows the event types', () => {
    expect(isEventType('worker-died')).toBe(true);
    expect(isEventType('nonsense')).toBe(false);
    expect(isEventType(null)).toBe(false);
  });
});

describe('addEvent', () => {
  const older = event('a', '2026-01-01T00:00:00Z');
  const newer = event('b', '2026-01-01T00:00:05Z');

  it('keeps newest first whatever order they arrive in', () => {
    expect(addEvent([newer], older, 10).map((e) => e.id)).toEqual(['b', 'a']);
    expect(addEvent([older], newer, 10).map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('ignores an event it already has and caps the list', () => {
    expect(addEvent([newer, older], older, 10)).toHaveLength(2);
    expect(addEvent([older], newer, 1).map((e) => e.id)).toEqual(['b']);
  });
});
