/** A reading of a process's cumulative CPU time (getrusage) and when it was taken. */
export interface CpuReading {
  userMs: number;
  systemMs: number;
  atMs: number;
}

/**
 * CPU % of one core between two readings: CPU time spent over wall time
 * passed. The cumulative ms alone say nothing about load now.
 *
 * - null without a previous reading or when no time passed: there is no
 *   interval to measure yet, and 0 would read as "idle".
 * - Negative is clamped to 0: the counters start over when a worker restarts
 *   (the caller should also drop readings of a different pid).
 * - Not capped at 100: the figure covers all of the process's threads, so it
 *   may honestly exceed one core.
 */
export function cpuPercent(prev: CpuReading | undefined, curr: CpuReading): number | null {
  if (!prev) return null;
  const elapsedMs = curr.atMs - prev.atMs;
  if (elapsedMs <= 0) return null;
  const busyMs = curr.userMs + curr.systemMs - (prev.userMs + prev.systemMs);
  return Math.max(0, (busyMs / elapsedMs) * 100);
}
