import { describe, expect, it } from 'vitest';
import type { TelemetrySample } from '@/lib/analytics/types';
import type { Database } from './index';
import { TELEMETRY_LIMIT, type TelemetryInput } from './telemetryRepository';
import { useTestDatabase } from './testDatabase';

let db: Database;
useTestDatabase('telemetry', (opened) => (db = opened));

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const WINDOW_MS = 10_000;

/** A sample whose numbers all differ, so a swapped column shows. */
function sample(index: number, overrides: Partial<TelemetryInput> = {}): TelemetryInput {
  return {
    at: new Date(T0 + index * WINDOW_MS).toISOString(),
    nodeId: 'node-a',
    roomId: 'standup',
    peerId: 'peer-1',
    direction: 'upstream',
    windowMs: WINDOW_MS,
    packets: 1000 + index,
    bytes: 900_000 + index,
    bitrate: 720_000 + index,
    packetsLost: 3 + index,
    lossPercent: 0.25 + index,
    jitterMs: 4.5 + index,
    maxDelayMs: 38.5 + index,
    nackCount: 7 + index,
    pliCount: 2 + index,
    firCount: 1 + index,
    ...overrides,
  };
}

function withoutSessionId({ sessionId: _sessionId, ...rest }: TelemetryInput): TelemetrySample {
  return rest;
}

describe('TelemetryRepository', () => {
  it('stores a batch and gives every field back, without the session id', async () => {
    const stored = sample(0, { sessionId: 'session-1', direction: 'downstream' });
    await db.telemetry.insertMany([stored]);

    expect(await db.telemetry.listForPeer('standup', 'peer-1')).toEqual([withoutSessionId(stored)]);
    const [row] = await db.prisma.telemetrySample.findMany();
    expect(row).toMatchObject({ sessionId: 'session-1', nodeId: 'node-a' });
  });

  it('lists one peer of one room, newest window first', async () => {
    await db.telemetry.insertMany([
      sample(0),
      sample(2),
      sample(1),
      sample(3, { peerId: 'peer-2' }),
      sample(4, { roomId: 'other' }),
    ]);

    const listed = await db.telemetry.listForPeer('standup', 'peer-1');

    expect(listed.map((s) => s.at)).toEqual([sample(2).at, sample(1).at, sample(0).at]);
    expect(await db.telemetry.listForPeer('standup', 'peer-2')).toHaveLength(1);
    expect(await db.telemetry.listForPeer('standup', 'nobody')).toEqual([]);
  });

  it('keeps samples from `since` on, the boundary included', async () => {
    await db.telemetry.insertMany([sample(0), sample(1), sample(2)]);
    const since = new Date(sample(1).at);

    const listed = await db.telemetry.listForPeer('standup', 'peer-1', { since });

    expect(listed.map((s) => s.at)).toEqual([sample(2).at, sample(1).at]);
  });

  it('takes the newest `limit`, by default 60, at most 1000', async () => {
    const count = TELEMETRY_LIMIT.max + 1;
    await db.telemetry.insertMany(Array.from({ length: count }, (_, i) => sample(i)));

    const two = await db.telemetry.listForPeer('standup', 'peer-1', { limit: 2 });
    expect(two.map((s) => s.at)).toEqual([sample(count - 1).at, sample(count - 2).at]);
    expect(await db.telemetry.listForPeer('standup', 'peer-1')).toHaveLength(TELEMETRY_LIMIT.fallback);
    expect(await db.telemetry.listForPeer('standup', 'peer-1', { limit: count })).toHaveLength(TELEMETRY_LIMIT.max);
    expect(await db.telemetry.listForPeer('standup', 'peer-1', { limit: 0 })).toHaveLength(1);
  });

  it('stores a fractional count rounded and a NaN rate as 0 instead of failing the batch', async () => {
    await db.telemetry.insertMany([sample(0, { bitrate: 1234.6, lossPercent: Number.NaN }), sample(1)]);

    const [, first] = await db.telemetry.listForPeer('standup', 'peer-1');
    expect(first).toMatchObject({ bitrate: 1235, lossPercent: 0 });
  });

  it('prunes windows before the cutoff and keeps the one exactly at it', async () => {
    const cutoff = new Date(sample(1).at);
    await db.telemetry.insertMany([
      sample(0),
      sample(1),
      sample(1, { at: new Date(cutoff.getTime() - 1).toISOString(), peerId: 'peer-2' }),
    ]);

    expect(await db.telemetry.pruneBefore(cutoff)).toBe(2);

    expect(await db.telemetry.listForPeer('standup', 'peer-1')).toEqual([withoutSessionId(sample(1))]);
    expect(await db.telemetry.listForPeer('standup', 'peer-2')).toEqual([]);
  });

  it('does nothing for an empty batch', async () => {
    await db.telemetry.insertMany([]);

    expect(await db.prisma.telemetrySample.count()).toBe(0);
  });
});
