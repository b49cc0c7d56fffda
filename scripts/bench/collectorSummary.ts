import type { WindowResult } from '../load/measureWindow';

/*
 * How bench-collector turns its windows into figures: runs alternate
 * collector off and on (ABBA, so a slow drift of the machine weighs on both
 * alike), each mode is summarised by medians, and the on-minus-off costs are
 * set against issue 6's goals. The goals are reported, never asserted.
 */

export type CollectorMode = 'off' | 'on';

export interface RunRecord {
  consumers: number;
  mode: CollectorMode;
  rep: number;
  result: WindowResult;
}

export interface ModeSummary {
  consumers: number;
  mode: CollectorMode;
  runs: number;
  workerCpuPercent: number;
  nodeCpuPercent: number;
  loadCpuPercent: number;
  lagP99Ms: number;
  packetsOutPerSecond: number;
  deliveryRatio: number;
  requestsPerSecond: number;
}

export interface CostSummary {
  consumers: number;
  /** Percentage points of one core. */
  workerCpuPoints: number;
  nodeCpuPoints: number;
  lagP99OnMs: number;
  meets: { worker: boolean; node: boolean; lag: boolean };
  /** The collector's getStats rate times the measured cost of one request, in points of a core. */
  estimated?: { workerCpuPoints: number; nodeCpuPoints: number };
}

/** µs of CPU one getStats request costs (see statsCost.ts). */
export interface PerRequestCost {
  workerMicros: number;
  nodeMicros: number;
}

/** Issue 6: at 750 consumers the collector costs ≤ 1 % of the worker core and ≤ 2 % of the Node core; lag p99 ≤ 10 ms. */
export const COLLECTOR_GOALS = { atConsumers: 750, workerCpuPoints: 1, nodeCpuPoints: 2, lagP99Ms: 10 } as const;

/** off on on off off on on off ...: `reps` windows of each mode. */
export function abbaOrder(reps: number): CollectorMode[] {
  return Array.from({ length: reps * 2 }, (_, i) => {
    const firstOfPair = i % 2 === 0;
    const flipped = Math.floor(i / 2) % 2 === 1;
    return firstOfPair !== flipped ? 'off' : 'on';
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(runs: readonly RunRecord[]): ModeSummary[] {
  const groups = new Map<string, RunRecord[]>();
  for (const run of runs) {
    const key = `${run.consumers}:${run.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()]
    .map((group) => {
      const m = (pick: (r: WindowResult) => number, digits = 2) => round(median(group.map((g) => pick(g.result))), digits);
      return {
        consumers: group[0]!.consumers,
        mode: group[0]!.mode,
        runs: group.length,
        workerCpuPercent: m((r) => r.workerCpuPercent),
        nodeCpuPercent: m((r) => r.nodeCpuPercent),
        loadCpuPercent: m((r) => r.loadCpuPercent),
        lagP99Ms: m((r) => r.lagP99Ms),
        packetsOutPerSecond: m((r) => r.packetsOutPerSecond, 0),
        deliveryRatio: m((r) => r.deliveryRatio, 3),
        requestsPerSecond: m((r) => r.requestsPerSecond, 1),
      };
    })
    .sort((a, b) => a.consumers - b.consumers || (a.mode === 'off' ? -1 : 1));
}

/** The collector's cost per N: median on minus median off, and optionally its request rate times a request's cost. */
export function collectorCosts(summary: readonly ModeSummary[], perRequest?: PerRequestCost): CostSummary[] {
  const costs: CostSummary[] = [];
  for (const on of summary.filter((s) => s.mode === 'on')) {
    const off = summary.find((s) => s.mode === 'off' && s.consumers === on.consumers);
    if (!off) continue;
    const workerCpuPoints = round(on.workerCpuPercent - off.workerCpuPercent);
    const nodeCpuPoints = round(on.nodeCpuPercent - off.nodeCpuPercent);
    costs.push({
      consumers: on.consumers,
      workerCpuPoints,
      nodeCpuPoints,
      lagP99OnMs: on.lagP99Ms,
      meets: {
        worker: workerCpuPoints <= COLLECTOR_GOALS.workerCpuPoints,
        node: nodeCpuPoints <= COLLECTOR_GOALS.nodeCpuPoints,
        lag: on.lagP99Ms <= COLLECTOR_GOALS.lagP99Ms,
      },
      ...(perRequest && {
        estimated: {
          workerCpuPoints: round((on.requestsPerSecond * perRequest.workerMicros) / 10_000),
          nodeCpuPoints: round((on.requestsPerSecond * perRequest.nodeMicros) / 10_000),
        },
      }),
    });
  }
  return costs;
}
