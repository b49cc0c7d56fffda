import { readFile } from 'node:fs/promises';
import type { WorkerView } from '@/lib/analytics/types';
import { log } from '@/server/log';
import type { WorkerInfo, WorkerUsage } from '@/server/sfu/WorkerPool';
import { cpuPercent } from './cpuUsage';

/** What the monitor needs of the pool: plain worker info and resource usage. */
export interface WorkerSource {
  workers(): WorkerInfo[];
  resourceUsage(index: number): Promise<WorkerUsage>;
}

interface Sample {
  pid: number;
  userMs: number;
  systemMs: number;
  atMs: number;
  cpuPercent: number | null;
  memoryKb: number;
}

/** Current RSS from /proc (Linux); the peak from getrusage elsewhere. */
async function residentKb(pid: number, fallbackKb: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : fallbackKb;
  } catch {
    return fallbackKb; // not Linux, or the worker just exited
  }
}

/** Per-worker CPU % from resource-usage deltas (not the cumulative ms) and memory. */
export class WorkerMonitor {
  readonly #source: WorkerSource;
  readonly #samples = new Map<number, Sample>();

  constructor(source: WorkerSource) {
    this.#source = source;
  }

  async sample(nowMs = Date.now()): Promise<void> {
    await Promise.all(
      this.#source.workers().map(async (w) => {
        if (!w.alive) return;
        try {
          const usage = await this.#source.resourceUsage(w.index);
          const prev = this.#samples.get(w.index);
          const comparable = prev && prev.pid === w.pid ? prev : undefined;
          const curr = { userMs: usage.userMs, systemMs: usage.systemMs, atMs: nowMs };
          this.#samples.set(w.index, {
            pid: w.pid,
            ...curr,
            cpuPercent: cpuPercent(comparable, curr),
            memoryKb: await residentKb(w.pid, usage.maxRssKb),
          });
        } catch (error) {
          log.warn('analytics', 'could not read worker usage', { worker: w.index, pid: w.pid, error: String(error) });
        }
      }),
    );
  }

  views(roomsByWorker: Map<number, { rooms: number; consumers: number }>): WorkerView[] {
    return this.#source.workers().map((w) => {
      const s = this.#samples.get(w.index);
      const current = s && s.pid === w.pid ? s : undefined;
      const load = roomsByWorker.get(w.index) ?? { rooms: 0, consumers: 0 };
      return {
        index: w.index,
        pid: w.pid,
        alive: w.alive,
        cpuPercent: current?.cpuPercent ?? null,
        memoryKb: current?.memoryKb ?? 0,
        cpu: { userMs: current?.userMs ?? 0, systemMs: current?.systemMs ?? 0 },
        rooms: load.rooms,
        consumers: load.consumers,
      };
    });
  }
}
