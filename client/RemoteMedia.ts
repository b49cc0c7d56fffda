import type { Device, types } from 'mediasoup-client';
import type { ProducerInfo } from '@/lib/protocol';
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

  async add(info: ProducerInfo): Promise<void> {
    if (this.#producers.has(info.id)) return;
    const entry: RemoteProducer = { info, consumer: null, requestedLayer: null };
    this.#producers.set(info.id, entry);
    patchParticipant(info.peerId, sourceStatePatch(info.source, !info.paused));
    try {
      const data = await request(this.#socket, 'consume', {
        transportId: this.#transport.id,
        producerId: info.id,
        rtpCapabilities: this.#device.rtpCapabilities,
      });
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
      if (info.kind === 'video') await this.#applyLayer(entry);
      await request(this.#socket, 'resume-consumer', { consumerId: consumer.id });
    } catch (error) {
      this.#onError(`Could not receive ${info.source} from a participant`, error);
    }
  }

  setPaused(producerId: string, paused: boolean): void {
    const entry = this.#producers.get(producerId);
    if (!entry) return;
    entry.info = { ...entry.info, paused };
    patchParticipant(entry.info.peerId, sourceStatePatch(entry.info.source, !paused));
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


  close(): void {
    if (this.#layerTimer) clearTimeout(this.#layerTimer);
    for (const entry of this.#producers.values()) entry.consumer?.close();
    this.#producers.clear();
  }
}
