import type { Device, types } from 'mediasoup-client';
import { AppError, BATCH_MAX_ITEMS, type ConsumeBatchItem, type MediaSource, type ProducerInfo } from '@/lib/protocol';
import { pickSpatialLayer } from '@/lib/simulcast';
import { patchParticipant, sourceStatePatch, trackPatch } from './participants';
import { request, type ClientSocket } from './signalingClient';

interface RemoteProducer {
  info: ProducerInfo;
  consumer: types.Consumer | null;
  /** The layer last asked of the server, to avoid repeating requests. */
  requestedLayer: number | null;
}

const LAYER_DEBOUNCE_MS = 250;

interface PendingResume {
  consumerId: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A received stream as the quality monitor reads it. */
export interface ReceivedStream {
  peerId: string;
  source: MediaSource;
  consumer: types.Consumer;
  /** The sender paused it (muted, camera off): no media is expected. */
  paused: boolean;
  /** The spatial layer last asked of the server; null = none asked yet. */
  requestedLayer: number | null;
}

/**
 * Everything received: one consumer per remote producer on the receive
 * transport, resumed once its track is attached, with the simulcast layer
 * following the tile that shows it.
 */
export class RemoteMedia {
  readonly #socket: ClientSocket;
  readonly #device: Device;
  readonly #transport: types.Transport;
  readonly #producers = new Map<string, RemoteProducer>();
  readonly #tileSizes = new Map<string, { width: number; height: number }>();
  #layerTimer: ReturnType<typeof setTimeout> | null = null;
  #onError: (message: string, error: unknown) => void;

  constructor(socket: ClientSocket, device: Device, transport: types.Transport, onError: (message: string, error: unknown) => void) {
    this.#socket = socket;
    this.#device = device;
    this.#transport = transport;
    this.#onError = onError;
  }

  // Batch requests: what add() and the resumes queue within one tick, sent together.
  #toConsume: { entry: RemoteProducer; done: () => void }[] = [];
  #toResume: PendingResume[] = [];

  /**
   * Receives a producer; resolves once it plays or has failed (failures go to
   * onError). Producers added in the same tick (a room's on joining) are asked
   * for in one consume-batch and resumed in one resume-consumers, not in two
   * requests each: a newcomer in a full room must fit the server's request budget.
   */
  add(info: ProducerInfo): Promise<void> {
    if (this.#producers.has(info.id)) return Promise.resolve();
    const entry: RemoteProducer = { info, consumer: null, requestedLayer: null };
    this.#producers.set(info.id, entry);
    patchParticipant(info.peerId, sourceStatePatch(info.source, !info.paused));
    return new Promise((done) => {
      if (this.#toConsume.push({ entry, done }) === 1) setTimeout(() => this.#flushConsumes(), 0);
    });
  }

  #flushConsumes(): void {
    const queued = this.#toConsume.splice(0);
    // Removed (or closed) before the request went out: nothing to ask for.
    for (const q of queued) if (this.#producers.get(q.entry.info.id) !== q.entry) q.done();
    const live = queued.filter((q) => this.#producers.get(q.entry.info.id) === q.entry);
    for (let i = 0; i < live.length; i += BATCH_MAX_ITEMS) {
      const chunk = live.slice(i, i + BATCH_MAX_ITEMS);
      void this.#consumeAll(chunk.map((q) => q.entry)).finally(() => chunk.forEach((q) => q.done()));
    }
  }

  async #consumeAll(entries: RemoteProducer[]): Promise<void> {
    let answers: ConsumeBatchItem[];
    try {
      answers = await this.#requestConsumers(entries);
    } catch (error) {
      for (const entry of entries) this.#onError(`Could not receive ${entry.info.source} from a participant`, error);
      return;
    }
    await Promise.all(entries.map((entry, i) => this.#receive(entry, answers[i]!)));
  }

  /** One producer (a newcomer's, announced on its own) is SPEC 3's plain `consume`; several are a batch. */
  async #requestConsumers(entries: RemoteProducer[]): Promise<ConsumeBatchItem[]> {
    const common = { transportId: this.#transport.id, rtpCapabilities: this.#device.rtpCapabilities };
    if (entries.length === 1) {
      return [{ ok: true, data: await request(this.#socket, 'consume', { ...common, producerId: entries[0]!.info.id }) }];
    }
    const { results } = await request(this.#socket, 'consume-batch', { ...common, producerIds: entries.map((e) => e.info.id) });
    return results;
  }

  async #receive(entry: RemoteProducer, answer: ConsumeBatchItem): Promise<void> {
    const { info } = entry;
    try {
      if (!answer.ok) throw new AppError(answer.error.code, answer.error.message);
      const data = answer.data;
      const consumer = await this.#transport.consume({
        id: data.id,
        producerId: data.producerId,
        kind: data.kind,
        rtpParameters: data.rtpParameters,
      });
      if (this.#producers.get(info.id) !== entry) {
        consumer.close();
        return;
      }
      entry.consumer = consumer;
      patchParticipant(info.peerId, trackPatch(info.source, consumer.track));
      // Before the resume, so the first frames already come at the tile's layer.
      if (info.kind === 'video') await this.#applyLayer(entry);
      await this.#resume(consumer.id);
    } catch (error) {
      // The producer closed while we were setting up (its owner left): nothing was lost.
      if (this.#producers.get(info.id) !== entry) return;
      this.#onError(`Could not receive ${info.source} from a participant`, error);
    }
  }

  /** Resumes issued in the same tick go out as one request. */
  #resume(consumerId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#toResume.push({ consumerId, resolve, reject }) === 1) setTimeout(() => this.#flushResumes(), 0);
    });
  }

  #flushResumes(): void {
    const queued = this.#toResume.splice(0);
    for (let i = 0; i < queued.length; i += BATCH_MAX_ITEMS) void this.#resumeAll(queued.slice(i, i + BATCH_MAX_ITEMS));
  }

  async #resumeAll(queued: PendingResume[]): Promise<void> {
    try {
      if (queued.length === 1) {
        await request(this.#socket, 'resume-consumer', { consumerId: queued[0]!.consumerId });
        return queued[0]!.resolve();
      }
      const { results } = await request(this.#socket, 'resume-consumers', { consumerIds: queued.map((q) => q.consumerId) });
      const answers = new Map(results.map((r) => [r.consumerId, r]));
      for (const q of queued) {
        const answer = answers.get(q.consumerId);
        if (answer?.ok) q.resolve();
        else q.reject(answer ? new AppError(answer.error.code, answer.error.message) : new AppError('internal', 'The server did not answer for this consumer'));
      }
    } catch (error) {
      for (const q of queued) q.reject(error);
    }
  }

  /** The producer paused or resumed; answers it, or null when it is not one we receive. */
  setPaused(producerId: string, paused: boolean): ProducerInfo | null {
    const entry = this.#producers.get(producerId);
    if (!entry) return null;
    entry.info = { ...entry.info, paused };
    patchParticipant(entry.info.peerId, sourceStatePatch(entry.info.source, !paused));
    return entry.info;
  }

  remove(producerId: string): void {
    const entry = this.#producers.get(producerId);
    if (!entry) return;
    this.#producers.delete(producerId);
    entry.consumer?.close();
    patchParticipant(entry.info.peerId, { ...sourceStatePatch(entry.info.source, false), ...trackPatch(entry.info.source, null) });
  }

  removeByConsumer(consumerId: string): void {
    for (const [producerId, entry] of this.#producers) if (entry.consumer?.id === consumerId) this.remove(producerId);
  }

  removePeer(peerId: string): void {
    for (const [producerId, entry] of this.#producers) if (entry.info.peerId === peerId) this.remove(producerId);
  }

  /** After a resume: drop consumers the server closed while we were away. */
  retainConsumers(consumerIds: ReadonlySet<string>): void {
    for (const [producerId, entry] of this.#producers) {
      if (entry.consumer && !consumerIds.has(entry.consumer.id)) this.remove(producerId);
    }
  }

  /** After a resume: drop a peer's producers that are no longer live. */
  retainProducersOf(peerId: string, producerIds: ReadonlySet<string>): void {
    for (const [producerId, entry] of this.#producers) {
      if (entry.info.peerId === peerId && !producerIds.has(producerId)) this.remove(producerId);
    }
  }

  setTileSize(peerId: string, source: 'camera' | 'screen', width: number, height: number): void {
    this.#tileSizes.set(`${peerId}:${source}`, { width, height });
    if (this.#layerTimer) clearTimeout(this.#layerTimer);
    this.#layerTimer = setTimeout(() => {
      this.#layerTimer = null;
      for (const entry of this.#producers.values()) {
        if (entry.consumer && entry.info.kind === 'video') void this.#applyLayer(entry);
      }
    }, LAYER_DEBOUNCE_MS);
  }

  async #applyLayer(entry: RemoteProducer): Promise<void> {
    const consumer = entry.consumer;
    if (!consumer || entry.info.source !== 'camera') return;
    const size = this.#tileSizes.get(`${entry.info.peerId}:camera`);
    if (!size) return;
    const layer = pickSpatialLayer({ ...size, pixelRatio: window.devicePixelRatio });
    if (layer === entry.requestedLayer) return;
    entry.requestedLayer = layer;
    try {
      await request(this.#socket, 'set-preferred-layers', { consumerId: consumer.id, spatialLayer: layer });
    } catch (error) {
      entry.requestedLayer = null;
      this.#onError('Could not change video quality', error);
    }
  }

  /** Every stream with a live consumer; reading them changes nothing. */
  streams(): ReceivedStream[] {
    const list: ReceivedStream[] = [];
    for (const { info, consumer, requestedLayer } of this.#producers.values()) {
      if (consumer && !consumer.closed) list.push({ peerId: info.peerId, source: info.source, consumer, paused: info.paused, requestedLayer });
    }
    return list;
  }

  close(): void {
    if (this.#layerTimer) clearTimeout(this.#layerTimer);
    for (const entry of this.#producers.values()) entry.consumer?.close();
    this.#producers.clear();
  }
}
