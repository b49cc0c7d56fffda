import { describe, expect, it } from 'vitest';
import { analyticsHref, parseRoute } from './route';

const parse = (search: string) => parseRoute(new URLSearchParams(search));

describe('parseRoute', () => {
  it('is the overview by default', () => {
    expect(parse('')).toEqual({ tab: 'overview', room: null, peer: null, type: null });
    expect(parse('tab=nonsense')).toMatchObject({ tab: 'overview' });
  });

  it('reads a room and a peer, a peer only within a room', () => {
    expect(parse('room=abc&peer=p1')).toMatchObject({ tab: 'overview', room: 'abc', peer: 'p1' });
    expect(parse('peer=p1')).toMatchObject({ room: null, peer: null });
    expect(parse('room=%20')).toMatchObject({ room: null });
  });

  it('reads the event type filter only on the event log, and only known types', () => {
    expect(parse('tab=events&room=r&type=ice-failed')).toMatchObject({ tab: 'events', room: 'r', type: 'ice-failed' });
    expect(parse('tab=events&type=bogus')).toMatchObject({ type: null });
    expect(parse('type=ice-failed')).toMatchObject({ type: null });
  });
});

describe('analyticsHref', () => {
  it('round-trips through parseRoute', () => {
    for (const route of [
      { tab: 'overview', room: 'abc', peer: 'p 1', type: null },
      { tab: 'events', room: 'r', peer: null, type: 'low-score' },
      { tab: 'history', room: null, peer: null, type: null },
    ] as const) {
      const href = analyticsHref(route);
      expect(parseRoute(new URL(href, 'http://x').searchParams)).toEqual(route);
    }
  });

  it('is the bare path for the overview', () => {
    expect(analyticsHref({})).toBe('/analytics');
    expect(analyticsHref({ tab: 'funnel' })).toBe('/analytics?tab=funnel');
  });
});
