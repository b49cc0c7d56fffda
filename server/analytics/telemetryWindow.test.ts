import { describe, expect, it } from 'vitest';
import { TelemetryWindow, type StreamCounters } from './telemetryWindow';

const META = { nodeId: 'node-a', roomId: 'room-1', peerId: 'peer-1' };

/** A stream reading with every counter at 0 unless given. */
function stream(key: string, counters: Partial<Omit<StreamCounters, 'key'>> = {}): StreamCounters {
  return { key, packets: 0, bytes: 0, packetsLost: 0, nackCount: 0, pliCount: 0, firCount: 0, ...counters };
}

/** Cumulative readings that grow by `step` per sweep, as mediasoup reports them. */
function grown(key: string, sweep: number, step: Partial<Omit<StreamCounters, 'key'>>): StreamCounters {
  const counters: Partial<Omit<StreamCounters, 'key'>> = {};
  for (const [field, value] of Object.entries(step)) (counters as Record<string, number>)[field] = (value as number) * sweep;
  return stream(key, counters);
}

describe('TelemetryWindow', () => {
  it('sums the deltas of cumulative counters over the sweeps of a window', () => {
    const window = new TelemetryWindow(0);
    const step = { packets: 100, bytes: 10_000, packetsLost: 2, nackCount: 3, pliCount: 1, firCount: 1 };
    // Readings at 1 s, 2 s, 3 s: the first one is only a baseline.
    for (const sweep of [1, 2, 3]) window.addSample('upstream', grown('p:1', sweep, step), sweep * 1000);
    const [sample] = window.close(4000, META);
    expect(sample).toMatchObject({
      direction: 'upstream',
      windowMs: 4000,
      packets: step.packets * 2,
      bytes: step.bytes * 2,
      packetsLost: step.packetsLost * 2,
      nackCount: step.nackCount * 2,
      pliCount: step.pliCount * 2,
      firCount: step.firCount * 2,
    });
  });

  it('carries the last reading into the next window, so deltas span the boundary', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1', { packets: 1000 }), 1000);
    window.addSample('upstream', stream('p:1', { packets: 1300 }), 9000);
    const first = window.close(10_000, META);
    window.addSample('upstream', stream('p:1', { packets: 1350 }), 11_000);
    window.addSample('upstream', stream('p:1', { packets: 1500 }), 19_000);
    const second = window.close(20_000, META);
    expect(first[0].packets).toBe(300);
    expect(second[0].packets).toBe(200);
    expect(second[0].windowMs).toBe(10_000);
  });

  it('counts a stream that restarted mid-window from 0', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1', { packets: 5000, bytes: 500_000, nackCount: 40 }), 1000);
    window.addSample('upstream', stream('p:1', { packets: 5200, bytes: 520_000, nackCount: 44 }), 2000);
    // The producer was re-created: its counters start over.
    window.addSample('upstream', stream('p:1', { packets: 50, bytes: 5000, nackCount: 1 }), 3000);
    const [sample] = window.close(4000, META);
    expect(sample.packets).toBe(200 + 50);
    expect(sample.bytes).toBe(20_000 + 5000);
    expect(sample.nackCount).toBe(4 + 1);
  });

  it('does not take a dip of the lost counter alone as a restart', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1', { packets: 1000, packetsLost: 30 }), 1000);
    // Retransmissions arrived: RTCP's cumulative lost falls while packets grow.
    window.addSample('upstream', stream('p:1', { packets: 1100, packetsLost: 25 }), 2000);
    window.addSample('upstream', stream('p:1', { packets: 1200, packetsLost: 29 }), 3000);
    const [sample] = window.close(4000, META);
    expect(sample.packetsLost).toBe(29 - 25);
  });

  it('sums the streams of one direction', () => {
    const window = new TelemetryWindow(0);
    for (const [sweep, atMs] of [[1, 1000], [2, 2000]]) {
      window.addSample('upstream', grown('video:1', sweep, { packets: 90, bytes: 90_000 }), atMs);
      window.addSample('upstream', grown('audio:2', sweep, { packets: 50, bytes: 4000 }), atMs);
    }
    const [sample] = window.close(2000, META);
    expect(sample.packets).toBe(90 + 50);
    expect(sample.bytes).toBe(90_000 + 4000);
  });

  it('keeps the directions apart and returns upstream first', () => {
    const window = new TelemetryWindow(0);
    window.addSample('downstream', stream('c1', { packets: 10 }), 1000);
    window.addSample('upstream', stream('p:1', { packets: 10 }), 1000);
    window.addSample('downstream', stream('c1', { packets: 70 }), 2000);
    window.addSample('upstream', stream('p:1', { packets: 30 }), 2000);
    const samples = window.close(3000, META);
    expect(samples.map((s) => [s.direction, s.packets])).toEqual([
      ['upstream', 20],
      ['downstream', 60],
    ]);
  });

  it('computes the bitrate over the whole window', () => {
    const window = new TelemetryWindow(0);
    const bytesPerSweep = 125_000;
    for (const sweep of [0, 1, 2, 3, 4]) window.addSample('downstream', grown('c1', sweep, { bytes: bytesPerSweep }), sweep * 2000);
    const windowMs = 10_000;
    const [sample] = window.close(windowMs, META);
    expect(sample.bitrate).toBe(Math.round((bytesPerSweep * 4 * 8 * 1000) / windowMs));
  });

  it('computes loss as lost over lost plus received', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1'), 1000);
    window.addSample('upstream', stream('p:1', { packets: 950, packetsLost: 50 }), 2000);
    const [sample] = window.close(3000, META);
    expect(sample.lossPercent).toBe((50 / (950 + 50)) * 100);
  });

  it('takes the largest round-trip time of the window as the max delay', () => {
    const window = new TelemetryWindow(0);
    window.addSample('downstream', stream('c1', { roundTripTimeMs: 40 }), 1000);
    window.addSample('downstream', stream('c2', { roundTripTimeMs: 120 }), 1000);
    window.addSample('downstream', stream('c1', { roundTripTimeMs: null }), 2000);
    window.addSample('downstream', stream('c1', { roundTripTimeMs: 65 }), 3000);
    const [sample] = window.close(4000, META);
    expect(sample.maxDelayMs).toBe(120);
    // The maximum belongs to its window: the next one starts from nothing.
    window.addSample('downstream', stream('c1', { roundTripTimeMs: 30 }), 5000);
    expect(window.close(6000, META)[0].maxDelayMs).toBe(30);
  });

  it('takes jitter as the worst stream by its latest reading', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1', { jitterMs: 50 }), 1000);
    window.addSample('upstream', stream('p:2', { jitterMs: 8 }), 1000);
    // p:1 recovered; its earlier spike no longer describes it.
    window.addSample('upstream', stream('p:1', { jitterMs: 4 }), 2000);
    window.addSample('upstream', stream('p:2', { jitterMs: 12 }), 2000);
    const [sample] = window.close(3000, META);
    expect(sample.jitterMs).toBe(12);
  });

  it('reports 0 loss, jitter and delay when nothing moved, yet still reports the direction', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1', { packets: 400 }), 1000);
    window.addSample('upstream', stream('p:1', { packets: 400 }), 2000);
    const samples = window.close(3000, META);
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ packets: 0, bytes: 0, bitrate: 0, lossPercent: 0, jitterMs: 0, maxDelayMs: 0 });
  });

  it('returns nothing for a window without streams and starts the next one', () => {
    const window = new TelemetryWindow(0);
    expect(window.close(10_000, META)).toEqual([]);
    window.addSample('upstream', stream('p:1'), 12_000);
    expect(window.close(20_000, META)[0].windowMs).toBe(10_000);
  });

  it('returns nothing for a direction that had no stream this window', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1'), 1000);
    window.addSample('downstream', stream('c1'), 1000);
    window.close(2000, META);
    window.addSample('downstream', stream('c1'), 3000);
    expect(window.close(4000, META).map((s) => s.direction)).toEqual(['downstream']);
  });

  it('starts the first window at the first sample when given no start', () => {
    const window = new TelemetryWindow();
    window.addSample('upstream', stream('p:1'), 7000);
    expect(window.close(10_000, META)[0].windowMs).toBe(3000);
  });

  it('stamps each sample with the window end and who it is about', () => {
    const window = new TelemetryWindow(0);
    window.addSample('upstream', stream('p:1'), 1000);
    const endMs = Date.UTC(2025, 0, 2, 3, 4, 5);
    const [sample] = window.close(endMs, { ...META, extra: 'not stored' } as typeof META);
    expect(sample.at).toBe(new Date(endMs).toISOString());
    expect(sample).toMatchObject(META);
    expect(sample).not.toHaveProperty('extra');
  });

  it('counts a stream that closed and came back under the same key from first sight', () => {
    const window = new TelemetryWindow(0);
    window.addSample('downstream', stream('c1', { packets: 100 }), 1000);
    window.addSample('downstream', stream('c1', { packets: 160 }), 2000);
    window.forget('c1');
    // Without forget, 900 > 160 would count as 740 new packets.
    window.addSample('downstream', stream('c1', { packets: 900 }), 3000);
    window.addSample('downstream', stream('c1', { packets: 930 }), 4000);
    const [sample] = window.close(5000, META);
    expect(sample.packets).toBe(60 + 30);
  });

  it('keeps what a forgotten stream added to the window', () => {
    const window = new TelemetryWindow(0);
    window.addSample('downstream', stream('c1', { bytes: 0 }), 1000);
    window.addSample('downstream', stream('c1', { bytes: 5000 }), 2000);
    window.forget('c1');
    const [sample] = window.close(3000, META);
    expect(sample.bytes).toBe(5000);
  });
});
