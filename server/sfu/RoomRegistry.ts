import type { types } from 'mediasoup';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { AppError } from '@/lib/protocol';
import { log } from '@/server/log';
import { pickWorker } from './pickWorker';
import { Room, type RoomOptions } from './Room';
import type { RoomSnapshot } from './snapshots';
import type { WorkerPool } from './WorkerPool';

export interface RoomRegistrySettings {
  listenIp: string;
  announcedIp: string | undefined;
  maxIncomingBitrate: number;
  initialAvailableOutgoingBitrate: number;
  maxPeersPerRoom: number;
  peerLimits: RoomOptions['peerLimits'];
}

interface RoomRegistryEvents {
  'room-created': [room: Room];
}

/** Every live room by its URL id; a room is created on first join on the least-loaded worker. */
export class RoomRegistry extends TypedEmitter<RoomRegistryEvents> {
  readonly #pool: WorkerPool;
  readonly #settings: RoomRegistrySettings;
  readonly #rooms = new Map<string, Room>();
  /** Rooms being created, so two simultaneous first joins share one router. */
  readonly #pending = new Map<string, Promise<Room>>();

  constructor(pool: WorkerPool, settings: RoomRegistrySettings) {
    super();
    this.#pool = pool;
    this.#settings = settings;
    pool.on('worker-died', ({ index }) => {
      for (const room of this.#rooms.values()) if (room.workerIndex === index) room.close('worker-died');
    });
  }

  get(roomId: string): Room | undefined {
    return this.#rooms.get(roomId);
  }

  rooms(): Room[] {
    return [...this.#rooms.values()];
  }

  snapshots(): RoomSnapshot[] {
    return this.rooms().map((r) => r.snapshot());
  }

  async getOrCreate(roomId: string): Promise<Room> {
    const existing = this.#rooms.get(roomId);
    if (existing && !existing.closed) return existing;
    const pending = this.#pending.get(roomId);
    if (pending) return pending;
    const creating = this.#create(roomId).finally(() => this.#pending.delete(roomId));
    this.#pending.set(roomId, creating);
    return creating;
  }

  /** Load of each worker: peers in its rooms, an empty room counting one. */
  workerLoads(): { index: number; load: number }[] {
    return this.#pool.workers().map((worker) => ({
      index: worker.index,
      load: this.rooms()
        .filter((r) => r.workerIndex === worker.index)
        .reduce((sum, r) => sum + Math.max(1, r.peerCount), 0),
    }));
  }

  async #create(roomId: string): Promise<Room> {
    // A dead worker keeps its slot until its replacement has started: skip it.
    const alive = new Set(this.#pool.workers().filter((w) => w.alive).map((w) => w.index));
    const live = this.workerLoads().filter((l) => alive.has(l.index));
    if (live.length === 0) throw new AppError('unavailable', 'No media worker is available, try again');
    const slot = this.#pool.slot(pickWorker(live));
    const s = this.#settings;
    const listenIps: types.TransportListenIp[] = [{ ip: s.listenIp, announcedIp: s.announcedIp }];
    const room = await Room.create({
      id: roomId,
      slot,
      transportSettings: {
        listenIps,
        maxIncomingBitrate: s.maxIncomingBitrate,
        initialAvailableOutgoingBitrate: s.initialAvailableOutgoingBitrate,
      },
      maxPeers: s.maxPeersPerRoom,
      peerLimits: s.peerLimits,
    });
    this.#rooms.set(roomId, room);
    room.once('close', () => {
      if (this.#rooms.get(roomId) === room) this.#rooms.delete(roomId);
    });
    log.info('sfu', 'room created', { room: roomId, worker: slot.index, pid: slot.worker.pid });
    this.emit('room-created', room);
    return room;
  }

  /**
   * After a join that failed between creating the room and adding the peer
   * (duplicate join, socket gone): a room nobody is in must not keep its router.
   */
  closeIfEmpty(room: Room): void {
    if (!room.closed && room.peerCount === 0) room.close('join-failed');
  }

  closeAll(reason = 'server-shutdown'): void {
    for (const room of this.rooms()) room.close(reason);
  }
}
