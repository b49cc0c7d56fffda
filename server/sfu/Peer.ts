import type { types } from 'mediasoup';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { AppError, type LayersInfo, type MediaSource, type ProducerInfo, type TransportInfo, type ValidRequest } from '@/lib/protocol';
import { log } from '@/server/log';
import type { TransportSettings } from './transportSettings';
import { snapshotConsumer, snapshotProducer, snapshotTransport, type PeerSnapshot } from './snapshots';

export type TransportDirection = 'send' | 'recv';

function producerInfo(p: types.Producer, peerId: string): ProducerInfo {
  return { id: p.id, peerId, kind: p.kind, source: p.appData.source as MediaSource, paused: p.paused };
}

interface PeerEvents {
  close: [];
  'producer-closed': [producerId: string];
  'consumer-closed': [data: { consumerId: string; producerId: string }];
  'consumer-layers-changed': [data: { consumerId: string; layers: LayersInfo | null }];
  'consumer-score': [data: { consumerId: string; score: number; producerScore: number }];
}

export interface PeerOptions {
  id: string;
  roomId: string;
  displayName: string;
  router: types.Router;
  transportSettings: TransportSettings;
  limits: { maxTransports: number; maxProducers: number };
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
  readonly joinedAt = Date.now();
  readonly #router: types.Router;
  readonly #settings: TransportSettings;
  readonly #limits: PeerOptions['limits'];
  readonly #transports = new Map<string, types.WebRtcTransport>();
  readonly #producers = new Map<string, types.Producer>();
  readonly #consumers = new Map<string, types.Consumer>();
  #closed = false;

  constructor(options: PeerOptions) {
    super();
    this.id = options.id;
    this.roomId = options.roomId;
    this.displayName = options.displayName;
    this.#router = options.router;
    this.#settings = options.transportSettings;
    this.#limits = options.limits;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get producers(): IterableIterator<types.Producer> {
    return this.#producers.values();
  }

  #context(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { room: this.roomId, peer: this.id, ...extra };
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('not_in_room', 'You have left the room');
  }

  async createTransport(direction: TransportDirection): Promise<TransportInfo> {
    this.#assertOpen();
    if (this.#transports.size >= this.#limits.maxTransports) {
      throw new AppError('limit_exceeded', `At most ${this.#limits.maxTransports} transports per participant`);
    }
    const transport = await this.#router.createWebRtcTransport({
      ...this.#settings.listen,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: this.#settings.initialAvailableOutgoingBitrate,
      appData: { peerId: this.id, direction },
    });
    if (this.#closed) {
      // The peer left while the worker was creating it: don't leak it.
      transport.close();
      throw new AppError('not_in_room', 'You have left the room');
    }
    this.#transports.set(transport.id, transport);
    transport.observer.once('close', () => this.#transports.delete(transport.id));
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') {
        log.warn('sfu', `transport DTLS ${state}`, this.#context({ transport: transport.id, direction }));
      }
    });
    transport.on('icestatechange', (state) => {
      if (state === 'disconnected') log.info('sfu', 'transport ICE disconnected', this.#context({ transport: transport.id }));
    });
    if (direction === 'send' && this.#settings.maxIncomingBitrate > 0) {
      await transport.setMaxIncomingBitrate(this.#settings.maxIncomingBitrate);
    }
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    } as TransportInfo;
  }

  #transport(transportId: string): types.WebRtcTransport {
    this.#assertOpen();
    const transport = this.#transports.get(transportId);
    if (!transport) throw new AppError('not_found', `Transport ${transportId} not found`);
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
    await this.#transport(transportId).connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
  }

  async restartIce(transportId: string): Promise<types.IceParameters> {
    return this.#transport(transportId).restartIce();
  }

  async produce(options: ValidRequest<'produce'>): Promise<ProducerInfo> {
    const transport = this.#transport(options.transportId);
    if (transport.appData.direction !== 'send') {
      throw new AppError('invalid_payload', 'Produce on a receive transport');
    }
    if (this.#producers.size >= this.#limits.maxProducers) {
      throw new AppError('limit_exceeded', `At most ${this.#limits.maxProducers} producers per participant`);
    }
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
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      this.#producers.delete(producer.id);
      this.emit('producer-closed', producer.id);
    });
    return producerInfo(producer, this.id);
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
    for (const existing of this.#consumers.values()) {
      if (existing.producerId === options.producer.id) {
        throw new AppError('limit_exceeded', 'You already consume that producer');
      }
    }
    const consumer = await transport.consume({
      producerId: options.producer.id,
      rtpCapabilities: options.rtpCapabilities,
      paused: true,
      appData: { peerId: this.id, producerPeerId: options.producer.appData.peerId, source: options.producer.appData.source },
    });
    this.#trackConsumer(consumer);
    return consumer;
  }

  #trackConsumer(consumer: types.Consumer): void {
    const consumerId = consumer.id;
    this.#consumers.set(consumerId, consumer);
    consumer.observer.once('close', () => {
      this.#consumers.delete(consumerId);
      if (!this.#closed) this.emit('consumer-closed', { consumerId, producerId: consumer.producerId });
    });
    consumer.on('layerschange', (layers) => {
      this.emit('consumer-layers-changed', { consumerId, layers: layers ? { spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer ?? 0 } : null });
    });
    consumer.on('score', (score) => {
      this.emit('consumer-score', { consumerId, score: score.score, producerScore: score.producerScore });
    });
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

  snapshot(): PeerSnapshot {
    return {
      id: this.id,
      roomId: this.roomId,
      displayName: this.displayName,
      joinedAt: this.joinedAt,
      transports: [...this.#transports.values()].map(snapshotTransport),
      producers: [...this.#producers.values()].map((p) => snapshotProducer(p, this.id)),
      consumers: [...this.#consumers.values()].map((c) => snapshotConsumer(c, this.id)),
    };
  }

  /** Closes every transport (and with them every producer and consumer). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of this.#transports.values()) transport.close();
    this.emit('close');
    this.removeAllListeners();
  }
}
