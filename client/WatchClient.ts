import { Device, type types } from 'mediasoup-client';
import type { ProducerInfo } from '@/lib/protocol';
import { initialWatchState, useWatchStore, type WatchActions, type WatchState } from '@/stores/watchStore';
import { openSocket, request, waitForConnect, type ClientSocket } from './signalingClient';
import { createTransport } from './transports';

const set = (patch: Partial<WatchState>) => useWatchStore.setState(patch);
const state = () => useWatchStore.getState();

interface Watching {
  socket: ClientSocket;
  recv: types.Transport | null;
  consumers: Map<string, types.Consumer>;
}

/**
 * A viewer: receive only (no camera or microphone asked), one consumer per
 * producer of the streamer, resumed as soon as its track exists. Writes the
 * watch store; the watch page renders it.
 */
export class WatchClient {
  #device: Device | null = null;
  #watching: Watching | null = null;
  #streamerId: string | null = null;

  readonly actions: WatchActions = {
    play: (streamId) => this.#play(streamId).catch((error) => this.#fail(error)),
    stop: async () => this.#stop(),
  };

  #fail(error: unknown): void {
    console.error('[podium] watching failed', error);
    this.#teardown();
    const text = error instanceof Error ? error.message : 'Something went wrong';
    set({ status: 'failed', error: text });
  }

  async #play(streamId: string): Promise<void> {
    if (this.#watching) return;
    this.#streamerId = null;
    set({ ...initialWatchState, streamId, status: 'connecting' });
    const socket = openSocket();
    const watching: Watching = { socket, recv: null, consumers: new Map() };
    // Held from the start, so a failure at any step below closes the socket too.
    this.#watching = watching;
    this.#listen(socket);
    await waitForConnect(socket);
    const joined = await request(socket, 'stream:watch', { streamId });
    this.#device ??= new Device();
    if (!this.#device.loaded) await this.#device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
    watching.recv = await createTransport(socket, this.#device, 'recv', joined.iceServers, (m, e) => console.error(`[podium] ${m}`, e));
    const streamer = joined.peers[0];
    this.#streamerId = streamer?.id ?? null;
    set({ status: streamer && streamer.producers.length > 0 ? 'live' : 'waiting', streamerName: streamer?.displayName ?? null, viewerCount: joined.viewerCount });
    await Promise.all((streamer?.producers ?? []).map((p) => this.#consume(p)));
  }

  #listen(socket: ClientSocket): void {
    socket.on('participant-joined', ({ peer }) => {
      this.#streamerId = peer.id;
      set({ streamerName: peer.displayName });
    });
    socket.on('new-producer', (info) => void this.#consume(info).catch((error) => console.error('[podium] could not receive', error)));
    socket.on('producer-closed', ({ producerId }) => this.#drop(producerId));
    socket.on('consumer-closed', ({ producerId }) => this.#drop(producerId));
    socket.on('stream:ended', () => {
      for (const id of [...(this.#watching?.consumers.keys() ?? [])]) this.#drop(id);
      set({ status: 'ended', videoTrack: null, audioTrack: null });
    });
    socket.on('disconnect', (reason) => {
      if (!this.#watching || this.#watching.socket !== socket) return;
      this.#teardown();
      if (reason !== 'io client disconnect') set({ status: 'failed', error: 'The connection to the server was lost. Press play to try again.' });
    });
  }

  async #consume(info: ProducerInfo): Promise<void> {
    const watching = this.#watching;
    if (!watching?.recv || watching.consumers.has(info.id) || (this.#streamerId && info.peerId !== this.#streamerId)) return;
    const data = await request(watching.socket, 'consume', {
      transportId: watching.recv.id,
      producerId: info.id,
      rtpCapabilities: this.#device!.rtpCapabilities,
    });
    const recv = watching.recv;
    const consumer = await recv.consume({ id: data.id, producerId: data.producerId, kind: data.kind, rtpParameters: data.rtpParameters });
    if (this.#watching !== watching) return consumer.close();
    watching.consumers.set(info.id, consumer);
    set(consumer.kind === 'video' ? { videoTrack: consumer.track, status: 'live' } : { audioTrack: consumer.track, status: 'live' });
    await request(watching.socket, 'resume-consumer', { consumerId: consumer.id });
  }

  #drop(producerId: string): void {
    const consumer = this.#watching?.consumers.get(producerId);
    if (!consumer) return;
    this.#watching!.consumers.delete(producerId);
    consumer.close();
    set(consumer.kind === 'video' ? { videoTrack: null } : { audioTrack: null });
  }

  async #stop(): Promise<void> {
    const watching = this.#watching;
    if (watching?.socket.connected) await request(watching.socket, 'leave-room', undefined).catch(() => undefined);
    this.#teardown();
    set({ status: 'idle', videoTrack: null, audioTrack: null });
  }

  #teardown(): void {
    const watching = this.#watching;
    this.#watching = null;
    if (!watching) return;
    for (const consumer of watching.consumers.values()) consumer.close();
    watching.recv?.close();
    watching.socket.disconnect();
  }
}

let client: WatchClient | null = null;

export function getWatchClient(): WatchClient {
  client ??= new WatchClient();
  return client;
}

