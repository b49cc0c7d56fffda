import { describe, expect, it } from 'vitest';
import type { Database } from './index';
import { pruneHistory, retentionCutoff } from './retention';
import { SessionRepository } from './sessionRepository';
import { StreamRepository, type StreamSampleInput } from './streamRepository';
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

  function streamSampleAt(at: Date, streamId: string): StreamSampleInput {
    return {
      streamId,
      sessionId: `run-${streamId}`,
      at,
      sample: {
        bitrate: 2500,
        fps: 30,
        width: 1280,
        height: 720,
        packetLoss: 0,
        latency: 20,
        jitter: 2,
        audioLevel: -30,
        uploadKbps: 5000,
        qualityLimitationReason: 'none',
        band: 'good',
        layers: [],
      },
    };
  }

  /** A stream run that ended at `endedAt` (null: still open, started a long time ago). */
  async function streamRunEndingAt(streamId: string, endedAt: Date | null): Promise<void> {
    let clock = new Date((endedAt ?? justBefore).getTime() - DAY_MS);
    const streams = new StreamRepository(db.prisma, { now: () => clock });
    const id = await streams.startSession({ streamId, peerId: `peer-${streamId}`, ownerKeyHash: 'a'.repeat(64) });
    if (endedAt === null) return;
    clock = endedAt;
    await streams.endSession(id, 'ended');
  }

  it('deletes telemetry, events, stream samples and closed sessions and runs older than the retention, keeping the cutoff itself', async () => {
    await db.telemetry.insertMany([telemetryAt(justBefore, 'old'), telemetryAt(cutoff, 'kept')]);
    await db.events.insertMany([eventAt(justBefore, 'old'), eventAt(cutoff, 'kept')]);
    await sessionEndingAt('old', justBefore);
    await sessionEndingAt('kept', cutoff);
    await db.streams.insertSamples([streamSampleAt(justBefore, 'old'), streamSampleAt(cutoff, 'kept')]);
    await streamRunEndingAt('old', justBefore);
    await streamRunEndingAt('kept', cutoff);
    await streamRunEndingAt('open', null);

    expect(await pruneHistory(db, { now, retentionDays })).toEqual({
      telemetry: 1,
      events: 1,
      sessions: 1,
      streamSamples: 1,
      streamSessions: 1,
    });

    expect((await db.prisma.telemetrySample.findMany()).map((s) => s.peerId)).toEqual(['kept']);
    expect((await db.events.list()).map((e) => e.id)).toEqual(['kept']);
    expect((await db.prisma.participantSession.findMany()).map((s) => s.peerId)).toEqual(['kept']);
    expect((await db.prisma.room.findMany()).map((r) => r.id)).toEqual(['room-kept']);
    expect((await db.prisma.streamSample.findMany()).map((s) => s.streamId)).toEqual(['kept']);
    // An open run is kept however old it is.
    expect((await db.prisma.streamSession.findMany({ orderBy: { streamId: 'asc' } })).map((s) => s.streamId)).toEqual([
      'kept',
      'open',
    ]);
  });

  it('finds nothing to delete in a fresh database', async () => {
    expect(await pruneHistory(db, { now, retentionDays })).toEqual({
      telemetry: 0,
      events: 0,
      sessions: 0,
      streamSamples: 0,
      streamSessions: 0,
    });
  });
});
