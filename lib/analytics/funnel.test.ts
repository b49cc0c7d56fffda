import { describe, expect, it } from 'vitest';
import { buildFunnel, lastStageOf } from './funnel';
import type { SessionRecord } from './types';

const NOW = new Date('2026-12-02T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

function session(over: Partial<SessionRecord>): SessionRecord {
  return {
    id: Math.random().toString(36),
    nodeId: 'n1',
    roomId: 'r',
    peerId: 'p',
    displayName: 'X',
    userAgent: null,
    joinedAt: minutesAgo(10),
    leftAt: null,
    leaveReason: null,
    transportsConnectedMs: null,
    firstMediaSentMs: null,
    firstMediaReceivedMs: null,
    relayed: false,
    ...over,
  };
}

const full = (connected: number, sent: number, received: number) =>
  session({ transportsConnectedMs: connected, firstMediaSentMs: sent, firstMediaReceivedMs: received });

describe('buildFunnel', () => {
  it('counts sessions per stage with nearest-rank p50/p95 of the time to reach it', () => {
    const view = buildFunnel([full(100, 200, 300), full(200, 300, 900), full(300, 400, 1500), session({ leftAt: minutesAgo(9) })], {
      now: NOW,
      since: new Date(0),
    });
    expect(view.sessions).toBe(4);
    expect(view.stages.map((s) => [s.stage, s.count])).toEqual([
      ['joined', 4],
      ['transports-connected', 3],
      ['media-sent', 3],
      ['media-received', 3],
    ]);
    const received = view.stages[3]!;
    expect([received.p50Ms, received.p95Ms]).toEqual([900, 1500]);
    expect(received.histogram.find((b) => b.leMs === 500)!.count).toBe(1);
    expect(received.histogram.find((b) => b.leMs === 1000)!.count).toBe(1);
    expect(received.histogram.find((b) => b.leMs === 2000)!.count).toBe(1);
    expect(view.stages[0]).toMatchObject({ p50Ms: null, p95Ms: null, histogram: [] });
  });

  it('counts as failed what left, or waited past the stall time, without media, by last stage', () => {
    const sessions = [
      session({ leftAt: minutesAgo(9) }),
      session({ transportsConnectedMs: 200, leftAt: minutesAgo(9) }),
      session({ transportsConnectedMs: 200, firstMediaSentMs: 400 }), // 10 min old, still no media
      session({ joinedAt: new Date(NOW.getTime() - 5000).toISOString() }), // still joining
      full(1, 2, 3),
    ];
    const view = buildFunnel(sessions, { now: NOW, since: new Date(0), stallMs: 30_000 });
    expect(view.failed).toBe(3);
    expect(view.failedByLastStage).toEqual({ joined: 1, 'transports-connected': 1, 'media-sent': 1, 'media-received': 0 });
  });

  it('counts relayed sessions and says since when', () => {
    const view = buildFunnel([full(1, 2, 3), session({ relayed: true })], { now: NOW, since: new Date(5) });
    expect(view.relayed).toBe(1);
    expect(view.since).toBe(new Date(5).toISOString());
  });

  it('is empty without sessions', () => {
    const view = buildFunnel([], { now: NOW, since: NOW });
    expect(view.sessions).toBe(0);
    expect(view.failed).toBe(0);
    expect(view.stages.every((s) => s.count === 0 && (s.p50Ms === null))).toBe(true);
  });
});

describe('lastStageOf', () => {
  it('is the furthest stage reached', () => {
    expect(lastStageOf(session({}))).toBe('joined');
    expect(lastStageOf(session({ transportsConnectedMs: 5 }))).toBe('transports-connected');
    expect(lastStageOf(full(1, 2, 3))).toBe('media-received');
  });
});
