export interface WorkerLoad {
  index: number;
  /** Peers hosted on the worker's routers (an empty room still counts one). */
  load: number;
}

/** Least-loaded worker for a new room; ties go to the lowest index so placement is predictable. */
export function pickWorker(loads: readonly WorkerLoad[]): number {
  if (loads.length === 0) throw new Error('pickWorker: no workers');
  let best = loads[0];
  for (const candidate of loads) {
    if (candidate.load < best.load || (candidate.load === best.load && candidate.index < best.index)) {
      best = candidate;
    }
  }
  return best.index;
}
