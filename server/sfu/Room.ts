import type { types } from 'mediasoup';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { AppError, type ConsumeResult, type PeerInfo, type ValidRequest } from '@/lib/protocol';
import { log } from '@/server/log';
import { MEDIA_CODECS } from './mediaCodecs';
import { Peer, type PeerOptions } from './Peer';
import type { RoomSnapshot } from './snapshots';
import type { TransportSettings } from './transportSettings';
import type { WorkerSlot } from './WorkerPool';

interface RoomEvents {
  close: [];
  'peer-added': [peer: Peer];
  'peer-removed': [peer: Peer, reason: string];
  'active-speaker': [peerId: string | null];
}

export interface RoomOptions {
  id: string;
  slot: WorkerSlot;
  transportSettings: Omit<TransportSettings, 'listen'> & { listenIps: types.TransportListenIp[] };
  maxPeers: number;
  peerLimits: PeerOptions['limits'];
}

/** One router on one worker, its peers, and the dominant-speaker observer that finds the active speaker. */
export class Room extends TypedEmitter<RoomEvents> {
  readonly id: string;
  readonly workerIndex: number;
  readonly createdAt = Date.now();
  readonly #workerPid: number;
  readonly #router: types.Router;
  readonly #speakerObserver: types.ActiveSpeakerObserver;
  readonly #transportSettings: TransportSettings;
  readonly #maxPeers: number;
  readonly #peerLimits: RoomOptions['peerLimits'];
  readonly #peers = new Map<string, Peer>();
  #activeSpeakerId: string | null = null;
  #closed = false;

  static async create(options: RoomOptions): Promise<Room> {
    const router = await options.slot.worker.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { roomId: options.id } });
    // Dominant speaker identification (the algorithm Jitsi uses) rather than a
    // loudness threshold averaged over an interval: speech is bursty, and an
    // average over pauses often falls below any fixed threshold.
    const speakerObserver = await router.createActiveSpeakerObserver({ interval: 300 });
    return new Room(options, router, speakerObserver);
  }

  private constructor(options: RoomOptions, router: types.Router, speakerObserver: types.ActiveSpeakerObserver) {
    super();
    this.id = options.id;
    this.workerIndex = options.slot.index;
    this.#workerPid = options.slot.worker.pid;
    this.#router = router;
    this.#speakerObserver = speakerObserver;
    const { listenIps, ...limits } = options.transportSettings;
    this.#transportSettings = {
      ...limits,
      listen: options.slot.webRtcServer ? { webRtcServer: options.slot.webRtcServer } : { listenIps },
    };
    this.#maxPeers = options.maxPeers;
    this.#peerLimits = options.peerLimits;
    // A router dies with its worker: the room must not outlive it.
    router.observer.once('close', () => this.close('router-closed'));
    speakerObserver.on('dominantspeaker', ({ producer }) => this.#setActiveSpeaker(String(producer.appData.peerId)));
  }

  get closed(): boolean {
    return this.#closed;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#router.rtpCapabilities;
  }

  get activeSpeakerId(): string | null {
    return this.#activeSpeakerId;
  }

  #setActiveSpeaker(peerId: string | null): void {
    if (peerId === this.#activeSpeakerId || (peerId && !this.#peers.has(peerId))) return;
    this.#activeSpeakerId = peerId;
    this.emit('active-speaker', peerId);
  }

  addPeer(options: { id: string; displayName: string; userAgent?: string | null }): Peer {
    if (this.#closed) throw new AppError('unavailable', 'The room is closing, try again');
    if (this.#peers.size >= this.#maxPeers) {
      throw new AppError('room_full', `This room is full (${this.#maxPeers} participants)`);
    }
    const peer = new Peer({
      ...options,
      roomId: this.id,
      router: this.#router,
      transportSettings: this.#transportSettings,
      limits: this.#peerLimits,
    });
    // No cleanup of the speaker observer on producer close: the worker's
    // router removes a closed producer from every RTP observer itself.
    this.#peers.set(peer.id, peer);
    peer.once('close', (reason) => {
      this.#peers.delete(peer.id);
      if (this.#activeSpeakerId === peer.id) this.#setActiveSpeaker(null);
      this.emit('peer-removed', peer, reason);
      if (this.#peers.size === 0) this.close('empty');
    });
    this.emit('peer-added', peer);
    return peer;
  }

  getPeer(peerId: string): Peer | undefined {
    return this.#peers.get(peerId);
  }

  peers(): Peer[] {
    return [...this.#peers.values()];
  }

  peerInfos(exceptPeerId?: string): PeerInfo[] {
    return this.peers()
      .filter((p) => p.id !== exceptPeerId)
      .map((p) => ({ id: p.id, displayName: p.displayName, joinedAt: p.joinedAt, producers: p.producerInfos() }));
  }

  /** Makes a new microphone producer count towards active-speaker detection. */
  async watchAudio(producerId: string): Promise<void> {
    await this.#speakerObserver.addProducer({ producerId });
  }

  /** Consumes a producer of another peer in this room; ids outside the room are "not found". */
  async consume(consumer: Peer, request: ValidRequest<'consume'>): Promise<ConsumeResult> {
    const rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
    const owner = this.peers().find((p) => p.id !== consumer.id && p.hasProducer(request.producerId));
    const producer = owner?.producerForConsume(request.producerId);
    if (!owner || !producer) throw new AppError('not_found', `Producer ${request.producerId} not found`);
    let canConsume = false;
    try {
      canConsume = this.#router.canConsume({ producerId: producer.id, rtpCapabilities });
    } catch (error) {
      throw new AppError('invalid_payload', `Invalid rtpCapabilities: ${(error as Error).message}`);
    }
    if (!canConsume) throw new AppError('invalid_payload', 'Your device cannot receive that media');
    const created = await consumer.consume({ transportId: request.transportId, producer, rtpCapabilities });
    return {
      id: created.id,
      producerId: producer.id,
      peerId: owner.id,
      kind: created.kind,
      source: producer.appData.source as ConsumeResult['source'],
      rtpParameters: created.rtpParameters as ConsumeResult['rtpParameters'],
      producerPaused: created.producerPaused,
    };
  }

  snapshot(): RoomSnapshot {
    return {
      id: this.id,
      workerIndex: this.workerIndex,
      workerPid: this.#workerPid,
      createdAt: this.createdAt,
      activeSpeakerId: this.#activeSpeakerId,
      peers: this.peers().map((p) => p.snapshot()),
    };
  }

  /** Closes every peer, then the router. Idempotent. */
  close(reason = 'room-closed'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.peers()) peer.close(reason);
    this.#router.close();
    log.info('sfu', 'room closed', { room: this.id });
    this.emit('close');
    this.removeAllListeners();
  }
}
