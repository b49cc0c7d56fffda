/** Cumulative CPU time of a process at a moment, as getrusage reports it. */
export interface CpuSample {
  userMs: number;
  systemMs: number;
  atMs: number;
}

/**
 * CPU % of one core between two samples: the cumulative ms say nothing about
 * now, their difference over the wall time does. null without a previous
 * sample or elapsed time; a worker restart (time going backwards) clamps to 0.
 */
export function cpuPercent(prev: CpuSample | undefined, curr: CpuSample): number | null {
  if (!prev) return null;
  const elapsed = curr.atMs - prev.atMs;
  if (elapsed <= 0) return null;
  const used = curr.userMs + curr.systemMs - (prev.userMs + prev.systemMs);
  return Math.round((Math.max(0, used) / elapsed) * 1000) / 10;
}
