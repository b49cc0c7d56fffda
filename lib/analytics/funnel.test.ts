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

describe('buildFunnel, edges', () => {
  const stallMs = 30_000;
  const joinedMsAgo = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

  it('fails an open join only once it has waited longer than the stall time', () => {
    const atLimit = buildFunnel([session({ joinedAt: joinedMsAgo(stallMs) })], { now: NOW, since: new Date(0), stallMs });
    const pastLimit = buildFunnel([session({ joinedAt: joinedMsAgo(stallMs + 1) })], { now: NOW, since: new Date(0), stallMs });
    expect(atLimit.failed).toBe(0);
    expect(pastLimit.failed).toBe(1);
  });

  it('fails a join that left without media however young it was', () => {
    const view = buildFunnel([session({ joinedAt: joinedMsAgo(1000), leftAt: NOW.toISOString() })], { now: NOW, since: new Date(0), stallMs });
    expect(view.failedByLastStage.joined).toBe(1);
  });

  it('does not fail a session that received media, left or not', () => {
    const view = buildFunnel([full(1, 2, 3), { ...full(1, 2, 3), leftAt: minutesAgo(1) }], { now: NOW, since: new Date(0), stallMs });
    expect(view.failed).toBe(0);
  });

  it('counts a listener that received media without sending any as reaching media-received', () => {
    const listener = session({ transportsConnectedMs: 100, firstMediaReceivedMs: 400 });
    const view = buildFunnel([listener], { now: NOW, since: new Date(0) });
    expect(view.stages.map((s) => s.count)).toEqual([1, 1, 0, 1]);
    expect(lastStageOf(listener)).toBe('media-received');
  });

  it('leaves out sessions that joined before since', () => {
    const since = new Date(NOW.getTime() - 60_000);
    const before = session({ joinedAt: joinedMsAgo(60_001), relayed: true });
    const atSince = session({ joinedAt: joinedMsAgo(60_000), relayed: false });
    const view = buildFunnel([before, atSince], { now: NOW, since });
    expect(view.sessions).toBe(1);
    expect(view.stages[0]!.count).toBe(1);
    expect(view.relayed).toBe(0);
  });

  it('uses the given histogram bounds plus an open bucket', () => {
    const view = buildFunnel([full(50, 150, 700)], { now: NOW, since: new Date(0), boundsMs: [100, 1000] });
    expect(view.stages[1]!.histogram).toEqual([
      { leMs: 100, count: 1 },
      { leMs: 1000, count: 0 },
      { leMs: null, count: 0 },
    ]);
    expect(view.stages[3]!.histogram.map((b) => b.count)).toEqual([0, 1, 0]);
  });

  it('defaults to the bounds 250 ms to 10 s', () => {
    const view = buildFunnel([full(1, 2, 3)], { now: NOW, since: new Date(0) });
    expect(view.stages[1]!.histogram.map((b) => b.leMs)).toEqual([250, 500, 1000, 2000, 5000, 10000, null]);
  });

  it('has every stage in the failed breakdown, 0 when none failed there', () => {
    const view = buildFunnel([], { now: NOW, since: NOW });
    expect(view.failedByLastStage).toEqual({ joined: 0, 'transports-connected': 0, 'media-sent': 0, 'media-received': 0 });
  });
});
