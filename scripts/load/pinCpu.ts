import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Pinning {
  pid: number;
  cpu: number;
  pinned: boolean;
  /** Why not, when not. */
  note?: string;
}

/**
 * Pins every thread of a process (`taskset -a`) to one CPU, so a benchmark
 * reads one process's share of one core. Best effort: no taskset, or fewer
 * CPUs than asked for, leaves the process where the scheduler puts it.
 */
export function pinToCpu(pid: number, cpu: number): Pinning {
  if (os.availableParallelism() <= cpu) return { pid, cpu, pinned: false, note: `only ${os.availableParallelism()} CPU(s)` };
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return { pid, cpu, pinned: true };
  } catch (error) {
    return { pid, cpu, pinned: false, note: `taskset failed: ${(error as Error).message.split('\n')[0]}` };
  }
}
