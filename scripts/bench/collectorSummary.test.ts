import { describe, expect, it } from 'vitest';
import type { WindowResult } from '../load/measureWindow';
import { abbaOrder, collectorCosts, COLLECTOR_GOALS, median, summarize, type CollectorMode, type RunRecord } from './collectorSummary';

function window(overrides: Partial<WindowResult>): WindowResult {
  return {
    seconds: 15,
    workerCpuPercent: 40,
    nodeCpuPercent: 3,
    loadCpuPercent: 30,
    lagP50Ms: 0.1,
    lagP99Ms: 1,
    lagMaxMs: 2,
    packetsOutPerSecond: 40_000,
    deliveryRatio: 1,
    requestsPerSecond: 0,
    ...overrides,
  };
}

function run(consumers: number, mode: CollectorMode, rep: number, overrides: Partial<WindowResult>): RunRecord {
  return { consumers, mode, rep, result: window(overrides) };
}

describe('abbaOrder', () => {
  it('alternates pairs off-on, on-off so each mode comes first as often', () => {
    expect(abbaOrder(1)).toEqual(['off', 'on']);
    expect(abbaOrder(2)).toEqual(['off', 'on', 'on', 'off']);
    expect(abbaOrder(3)).toEqual(['off', 'on', 'on', 'off', 'off', 'on']);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarize + collectorCosts', () => {
  const runs = [
    run(750, 'off', 0, { workerCpuPercent: 50, nodeCpuPercent: 4, lagP99Ms: 2 }),
    run(750, 'on', 0, { workerCpuPercent: 51.5, nodeCpuPercent: 5, lagP99Ms: 3, requestsPerSecond: 300 }),
    run(750, 'on', 1, { workerCpuPercent: 50.4, nodeCpuPercent: 5.5, lagP99Ms: 12, requestsPerSecond: 340 }),
    run(750, 'off', 1, { workerCpuPercent: 49.8, nodeCpuPercent: 3.6, lagP99Ms: 1 }),
    run(100, 'on', 0, { workerCpuPercent: 9, nodeCpuPercent: 1 }),
    run(100, 'off', 0, { workerCpuPercent: 8, nodeCpuPercent: 0.5 }),
  ];

  it('gives medians per N and mode, smallest N first, off before on', () => {
    const summary = summarize(runs);
    expect(summary.map((s) => [s.consumers, s.mode, s.runs])).toEqual([
      [100, 'off', 1],
      [100, 'on', 1],
      [750, 'off', 2],
      [750, 'on', 2],
    ]);
    expect(summary[3]).toMatchObject({ workerCpuPercent: 50.95, nodeCpuPercent: 5.25, lagP99Ms: 7.5, requestsPerSecond: 320 });
  });

  it('costs the collector as on minus off and checks each figure against its goal', () => {
    const [small, large] = collectorCosts(summarize(runs));
    expect(small).toMatchObject({ consumers: 100, workerCpuPoints: 1, nodeCpuPoints: 0.5, meets: { worker: true, node: true, lag: true } });
    expect(large).toMatchObject({ consumers: 750, workerCpuPoints: 1.05, nodeCpuPoints: 1.45, lagP99OnMs: 7.5 });
    expect(large?.meets).toEqual({ worker: false, node: true, lag: true });
    expect(COLLECTOR_GOALS.atConsumers).toBe(large?.consumers);
    expect(large?.estimated).toBeUndefined();
  });

  it('estimates the getStats part as request rate times the cost of one request', () => {
    const large = collectorCosts(summarize(runs), { workerMicros: 25, nodeMicros: 40 }).find((c) => c.consumers === 750);
    // 320 requests/s x 25 µs = 8 ms per s = 0.8 % of a core; x 40 µs = 1.28 %.
    expect(large?.estimated).toEqual({ workerCpuPoints: 0.8, nodeCpuPoints: 1.28 });
  });
});
