import type { types } from 'mediasoup';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { AppError, type LayersInfo, type MediaSource, type ProducerInfo, type TransportInfo, type ValidRequest } from '@/lib/protocol';
import { log } from '@/server/log';
import type { TransportSettings } from './transportSettings';
import {
  isPlain,
  plainStreamStats,
  plainTransportStats,
  plainRtpTransportStats,
  snapshotConsumer,
  iceRestartsOf,
  snapshotProducer,
  snapshotTransport,
  snapshotTuple,
  type ConsumerSnapshot,
  type PeerTransport,
  type PeerSnapshot,
  type ProducerSnapshot,
  type RtpStreamStats,
  type TransportStats,
  type TupleSnapshot,
} from './snapshots';

export type TransportDirection = 'send' | 'recv';

/** Where the SFU listens for (or sends from) a plain transport's RTP, and its SRTP key when enabled. */
export interface PlainTransportInfo {
  id: string;
  ip: string;
  port: number;
  srtpParameters?: types.SrtpParameters;
}

/** The remote end of a plain transport: where the SFU sends, and the remote's SRTP key. */
export interface PlainRemote {
  ip: string;
  port: number;
  srtpParameters?: types.SrtpParameters;
}

function producerInfo(p: types.Producer, peerId: string): ProducerInfo {
  return { id: p.id, peerId, kind: p.kind, source: p.appData.source as MediaSource, paused: p.paused };
}

export type ConsumerCloseCause = 'producer-closed' | 'transport-closed' | 'closed';

/** 'dtls-timeout': in use, yet DTLS had not connected within the deadline (see #armDtlsDeadline). */
export type TransportCloseReason = 'closed' | 'dtls-timeout';

export interface TransportStateChange {
  transportId: string;
  direction: TransportDirection;
  iceState: string;
  dtlsState: string;
  iceSelectedTuple: TupleSnapshot | null;
}

export interface PeerEvents {
  /** Why the peer ended ('left', 'disconnected: ping timeout', ...). */
  close: [reason: string];
  'producer-closed': [producerId: string];
  'producer-score': [data: { producerId: string; kind: types.MediaKind; scores: { ssrc: number; rid?: string; score: number }[] }];
  /** The first RTP packet of this producer reached the SFU. */
  'producer-first-rtp': [producerId: string];
  'consumer-closed': [data: { consumerId: string; producerId: string; cause: ConsumerCloseCause }];
  'consumer-layers-changed': [data: { consumerId: string; layers: LayersInfo | null }];
  'consumer-score': [data: { consumerId: string; kind: types.MediaKind; score: number; producerScore: number }];
  /** The SFU sent this consumer's first RTP packet to the peer. */
  'consumer-first-rtp': [consumerId: string];
  'transport-state': [data: TransportStateChange];
  /** A transport closed while its peer stayed: its router went away, or its DTLS never connected. */
  'transport-closed': [data: { transportId: string; direction: TransportDirection; reason: TransportCloseReason }];
}

/** Ids of the peer's objects whose stats can be asked for. */
export interface StatsTargets {
  transports: string[];
  producers: string[];
  consumers: string[];
}

export interface PeerOptions {
  id: string;
  roomId: string;
  displayName: string;
  userAgent?: string | null;
  router: types.Router;
  transportSettings: TransportSettings;
  limits: {
    maxTransports: number;
    maxProducers: number;
    /** A WebRTC transport in use must reach DTLS connected this long after its first use; 0 or unset = no deadline. */
    dtlsConnectTimeoutMs?: number;
  };
}

/**
 * One participant's mediasoup objects. Maps follow mediasoup's observer
 * 'close' events, so whatever closes an object (client request, transport
 * close, producer close on the other side) it leaves the maps at once.
 */
export class Peer extends TypedEmitter<PeerEvents> {
  readonly id: string;
  readonly roomId: string;
  readonly displayName: string;
  readonly userAgent: string | null;
  readonly joinedAt = Date.now();
  readonly #router: types.Router;
  readonly #settings: TransportSettings;
  readonly #limits: PeerOptions['limits'];
  readonly #transports = new Map<string, PeerTransport>();
  readonly #producers = new Map<string, types.Producer>();
  readonly #consumers = new Map<string, types.Consumer>();
  /** Producers this peer is being given a consumer of, so two concurrent requests can't both pass the duplicate check. */
  readonly #consuming = new Set<string>();
  /** Per WebRTC transport: the timer that closes it unless DTLS connects first. */
  readonly #dtlsDeadlines = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #dtlsTimedOut = new Set<string>();
  #closed = false;

  constructor(options: PeerOptions) {
    super();
    this.id = options.id;
    this.roomId = options.roomId;
    this.displayName = options.displayName;
    this.userAgent = options.userAgent ?? null;
    this.#router = options.router;
    this.#settings = options.transportSettings;
    this.#limits = options.limits;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** For Room.consume (server/sfu only): a live producer of this peer. */
  producerForConsume(producerId: string): types.Producer | undefined {
    return this.#producers.get(producerId);
  }

  #context(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { room: this.roomId, peer: this.id, ...extra };
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('not_in_room', 'You have left the room');
  }

  #assertRoomForTransport(): void {
    this.#assertOpen();
    if (this.#transports.size >= this.#limits.maxTransports) {
      throw new AppError('limit_exceeded', `At most ${this.#limits.maxTransports} transports per participant`);
    }
  }

  /** Takes a transport the worker just made into this peer's books, unless the peer left meanwhile. */
  async #adoptTransport(transport: types.WebRtcTransport | types.PlainTransport, direction: TransportDirection): Promise<void> {
    if (this.#closed) {
      // The peer left while the worker was creating it: don't leak it.
      transport.close();
      throw new AppError('not_in_room', 'You have left the room');
    }
    this.#trackTransport(transport, direction);
    if (direction === 'send' && this.#settings.maxIncomingBitrate > 0) {
      await transport.setMaxIncomingBitrate(this.#settings.maxIncomingBitrate);
    }
  }

  async createTransport(direction: TransportDirection): Promise<TransportInfo> {
    this.#assertRoomForTransport();
    const transport = await this.#router.createWebRtcTransport({
      ...this.#settings.listen,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: this.#settings.initialAvailableOutgoingBitrate,
      appData: { peerId: this.id, direction },
    });
    await this.#adoptTransport(transport, direction);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    } as TransportInfo;
  }

  /**
   * A plain-RTP transport for load tools (no ICE, no DTLS). It counts towards
   * the same per-peer limit and closes with the peer like any other transport.
   * `comedia` lets the SFU learn the sender's address from its first packet.
   */
  async createPlainTransport(
    direction: TransportDirection,
    options: { enableSrtp?: boolean; comedia?: boolean } = {},
  ): Promise<PlainTransportInfo> {
    this.#assertRoomForTransport();
    const listen = this.#settings.listen;
    // A WebRtcServer room has no listen IPs of its own: plain RTP stays on loopback then.
    const listenIp = 'listenIps' in listen && listen.listenIps[0] ? listen.listenIps[0] : { ip: '127.0.0.1' };
    const transport = await this.#router.createPlainTransport({
      listenIp,
      rtcpMux: true,
      comedia: options.comedia ?? false,
      enableSrtp: options.enableSrtp ?? false,
      appData: { peerId: this.id, direction },
    });
    await this.#adoptTransport(transport, direction);
    return {
      id: transport.id,
      ip: transport.tuple.localIp,
      port: transport.tuple.localPort,
      ...(transport.srtpParameters ? { srtpParameters: transport.srtpParameters } : {}),
    };
  }

  /** Tells a plain transport where its remote end is (not needed for a comedia one). */
  async connectPlainTransport(transportId: string, remote: PlainRemote): Promise<void> {
    const transport = this.#transport(transportId);
    if (!isPlain(transport)) throw new AppError('invalid_payload', 'Not a plain transport');
    await transport.connect({ ip: remote.ip, port: remote.port, srtpParameters: remote.srtpParameters });
  }

  #trackTransport(transport: PeerTransport, direction: TransportDirection): void {
    const transportId = transport.id;
    this.#transports.set(transportId, transport);
    // The union's two observer types have no common call signature; 'close' is on both.
    const observer = transport.observer as types.Transport['observer'];
    observer.once('close', () => {
      this.#transports.delete(transportId);
      this.#clearDtlsDeadline(transportId);
      const reason: TransportCloseReason = this.#dtlsTimedOut.delete(transportId) ? 'dtls-timeout' : 'closed';
      if (!this.#closed) this.emit('transport-closed', { transportId, direction, reason });
    });
    if (!isPlain(transport)) this.#watchConnection(transport, direction);
  }

  /** ICE and DTLS exist only on WebRtcTransports. */
  #watchConnection(transport: types.WebRtcTransport, direction: TransportDirection): void {
    const transportId = transport.id;
    const stateChanged = () =>
      this.emit('transport-state', {
        transportId,
        direction,
        iceState: transport.iceState,
        dtlsState: transport.dtlsState,
        iceSelectedTuple: snapshotTuple(transport.iceSelectedTuple),
      });
    transport.on('dtlsstatechange', (state) => {
      if (state === 'connected') this.#clearDtlsDeadline(transportId);
      if (state === 'failed') log.warn('sfu', 'transport DTLS failed', this.#context({ transport: transportId, direction }));
      stateChanged();
    });
    transport.on('icestatechange', (state) => {
      if (state === 'disconnected') log.info('sfu', 'transport ICE disconnected', this.#context({ transport: transportId }));
      stateChanged();
    });
  }

  /**
   * Starts the DTLS deadline of a WebRTC transport at its first use (connect,
   * produce, consume), not at its creation: a client creates both transports on
   * joining but connects one only when it first sends or receives, so someone
   * alone in a room, or joined without camera and microphone, rightly holds an
   * unconnected transport for as long as that lasts. Once used, a browser
   * connects within seconds; one that doesn't is broken or is holding ports.
   */
  #armDtlsDeadline(transport: PeerTransport): void {
    const timeoutMs = this.#limits.dtlsConnectTimeoutMs ?? 0;
    if (timeoutMs <= 0 || isPlain(transport) || transport.closed || transport.dtlsState === 'connected') return;
    if (this.#dtlsDeadlines.has(transport.id)) return;
    const timer = setTimeout(() => {
      this.#dtlsDeadlines.delete(transport.id);
      if (transport.closed || transport.dtlsState === 'connected') return;
      log.warn('sfu', 'transport closed: DTLS did not connect in time', this.#context({
        transport: transport.id,
        direction: transport.appData.direction,
        timeoutMs,
        iceState: transport.iceState,
        dtlsState: transport.dtlsState,
      }));
      this.#dtlsTimedOut.add(transport.id);
      transport.close();
    }, timeoutMs);
    // A pending deadline must not keep a stopping process alive.
    timer.unref?.();
    this.#dtlsDeadlines.set(transport.id, timer);
  }

  #clearDtlsDeadline(transportId: string): void {
    const timer = this.#dtlsDeadlines.get(transportId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#dtlsDeadlines.delete(transportId);
  }

  /** Transports whose DTLS deadline is running (a test checks that none outlives its transport). */
  get pendingDtlsDeadlines(): number {
    return this.#dtlsDeadlines.size;
  }

  #transport(transportId: string): PeerTransport {
    this.#assertOpen();
    const transport = this.#transports.get(transportId);
    if (!transport) throw new AppError('not_found', `Transport ${transportId} not found`);
    return transport;
  }

  #webRtcTransport(transportId: string): types.WebRtcTransport {
    const transport = this.#transport(transportId);
    if (isPlain(transport)) throw new AppError('invalid_payload', 'A plain transport has no ICE or DTLS');
    return transport;
  }

  #producer(producerId: string): types.Producer {
    this.#assertOpen();
    const producer = this.#producers.get(producerId);
    if (!producer) throw new AppError('not_found', `Producer ${producerId} not found`);
    return producer;
  }

  #consumer(consumerId: string): types.Consumer {
    this.#assertOpen();
    const consumer = this.#consumers.get(consumerId);
    if (!consumer) throw new AppError('not_found', `Consumer ${consumerId} not found`);
    return consumer;
  }

  async connectTransport(transportId: string, dtlsParameters: ValidRequest<'connect-webrtc-transport'>['dtlsParameters']): Promise<void> {
    // Shape checked by the schema; mediasoup validates the values.
    const transport = this.#webRtcTransport(transportId);
    this.#armDtlsDeadline(transport);
    await transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
  }

  async restartIce(transportId: string): Promise<types.IceParameters> {
    const transport = this.#webRtcTransport(transportId);
    const iceParameters = await transport.restartIce();
    // Counted on the transport itself, so the count goes when the transport does.
    transport.appData.iceRestarts = iceRestartsOf(transport) + 1;
    log.info('sfu', 'transport ICE restarted', this.#context({ transport: transportId }));
    return iceParameters;
  }

  async produce(options: ValidRequest<'produce'>): Promise<ProducerInfo> {
    const transport = this.#transport(options.transportId);
    if (transport.appData.direction !== 'send') {
      throw new AppError('invalid_payload', 'Produce on a receive transport');
    }
    if (this.#producers.size >= this.#limits.maxProducers) {
      throw new AppError('limit_exceeded', `At most ${this.#limits.maxProducers} producers per participant`);
    }
    this.#armDtlsDeadline(transport);
    for (const existing of this.#producers.values()) {
      if (existing.appData.source === options.source) {
        throw new AppError('limit_exceeded', `You already publish a ${options.source} track`);
      }
    }
    const producer = await transport.produce({
      kind: options.kind,
      rtpParameters: options.rtpParameters as types.RtpParameters,
      paused: options.paused ?? false,
      appData: { peerId: this.id, source: options.source },
    });
    if (this.#closed || transport.closed) {
      // The peer left while the worker was creating it: nothing may outlive the peer.
      producer.close();
      throw new AppError('not_in_room', 'You have left the room');
    }
    this.#trackProducer(producer);
    return producerInfo(producer, this.id);
  }

  #trackProducer(producer: types.Producer): void {
    const producerId = producer.id;
    this.#producers.set(producerId, producer);
    producer.observer.once('close', () => {
      this.#producers.delete(producerId);
      this.emit('producer-closed', producerId);
    });
    producer.on('score', (scores) =>
      this.emit('producer-score', {
        producerId,
        kind: producer.kind,
        scores: scores.map((x) => ({ ssrc: x.ssrc, rid: x.rid, score: x.score })),
      }),
    );
    this.#onFirstRtp(producer, () => this.emit('producer-first-rtp', producerId));
  }

  /** One 'rtp' trace event, then tracing off: when media first flowed, at no lasting cost. */
  #onFirstRtp(object: types.Producer | types.Consumer, report: () => void): void {
    const context = this.#context({ object: object.id });
    (object as types.Producer).once('trace', () => {
      report();
      object.enableTraceEvent([]).catch((error: unknown) => {
        if (!object.closed) log.warn('sfu', 'could not stop RTP tracing', { ...context, error: String(error) });
      });
    });
    object.enableTraceEvent(['rtp']).catch((error: unknown) => {
      if (!object.closed) log.warn('sfu', 'could not trace first RTP', { ...context, error: String(error) });
    });
  }

  async pauseProducer(producerId: string): Promise<void> {
    await this.#producer(producerId).pause();
  }

  async resumeProducer(producerId: string): Promise<void> {
    await this.#producer(producerId).resume();
  }

  closeProducer(producerId: string): void {
    this.#producer(producerId).close();
  }

  hasProducer(producerId: string): boolean {
    return this.#producers.has(producerId);
  }

  /** Consumes another peer's producer, paused until the client says it is ready. */
  async consume(options: {
    transportId: string;
    producer: types.Producer;
    rtpCapabilities: types.RtpCapabilities;
  }): Promise<types.Consumer> {
    const transport = this.#transport(options.transportId);
    if (transport.appData.direction !== 'recv') {
      throw new AppError('invalid_payload', 'Consume on a send transport');
    }
    const producerId = options.producer.id;
    const already = this.#consuming.has(producerId) || [...this.#consumers.values()].some((c) => c.producerId === producerId);
    if (already) throw new AppError('limit_exceeded', 'You already consume that producer');
    this.#armDtlsDeadline(transport);
    this.#consuming.add(producerId);
    let consumer: types.Consumer;
    try {
      consumer = await transport.consume({
        producerId,
        rtpCapabilities: options.rtpCapabilities,
        paused: true,
        appData: { peerId: this.id, producerPeerId: options.producer.appData.peerId, source: options.producer.appData.source },
      });
    } finally {
      this.#consuming.delete(producerId);
    }
    if (this.#closed || transport.closed) {
      consumer.close();
      throw new AppError('not_in_room', 'You have left the room');
    }
    this.#trackConsumer(consumer);
    return consumer;
  }

  #trackConsumer(consumer: types.Consumer): void {
    const consumerId = consumer.id;
    let cause: ConsumerCloseCause = 'closed';
    consumer.once('producerclose', () => (cause = 'producer-closed'));
    consumer.once('transportclose', () => (cause = 'transport-closed'));
    this.#consumers.set(consumerId, consumer);
    consumer.observer.once('close', () => {
      this.#consumers.delete(consumerId);
      if (!this.#closed) this.emit('consumer-closed', { consumerId, producerId: consumer.producerId, cause });
    });
    consumer.on('layerschange', (layers) => {
      this.emit('consumer-layers-changed', { consumerId, layers: layers ? { spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer ?? 0 } : null });
    });
    consumer.on('score', (score) => {
      this.emit('consumer-score', { consumerId, kind: consumer.kind, score: score.score, producerScore: score.producerScore });
    });
    this.#onFirstRtp(consumer, () => this.emit('consumer-first-rtp', consumerId));
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    await this.#consumer(consumerId).resume();
  }

  async setPreferredLayers(consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    const consumer = this.#consumer(consumerId);
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') {
      throw new AppError('invalid_payload', 'That consumer has no layers');
    }
    await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
  }

  producerInfos(): ProducerInfo[] {
    return [...this.#producers.values()].map((p) => producerInfo(p, this.id));
  }

  statsTargets(): StatsTargets {
    return {
      transports: [...this.#transports.keys()],
      producers: [...this.#producers.keys()],
      consumers: [...this.#consumers.keys()],
    };
  }

  producerSnapshot(producerId: string): ProducerSnapshot | undefined {
    const producer = this.#producers.get(producerId);
    return producer && snapshotProducer(producer, this.id);
  }

  consumerSnapshot(consumerId: string): ConsumerSnapshot | undefined {
    const consumer = this.#consumers.get(consumerId);
    return consumer && snapshotConsumer(consumer, this.id);
  }

  /** undefined when the transport is gone (closed between listing and asking). */
  async transportStats(transportId: string): Promise<TransportStats | undefined> {
    const transport = this.#transports.get(transportId);
    if (!transport || transport.closed) return undefined;
    if (isPlain(transport)) {
      const [stats] = await transport.getStats();
      return stats ? plainRtpTransportStats(stats) : undefined;
    }
    const [stats] = await transport.getStats();
    return stats ? plainTransportStats(stats) : undefined;
  }

  /** One entry per RTP stream (per simulcast layer). */
  async producerStats(producerId: string): Promise<RtpStreamStats[] | undefined> {
    const producer = this.#producers.get(producerId);
    if (!producer || producer.closed) return undefined;
    const clockRate = producer.rtpParameters.codecs[0]?.clockRate ?? 0;
    return (await producer.getStats()).map((s) => plainStreamStats(s, clockRate));
  }

  /** The stream the SFU sends to this peer ('outbound-rtp'). */
  async consumerStats(consumerId: string): Promise<RtpStreamStats | undefined> {
    const consumer = this.#consumers.get(consumerId);
    if (!consumer || consumer.closed) return undefined;
    const outbound = (await consumer.getStats()).find((s) => s.type === 'outbound-rtp');
    return outbound ? plainStreamStats(outbound, consumer.rtpParameters.codecs[0]?.clockRate ?? 0) : undefined;
  }

  snapshot(): PeerSnapshot {
    return {
      id: this.id,
      roomId: this.roomId,
      displayName: this.displayName,
      userAgent: this.userAgent,
      joinedAt: this.joinedAt,
      transports: [...this.#transports.values()].map(snapshotTransport),
      producers: [...this.#producers.values()].map((p) => snapshotProducer(p, this.id)),
      consumers: [...this.#consumers.values()].map((c) => snapshotConsumer(c, this.id)),
    };
  }

  /** Closes every transport (and with them every producer and consumer). Idempotent. */
  close(reason = 'closed'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of this.#transports.values()) transport.close();
    this.emit('close', reason);
    this.removeAllListeners();
  }
}
