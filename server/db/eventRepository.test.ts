import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '@/lib/analytics/types';
import { AppError } from '@/lib/protocol';
import { EVENT_LIMIT, parseSince } from './eventRepository';
import type { Database } from './index';
import { useTestDatabase } from './testDatabase';

let db: Database;
useTestDatabase('events', (opened) => (db = opened));

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const SECOND = 1000;

function event(index: number, overrides: Partial<AnalyticsEvent> = {}): AnalyticsEvent {
  return {
    id: `event-${String(index).padStart(4, '0')}`,
    at: new Date(T0 + index * SECOND).toISOString(),
    nodeId: 'node-a',
    type: 'low-score',
    severity: 'warning',
    roomId: 'standup',
    peerId: 'peer-1',
    peerName: 'Ada',
    objectId: 'consumer-1',
    cause: 'Score stayed below 5 for 10 s',
    data: { score: 3, threshold: 5 },
    ...overrides,
  };
}

const ids = (events: AnalyticsEvent[]) => events.map((e) => e.id);

describe('EventRepository', () => {
  it('stores events and gives them back whole, data parsed from JSON', async () => {
    const stored = event(0, {
      type: 'peer-dropped',
      severity: 'error',
      data: { seconds: 12.5, reason: 'ping timeout', explicitLeave: false, kbps: null },
    });
    const bare = event(1, { roomId: null, peerId: null, peerName: null, objectId: null, type: 'worker-died', data: {} });
    await db.events.insertMany([stored, bare]);

    expect(await db.events.list()).toEqual([bare, stored]);
    const row = await db.prisma.analyticsEvent.findUniqueOrThrow({ where: { id: stored.id } });
    expect(JSON.parse(row.data)).toEqual(stored.data);
  });

  it('lists newest first, the same millisecond ordered by id', async () => {
    await db.events.insertMany([event(1), event(3), event(2), event(4, { at: event(3).at })]);

    expect(ids(await db.events.list())).toEqual([event(4).id, event(3).id, event(2).id, event(1).id]);
  });

  it('filters by room, peer, type and node', async () => {
    await db.events.insertMany([
      event(0),
      event(1, { roomId: 'other' }),
      event(2, { peerId: 'peer-2' }),
      event(3, { type: 'high-loss' }),
      event(4, { nodeId: 'node-b' }),
    ]);

    expect(ids(await db.events.list({ roomId: 'other' }))).toEqual([event(1).id]);
    expect(ids(await db.events.list({ peerId: 'peer-2' }))).toEqual([event(2).id]);
    expect(ids(await db.events.list({ type: 'high-loss' }))).toEqual([event(3).id]);
    expect(ids(await db.events.list({ nodeId: 'node-b' }))).toEqual([event(4).id]);
    expect(ids(await db.events.list({ roomId: 'standup', peerId: 'peer-1', type: 'low-score', nodeId: 'node-a' }))).toEqual(
      [event(0).id],
    );
  });

  it('takes `since` as an ISO time or unix ms, the boundary included', async () => {
    await db.events.insertMany([event(0), event(1), event(2)]);
    const expected = [event(2).id, event(1).id];

    expect(ids(await db.events.list({ since: event(1).at }))).toEqual(expected);
    expect(ids(await db.events.list({ since: String(Date.parse(event(1).at)) }))).toEqual(expected);
  });

  it('refuses a `since` that is no time', async () => {
    const attempt = db.events.list({ since: 'yesterday-ish' });

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_payload' });
  });

  it('takes the newest `limit`, by default 100, at most 1000', async () => {
    const count = EVENT_LIMIT.max + 1;
    await db.events.insertMany(Array.from({ length: count }, (_, i) => event(i)));

    expect(ids(await db.events.list({ limit: 2 }))).toEqual([event(count - 1).id, event(count - 2).id]);
    expect(await db.events.list()).toHaveLength(EVENT_LIMIT.fallback);
    expect(await db.events.list({ limit: count })).toHaveLength(EVENT_LIMIT.max);
  });

  it('prunes events before the cutoff and keeps the one exactly at it', async () => {
    const cutoff = new Date(event(1).at);
    await db.events.insertMany([event(0), event(1), event(2, { at: new Date(cutoff.getTime() - 1).toISOString() })]);

    expect(await db.events.pruneBefore(cutoff)).toBe(2);

    expect(ids(await db.events.list())).toEqual([event(1).id]);
  });

  it('reads a hand-edited, unparsable data column as no data', async () => {
    await db.events.insertMany([event(0)]);
    await db.prisma.analyticsEvent.update({ where: { id: event(0).id }, data: { data: 'not json' } });

    expect(await db.events.list()).toMatchObject([{ id: event(0).id, data: {} }]);
  });
});

describe('parseSince', () => {
  it('reads digits as unix ms and anything else as a date string', () => {
    const ms = Date.parse('2026-01-01T10:00:00.000Z');
    expect(parseSince(String(ms)).getTime()).toBe(ms);
    expect(parseSince('2026-01-01T10:00:00.000Z').getTime()).toBe(ms);
    expect(() => parseSince('')).toThrow(AppError);
    expect(() => parseSince('not a date')).toThrow(AppError);
  });
});
