import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { log } from '@/server/log';

export interface WorkerPoolSettings {
  numWorkers: number;
  logLevel: types.WorkerLogLevel;
  rtcMinPort: number;
  rtcMaxPort: number;
  listenIp: string;
  announcedIp: string | undefined;
  /** Base port for one WebRtcServer per worker (worker i on base + i); 0 disables it. */
  webRtcServerPort: number;
}

/** One worker and what rooms placed on it need to create transports. Only for server/sfu. */
export interface WorkerSlot {
  readonly index: number;
  readonly worker: types.Worker;
  readonly webRtcServer: types.WebRtcServer | undefined;
}

/** What code outside server/sfu may know about a worker. */
export interface WorkerInfo {
  index: number;
  pid: number;
  alive: boolean;
}

/** mediasoup's getResourceUsage() in plain numbers. */
export interface WorkerUsage {
  userMs: number;
  systemMs: number;
  /** Peak resident set size, KiB. */
  maxRssKb: number;
}

interface WorkerPoolEvents {
  /** The slot's worker died; it is being replaced, but every router on it is gone. */
  'worker-died': [info: { index: number; pid: number; error: string }];
}

export class WorkerPool extends TypedEmitter<WorkerPoolEvents> {
  readonly #settings: WorkerPoolSettings;
  readonly #slots: WorkerSlot[] = [];
  #closed = false;

  static async create(settings: WorkerPoolSettings): Promise<WorkerPool> {
    const pool = new WorkerPool(settings);
    for (let i = 0; i < settings.numWorkers; i++) pool.#slots.push(await pool.#startSlot(i));
    log.info('sfu', `started ${settings.numWorkers} mediasoup worker(s)`, {
      pids: pool.#slots.map((s) => s.worker.pid),
      media: settings.webRtcServerPort ? `WebRtcServer from port ${settings.webRtcServerPort}` : `ports ${settings.rtcMinPort}-${settings.rtcMaxPort}`,
    });
    return pool;
  }

  private constructor(settings: WorkerPoolSettings) {
    super();
    this.#settings = settings;
  }

  get size(): number {
    return this.#slots.length;
  }

  workers(): WorkerInfo[] {
    return this.#slots.map((s) => ({ index: s.index, pid: s.worker.pid, alive: !s.worker.closed }));
  }

  async resourceUsage(index: number): Promise<WorkerUsage> {
    const usage = await this.slot(index).worker.getResourceUsage();
    return { userMs: usage.ru_utime, systemMs: usage.ru_stime, maxRssKb: usage.ru_maxrss };
  }

  /** The live slot (worker and WebRtcServer) for placing a room; server/sfu only. */
  slot(index: number): WorkerSlot {
    const slot = this.#slots[index];
    if (!slot) throw new Error(`no worker slot ${index}`);
    return slot;
  }

  async #startSlot(index: number): Promise<WorkerSlot> {
    const s = this.#settings;
    const worker = await mediasoup.createWorker({
      logLevel: s.logLevel,
      rtcMinPort: s.rtcMinPort,
      rtcMaxPort: s.rtcMaxPort,
      appData: { index },
    });
    let webRtcServer: types.WebRtcServer | undefined;
    if (s.webRtcServerPort) {
      const port = s.webRtcServerPort + index;
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: s.listenIp, announcedIp: s.announcedIp, port },
          { protocol: 'tcp', ip: s.listenIp, announcedIp: s.announcedIp, port },
        ],
      });
    }
    worker.on('died', (error) => this.#onWorkerDied(index, worker, error));
    return { index, worker, webRtcServer };
  }

  #onWorkerDied(index: number, worker: types.Worker, error: Error): void {
    log.error('sfu', 'mediasoup worker died', { index, pid: worker.pid, error: error.message });
    if (this.#closed) return;
    this.emit('worker-died', { index, pid: worker.pid, error: error.message });
    this.#startSlot(index).then(
      (slot) => {
        this.#slots[index] = slot;
        log.info('sfu', 'replaced dead mediasoup worker', { index, pid: slot.worker.pid });
      },
      (err) => log.error('sfu', 'could not replace dead mediasoup worker', { index, error: String(err) }),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const slot of this.#slots) slot.worker.close();
  }
}
