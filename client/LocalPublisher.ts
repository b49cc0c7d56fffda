import type { Device, types } from 'mediasoup-client';
import type { MediaSource } from '@/lib/protocol';
import { CAMERA_ENCODINGS } from '@/lib/simulcast';
import { request, type ClientSocket } from './signalingClient';

/**
 * Everything sent: one producer per source on the send transport. Pausing a
 * producer pauses it on the server too, so no media flows while muted.
 */
export class LocalPublisher {
  readonly #socket: ClientSocket;
  readonly #device: Device;
  readonly #transport: types.Transport;
  readonly #producers = new Map<MediaSource, types.Producer>();
  /** Sources whose producer is being created. */
  readonly #publishing = new Set<MediaSource>();
  /** The pause state last asked for per source, so a mute during publish() still lands. */
  readonly #wantPaused = new Map<MediaSource, boolean>();

  constructor(socket: ClientSocket, device: Device, transport: types.Transport) {
    this.#socket = socket;
    this.#device = device;
    this.#transport = transport;
  }

  /** The producer of `source`, for reading its state (the quality monitor); undefined while none exists. */
  producer(source: MediaSource): types.Producer | undefined {
    return this.#producers.get(source);
  }

  has(source: MediaSource): boolean {
    return this.#producers.has(source);
  }

  /** True while the producer for `source` exists or is being created. */
  isPublished(source: MediaSource): boolean {
    return this.#producers.has(source) || this.#publishing.has(source);
  }

  async publish(source: MediaSource, track: MediaStreamTrack, paused = false): Promise<void> {
    const options: types.ProducerOptions = { track, stopTracks: false, appData: { source, paused } };
    if (source === 'camera') {
      const vp8 = this.#device.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
      options.encodings = CAMERA_ENCODINGS.map((e) => ({ ...e }));
      options.codecOptions = { videoGoogleStartBitrate: 1000 };
      if (vp8) options.codec = vp8;
    } else if (source === 'mic') {
      options.codecOptions = { opusStereo: false, opusDtx: true, opusFec: true };
    } else if (source === 'screen') {
      options.encodings = [{ maxBitrate: 1_500_000 }];
    }
    this.#wantPaused.set(source, paused);
    this.#publishing.add(source);
    let producer: types.Producer;
    try {
      producer = await this.#transport.produce(options);
    } finally {
      this.#publishing.delete(source);
    }
    // The server created it paused too (the 'produce' event carried the flag).
    if (paused) producer.pause();
    this.#producers.set(source, producer);
    // A mute or unmute clicked while the producer was being created.
    const wanted = this.#wantPaused.get(source) ?? paused;
    if (wanted !== paused) await this.setPaused(source, wanted);
  }

  async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    this.#wantPaused.set(source, paused);
    const producer = this.#producers.get(source);
    if (!producer || producer.paused === paused) return;
    if (paused) producer.pause();
    else producer.resume();
    await request(this.#socket, paused ? 'pause-producer' : 'resume-producer', { producerId: producer.id });
  }

  async replaceTrack(source: MediaSource, track: MediaStreamTrack | null): Promise<void> {
    await this.#producers.get(source)?.replaceTrack({ track });
  }

  async unpublish(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    this.#wantPaused.delete(source);
    producer.close();
    await request(this.#socket, 'close-producer', { producerId: producer.id });
  }

  close(): void {
    for (const producer of this.#producers.values()) producer.close();
    this.#producers.clear();
    this.#wantPaused.clear();
  }
}
