import type { types } from 'mediasoup-client';
import type { ServerToClientEvents } from '@/lib/protocol';
import { measuredStream, mergeTileQualities, sameTileQuality, type TileQuality } from '@/lib/quality/tileQuality';
import { useCallStore } from '@/stores/callStore';
import type { LocalPublisher } from '../LocalPublisher';
import type { ReceivedStream, RemoteMedia } from '../RemoteMedia';
import type { ClientSocket } from '../signalingClient';
import { ReceiveTracker, SendTracker, type ServerView } from './trackers';

/** How often the transports' stats are read; LiveKit and Jitsi update their indicators on this order. */
export const QUALITY_INTERVAL_MS = 2000;

/** Everything the monitor reads; all of it belongs to the call client. */
export interface QualitySources {
  socket: ClientSocket;
  send: types.Transport;
  recv: types.Transport;
  remote: RemoteMedia;
  publisher: LocalPublisher;
}

type LayersEvent = Parameters<ServerToClientEvents['consumer-layers-changed']>[0];
type ScoreEvent = Parameters<ServerToClientEvents['consumer-score']>[0];

function byPeer(streams: ReceivedStream[]): Map<string, ReceivedStream[]> {
  const peers = new Map<string, ReceivedStream[]>();
  for (const stream of streams) peers.set(stream.peerId, [...(peers.get(stream.peerId) ?? []), stream]);
  return peers;
}

/**
 * Every QUALITY_INTERVAL_MS reads the receive and send transports' getStats(),
 * adds what the server said about each consumer, and writes each remote
 * peer's connection quality and my own send quality into the call store
 * (only when what a tile shows changed). It only reads: the call goes on the
 * same whether it runs or not.
 */
export class QualityMonitor {
  readonly #onError: (message: string, error: unknown) => void;
  readonly #intervalMs: number;
  #sources: QualitySources | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #busy = false;
  readonly #server = new Map<string, ServerView>();
  readonly #receivers = new Map<string, ReceiveTracker>();
  readonly #sender = new SendTracker();

  constructor(onError: (message: string, error: unknown) => void, intervalMs = QUALITY_INTERVAL_MS) {
    this.#onError = onError;
    this.#intervalMs = intervalMs;
  }

  start(sources: QualitySources): void {
    this.stop();
    this.#sources = sources;
    sources.socket.on('consumer-layers-changed', this.#onLayers);
    sources.socket.on('consumer-score', this.#onScore);
    this.#timer = setInterval(() => void this.#sample(), this.#intervalMs);
    // A baseline now, so the first judgement comes one interval after joining, not two.
    void this.#sample();
  }

  /** Idempotent; clears what the tiles show. */
  stop(): void {
    const sources = this.#sources;
    if (!sources) return;
    this.#sources = null;
    sources.socket.off('consumer-layers-changed', this.#onLayers);
    sources.socket.off('consumer-score', this.#onScore);
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#server.clear();
    this.#receivers.clear();
    this.#sender.reset();
    useCallStore.setState({ quality: {}, selfQuality: null });
  }

  readonly #onLayers = ({ consumerId, layers }: LayersEvent): void => {
    const view = this.#serverView(consumerId);
    view.layer = layers?.spatialLayer ?? null;
    view.layerSince = performance.now();
  };

  readonly #onScore = ({ consumerId, score, producerScore }: ScoreEvent): void => {
    this.#serverView(consumerId).score = Math.min(score, producerScore);
  };

  #serverView(consumerId: string): ServerView {
    let view = this.#server.get(consumerId);
    if (!view) {
      view = { layer: null, layerSince: performance.now(), score: null };
      this.#server.set(consumerId, view);
    }
    return view;
  }

  async #sample(): Promise<void> {
    const sources = this.#sources;
    // A slow getStats() must not pile samples up behind it.
    if (!sources || this.#busy || sources.recv.closed || sources.send.closed) return;
    this.#busy = true;
    try {
      const [received, sent] = await Promise.all([sources.recv.getStats(), sources.send.getStats()]);
      // Stopped (left, rejoined) while the stats were read: they belong to a call that is over.
      if (this.#sources !== sources) return;
      const nowMs = performance.now();
      this.#publish(this.#receiveQualities(received, sources.remote, nowMs), this.#sendQuality(sent, sources.publisher, nowMs));
    } catch (error) {
      if (this.#sources === sources && !sources.recv.closed && !sources.send.closed) this.#onError('Could not read connection stats', error);
    } finally {
      this.#busy = false;
    }
  }

  #receiveQualities(report: RTCStatsReport, remote: RemoteMedia, nowMs: number): Record<string, TileQuality> {
    const streams = remote.streams();
    const qualities: Record<string, TileQuality> = {};
    for (const [peerId, peerStreams] of byPeer(streams)) {
      const stream = measuredStream(peerStreams);
      if (!stream) continue;
      let tracker = this.#receivers.get(peerId);
      if (!tracker) {
        tracker = new ReceiveTracker();
        this.#receivers.set(peerId, tracker);
      }
      const quality = tracker.update(report, stream, this.#server.get(stream.consumer.id), nowMs);
      if (quality) qualities[peerId] = quality;
    }
    this.#forgetGone(streams);
    return qualities;
  }

  /** Trackers and server views of peers and consumers that are no longer received. */
  #forgetGone(streams: ReceivedStream[]): void {
    const peers = new Set(streams.map((s) => s.peerId));
    const consumers = new Set(streams.map((s) => s.consumer.id));
    for (const peerId of this.#receivers.keys()) if (!peers.has(peerId)) this.#receivers.delete(peerId);
    for (const consumerId of this.#server.keys()) if (!consumers.has(consumerId)) this.#forgetIfStale(consumerId);
  }

  /**
   * The server announces a consumer's layers and score as soon as it exists,
   * possibly before RemoteMedia holds it: keep a view until it has had an
   * interval to appear.
   */
  #forgetIfStale(consumerId: string): void {
    const view = this.#server.get(consumerId);
    if (view && performance.now() - view.layerSince > this.#intervalMs * 2) this.#server.delete(consumerId);
  }

  #sendQuality(report: RTCStatsReport, publisher: LocalPublisher, nowMs: number): TileQuality | null {
    const sent = measuredStream(
      (['camera', 'mic'] as const).flatMap((source) => {
        const producer = publisher.producer(source);
        return producer && !producer.closed ? [{ source, paused: producer.paused, producer }] : [];
      }),
    );
    if (!sent) {
      this.#sender.reset();
      return null;
    }
    return this.#sender.update(report, sent.producer, sent.source, nowMs);
  }

  #publish(remote: Record<string, TileQuality>, self: TileQuality | null): void {
    const state = useCallStore.getState();
    const quality = mergeTileQualities(state.quality, remote);
    const selfChanged = !sameTileQuality(state.selfQuality, self);
    if (!quality && !selfChanged) return;
    useCallStore.setState({ ...(quality ? { quality } : {}), ...(selfChanged ? { selfQuality: self } : {}) });
  }
}
