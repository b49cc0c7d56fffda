import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsEvent } from '@/lib/analytics/types';
import type { RoomSnapshot, RtpStreamStats } from '@/server/sfu/snapshots';
import { DEFAULT_DROP_SETTINGS, DropDetector } from './DropDetector';

const subject = { roomId: 'r1', peerId: 'p1', peerName: 'Dana' };

function stream(over: Partial<RtpStreamStats> = {}): RtpStreamStats {
  return {
    ssrc: 1,
    rid: null,
    kind: 'video',
    mimeType: 'video/VP8',
    packetCount: 100,
    byteCount: 100_000,
    bitrate: 800_000,
    packetsLost: 0,
    fractionLost: 0,
    nackCount: 0,
    pliCount: 0,
    firCount: 0,
    score: 10,
    jitterMs: 2,
    roundTripTime: null,
    ...over,
  };
}

function roomWithConsumerScore(score: number, paused = false): RoomSnapshot {
  return {
    id: 'r1',
    workerIndex: 0,
    workerPid: 1,
    createdAt: 0,
    activeSpeakerId: null,
    peers: [
      {
        id: 'p1',
        roomId: 'r1',
        displayName: 'Dana',
        userAgent: null,
        joinedAt: 0,
        transports: [],
        producers: [],
        consumers: [
          {
            id: 'c1',
            peerId: 'p1',
            producerId: 'x',
            producerPeerId: 'p2',
            kind: 'video',
            source: 'camera',
            type: 'simulcast',
            paused,
            producerPaused: false,
            score,
            producerScore: 10,
            producerScores: [10, 10, 10],
            currentLayers: null,
            preferredLayers: null,
          },
        ],
      },
    ],
  };
}

describe('DropDetector', () => {
  let events: AnalyticsEvent[];
  let detector: DropDetector;

  beforeEach(() => {
    vi.useFakeTimers();
    events = [];
    detector = new DropDetector('node-a', DEFAULT_DROP_SETTINGS, (e) => events.push(e));
  });

  afterEach(() => {
    detector.close();
    vi.useRealTimers();
  });

  it('logs a dropped peer with its reason, and not one that left or was shut down', () => {
    detector.peerRemoved(subject, 'left', { connectedSeconds: 9, transportIds: [] });
    detector.peerRemoved(subject, 'server-shutdown', { connectedSeconds: 9, transportIds: [] });
    expect(events).toEqual([]);
    detector.peerRemoved(subject, 'disconnected: ping timeout', { connectedSeconds: 42, transportIds: [] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'peer-dropped',
      severity: 'warning',
      nodeId: 'node-a',
      ...subject,
      data: { reason: 'disconnected: ping timeout', connectedSeconds: 42 },
    });
    expect(Date.parse(events[0]!.at)).not.toBeNaN();
  });

  it('treats a closed page (transport close) as information, a dead room as an error', () => {
    detector.peerRemoved(subject, 'disconnected: transport close', { connectedSeconds: 1, transportIds: [] });
    detector.peerRemoved(subject, 'room-closed: worker-died', { connectedSeconds: 1, transportIds: [] });
    expect(events.map((e) => e.severity)).toEqual(['info', 'error']);
  });

  it('does not count a consumer that ended with its producer, but one whose transport went', () => {
    detector.consumerClosed(subject, 'c1', 'prod', 'producer-closed');
    expect(events).toEqual([]);
    detector.consumerClosed(subject, 'c1', 'prod', 'transport-closed');
    expect(events[0]).toMatchObject({ type: 'consumer-closed', objectId: 'c1', data: { producerId: 'prod', cause: 'transport-closed' } });
  });

  it('reports ICE disconnected at once and failed when it stays so, unless it comes back', () => {
    const change = { transportId: 't1', direction: 'send' as const, iceState: 'disconnected', dtlsState: 'connected', iceSelectedTuple: null };
    detector.transportState(subject, change);
    expect(events.map((e) => e.type)).toEqual(['ice-disconnected']);
    vi.advanceTimersByTime(DEFAULT_DROP_SETTINGS.iceFailedAfterMs);
    expect(events.map((e) => e.type)).toEqual(['ice-disconnected', 'ice-failed']);

    detector.transportState(subject, { ...change, transportId: 't2' });
    detector.transportState(subject, { ...change, transportId: 't2', iceState: 'completed' });
    vi.advanceTimersByTime(60_000);
    expect(events.filter((e) => e.objectId === 't2').map((e) => e.type)).toEqual(['ice-disconnected']);
    expect(detector.totals.iceErrors).toBe(2);
  });

  it('stops the ICE clock of a peer that left', () => {
    detector.transportState(subject, { transportId: 't9', direction: 'recv', iceState: 'disconnected', dtlsState: 'connected', iceSelectedTuple: null });
    detector.peerRemoved(subject, 'left', { connectedSeconds: 3, transportIds: ['t9'] });
    vi.advanceTimersByTime(60_000);
    expect(events.map((e) => e.type)).toEqual(['ice-disconnected']);
  });

  it('logs DTLS failure and a worker death, and counts them for /metrics', () => {
    detector.transportState(subject, { transportId: 't1', direction: 'recv', iceState: 'connected', dtlsState: 'failed', iceSelectedTuple: null });
    detector.workerDied({ index: 1, pid: 4242, error: 'killed' });
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ['dtls-failed', 'error'],
      ['worker-died', 'error'],
    ]);
    expect(events[1]).toMatchObject({ roomId: null, data: { worker: 1, pid: 4242 } });
    expect(detector.totals).toMatchObject({ dtlsErrors: 1, workerCrashes: 1 });
  });

  it('logs loss above the threshold once per episode, with the numbers', () => {
    const lossy = stream({ fractionLost: Math.ceil(0.06 * 256), packetsLost: 30 });
    detector.producerSample(subject, 'prod', 'audio', false, [lossy], 0);
    detector.producerSample(subject, 'prod', 'audio', false, [lossy], 2000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'high-loss', objectId: 'prod', data: { thresholdPercent: 5, packetsLost: 30 } });
    expect(events[0]!.data.lossPercent).toBeGreaterThan(5);
    // Just under the threshold nothing is logged.
    detector.consumerSample(subject, 'c1', false, stream({ fractionLost: Math.round(0.05 * 256) - 1 }), 0);
    expect(events).toHaveLength(1);
  });

  it('logs a video bitrate collapse against its recent average, and ignores a paused producer', () => {
    for (let t = 0; t < 5; t++) detector.producerSample(subject, 'cam', 'video', false, [stream({ bitrate: 900_000 })], t * 2000);
    detector.producerSample(subject, 'cam', 'video', true, [stream({ bitrate: 0 })], 10_000);
    expect(events).toEqual([]);
    for (let t = 0; t < 5; t++) detector.producerSample(subject, 'cam', 'video', false, [stream({ bitrate: 900_000 })], 12_000 + t * 2000);
    detector.producerSample(subject, 'cam', 'video', false, [stream({ bitrate: 200_000 })], 30_000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'bitrate-collapse', data: { currentKbps: 200, averageKbps: 900, threshold: 0.5 } });
  });

  it('logs a low score only once it has held, and not for a paused consumer', () => {
    const holdMs = DEFAULT_DROP_SETTINGS.lowScoreHoldMs;
    detector.scores([roomWithConsumerScore(3, true)], 0);
    detector.scores([roomWithConsumerScore(3, true)], holdMs * 2);
    expect(events).toEqual([]);
    detector.scores([roomWithConsumerScore(3)], 100_000);
    detector.scores([roomWithConsumerScore(3)], 100_000 + holdMs - 1);
    expect(events).toEqual([]);
    detector.scores([roomWithConsumerScore(3)], 100_000 + holdMs);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'low-score', objectId: 'c1', data: { role: 'consumer', score: 3, threshold: 5 } });
  });

  it('logs a join that never got media with its last stage', () => {
    detector.joinFailed(subject, 'transports-connected', 31);
    expect(events[0]).toMatchObject({ type: 'join-failed', data: { lastStage: 'transports-connected', waitedSeconds: 31 } });
  });
});
