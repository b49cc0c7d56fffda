import { describe, expect, it } from 'vitest';
import type { Database } from './index';
import { pruneHistory, retentionCutoff } from './retention';
import { SessionRepository } from './sessionRepository';
import { useTestDatabase } from './testDatabase';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('retentionCutoff', () => {
  it('goes back the given days, fractions included', () => {
    const now = new Date('2026-01-08T12:00:00.000Z');

    expect(retentionCutoff(now, 7)).toEqual(new Date(now.getTime() - 7 * DAY_MS));
    expect(retentionCutoff(now, 0.5)).toEqual(new Date(now.getTime() - DAY_MS / 2));
  });

  it('refuses a retention that is not a positive number of days', () => {
    const now = new Date();
    for (const days of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => retentionCutoff(now, days)).toThrow(RangeError);
    }
  });
});

describe('pruneHistory', () => {
  let db: Database;
  useTestDatabase('retention', (opened) => (db = opened));

  const now = new Date('2026-01-08T12:00:00.000Z');
  const retentionDays = 7;
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const justBefore = new Date(cutoff.getTime() - 1);

  function telemetryAt(at: Date, peerId: string) {
    return {
      at: at.toISOString(),
      nodeId: 'local',
      roomId: 'standup',
      peerId,
      direction: 'upstream' as const,
      windowMs: 10_000,
      packets: 1,
      bytes: 1,
      bitrate: 1,
      packetsLost: 0,
      lossPercent: 0,
      jitterMs: 0,
      maxDelayMs: 0,
      nackCount: 0,
      pliCount: 0,
      firCount: 0,
    };
  }

  function eventAt(at: Date, id: string) {
    return {
      id,
      at: at.toISOString(),
      nodeId: 'local',
      type: 'high-loss' as const,
      severity: 'warning' as const,
      roomId: 'standup',
      peerId: null,
      peerName: null,
      objectId: null,
      cause: 'Loss above 10 %',
      data: { lossPercent: 12 },
    };
  }

  async function sessionEndingAt(peerId: string, leftAt: Date): Promise<void> {
    let clock = new Date(leftAt.getTime() - DAY_MS);
    const sessions = new SessionRepository(db.prisma, { now: () => clock });
    const id = await sessions.recordJoin({ roomId: `room-${peerId}`, peerId, displayName: peerId });
    clock = leftAt;
    await sessions.recordLeave(id, 'left');
  }

  it('deletes telemetry, events and closed sessions older than the retention, keeping the cutoff itself', async () => {
    await db.telemetry.insertMany([telemetryAt(justBefore, 'old'), telemetryAt(cutoff, 'kept')]);
    await db.events.insertMany([eventAt(justBefore, 'old'), eventAt(cutoff, 'kept')]);
    await sessionEndingAt('old', justBefore);
    await sessionEndingAt('kept', cutoff);

    expect(await pruneHistory(db, { now, retentionDays })).toEqual({ telemetry: 1, events: 1, sessions: 1 });

    expect((await db.prisma.telemetrySample.findMany()).map((s) => s.peerId)).toEqual(['kept']);
    expect((await db.events.list()).map((e) => e.id)).toEqual(['kept']);
    expect((await db.prisma.participantSession.findMany()).map((s) => s.peerId)).toEqual(['kept']);
    expect((await db.prisma.room.findMany()).map((r) => r.id)).toEqual(['room-kept']);
  });

  it('finds nothing to delete in a fresh database', async () => {
    expect(await pruneHistory(db, { now, retentionDays })).toEqual({ telemetry: 0, events: 0, sessions: 0 });
  });
});
