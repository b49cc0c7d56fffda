import { Device, type types } from 'mediasoup-client';
import { AppError, type ChatMessage, type ErrorBody, type JoinRoomResult } from '@/lib/protocol';
import { useCallStore, initialCallState, type CallActions } from '@/stores/callStore';
import { LocalDevices, local, setLocal } from './LocalDevices';
import { LocalPublisher } from './LocalPublisher';
import { addParticipant, removeParticipant } from './participants';
import { RemoteMedia } from './RemoteMedia';
import { createTransport } from './transports';
import { openSocket, request, waitForConnect, type ClientSocket } from './signalingClient';

/** The media side of one joined room; rebuilt on every (re)join. */
interface Joined {
  send: types.Transport;
  recv: types.Transport;
  publisher: LocalPublisher;
  remote: RemoteMedia;
}

const appendChat = (message: ChatMessage) => useCallStore.setState((s) => ({ chat: [...s.chat, message] }));

function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toJSON();
  return { code: 'internal', message: error instanceof Error ? error.message : 'Something went wrong' };
}

/**
 * The one owner of the socket, the mediasoup-client Device and the
 * transports. It writes what happens into the call store; the UI calls
 * `actions` and renders the store.
 */
export class CallClient {
  #socket: ClientSocket | null = null;
  #device: Device | null = null;
  #joined: Joined | null = null;
  /** Notifications that arrive between join-room and the transports being ready, replayed then. */
  #early: ((joined: Joined) => void)[] = [];
  readonly #devices = new LocalDevices(
    () => this.#joined?.publisher,
    (message, error) => this.#reportError(message, error),
  );
  #roomId = '';
  #displayName = '';
  #leaving = false;
  /** Bumped by every join and leave, so a join that a leave overtook doesn't report its aborted steps as a failure. */
  #attempt = 0;

  /**
   * Actions never reject: a failure is logged with its cause and shown to the
   * user as one sentence, so the UI never has to catch.
   */
  readonly actions: CallActions = {
    prepareMedia: () => this.#guard('Could not start camera and microphone', () => this.#devices.prepare()),
    selectMic: (id) => this.#guard('Could not switch microphone', () => this.#devices.select('mic', id)),
    selectCam: (id) => this.#guard('Could not switch camera', () => this.#devices.select('camera', id)),
    join: (roomId, name) => this.#join(roomId, name),
    toggleMic: () => this.#guard('Could not change the microphone', () => this.#devices.toggleMic()),
    toggleCam: () => this.#guard('Could not change the camera', () => this.#devices.toggleCam()),
    toggleScreen: () => this.#guard('Could not share the screen', () => this.#devices.toggleScreen()),
    leave: () => this.#guard('Could not leave cleanly', () => this.#leave()),
    setLayout: (layout) => useCallStore.setState({ layout }),
    pin: (peerId) => useCallStore.setState(peerId ? { pinnedId: peerId, layout: 'speaker' } : { pinnedId: null }),
    sendChat: (text) => this.#guard('Could not send the message', () => this.#sendChat(text)),
    reportTileSize: (peerId, source, width, height) => this.#joined?.remote.setTileSize(peerId, source, width, height),
    dismissNotice: () => setLocal({ error: null }),
  };

  async #guard(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.#reportError(what, error);
      setLocal({ error: `${what}: ${toErrorBody(error).message}` });
    }
  }

  #reportError(message: string, error: unknown): void {
    console.error(`[podium] ${message}`, error);
  }

  // ---- joining and leaving -------------------------------------------------

  async #join(roomId: string, displayName: string): Promise<void> {
    if (useCallStore.getState().status === 'joining') return;
    performance.mark('podium:join-click');
    this.#roomId = roomId;
    this.#displayName = displayName;
    this.#leaving = false;
    const attempt = ++this.#attempt;
    useCallStore.setState({ status: 'joining', error: null, roomId, displayName });
    try {
      await this.#ensureLocalTracks();
      const socket = this.#ensureSocket();
      await waitForConnect(socket);
      await this.#enterRoom(socket);
    } catch (error) {
      if (this.#overtaken(attempt, 'join', error)) return;
      this.#teardownMedia();
      this.#socket?.disconnect();
      useCallStore.setState({ status: 'failed', error: toErrorBody(error) });
    }
  }

  async #ensureLocalTracks(): Promise<void> {
    const l = local();
    if ((l.micOn && !l.micTrack) || (l.camOn && !l.camTrack)) {
      if (l.permission !== 'denied' && l.permission !== 'unavailable') await this.#devices.prepare();
    }
  }

  #ensureSocket(): ClientSocket {
    if (this.#socket) return this.#socket;
    const socket = openSocket();
    this.#socket = socket;
    socket.on('disconnect', (reason) => this.#onDisconnect(socket, reason));
    socket.on('connect', () => {
      if (useCallStore.getState().status === 'reconnecting') void this.#rejoin(socket);
    });
    socket.on('participant-joined', ({ peer }) => addParticipant(peer));
    socket.on('participant-left', ({ peerId }) => {
      this.#whenJoined((j) => j.remote.removePeer(peerId));
      removeParticipant(peerId);
    });
    socket.on('new-producer', (info) => this.#whenJoined((j) => void j.remote.add(info)));
    socket.on('producer-paused', ({ producerId }) => this.#whenJoined((j) => j.remote.setPaused(producerId, true)));
    socket.on('producer-resumed', ({ producerId }) => this.#whenJoined((j) => j.remote.setPaused(producerId, false)));
    socket.on('producer-closed', ({ producerId }) => this.#whenJoined((j) => j.remote.remove(producerId)));
    socket.on('consumer-closed', ({ consumerId }) => this.#whenJoined((j) => j.remote.removeByConsumer(consumerId)));
    socket.on('active-speaker', ({ peerId }) => useCallStore.setState({ activeSpeakerId: peerId }));
    socket.on('chat-message', appendChat);
    return socket;
  }

  #whenJoined(run: (joined: Joined) => void): void {
    if (this.#joined) run(this.#joined);
    else this.#early.push(run);
  }

  /** Join the room and set up media; used for the first join and every rejoin. */
  async #enterRoom(socket: ClientSocket): Promise<void> {
    this.#early = [];
    useCallStore.setState({ participants: {}, order: [] });
    const joined = await request(socket, 'join-room', { roomId: this.#roomId, displayName: this.#displayName });
    for (const peer of joined.peers) addParticipant(peer);
    if (!this.#device) {
      this.#device = new Device();
    }
    if (!this.#device.loaded) await this.#device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
    const [send, recv] = await Promise.all([
      this.#createTransport(socket, 'send', joined),
      this.#createTransport(socket, 'recv', joined),
    ]);
    const publisher = new LocalPublisher(socket, this.#device, send);
    const remote = new RemoteMedia(socket, this.#device, recv, (message, error) => this.#reportError(message, error));
    const ready: Joined = { send, recv, publisher, remote };
    this.#joined = ready;
    useCallStore.setState({ status: 'joined', selfId: joined.peerId, activeSpeakerId: joined.activeSpeakerId });
    // Existing producers first, then what was announced meanwhile (add() ignores repeats).
    const consuming = joined.peers.flatMap((peer) => peer.producers.map((p) => remote.add(p)));
    for (const run of this.#early.splice(0)) run(ready);
    await Promise.all([...consuming, this.#publishLocalTracks(publisher)]);
  }

  async #publishLocalTracks(publisher: LocalPublisher): Promise<void> {
    const l = local();
    if (l.micTrack) await publisher.publish('mic', l.micTrack, !l.micOn);
    if (l.camTrack && l.camOn) await publisher.publish('camera', l.camTrack);
    if (l.screenTrack) await publisher.publish('screen', l.screenTrack);
  }

  #createTransport(socket: ClientSocket, direction: 'send' | 'recv', joined: JoinRoomResult): Promise<types.Transport> {
    return createTransport(socket, this.#device!, direction, joined.iceServers, (message, error) => this.#reportError(message, error));
  }

  #onDisconnect(socket: ClientSocket, reason: string): void {
    this.#teardownMedia();
    if (this.#leaving || useCallStore.getState().status !== 'joined') return;
    // The server dropped us (or the network did): keep the page, rejoin when the socket is back.
    useCallStore.setState({ status: 'reconnecting', participants: {}, order: [], activeSpeakerId: null });
    if (reason === 'io server disconnect') socket.connect();
  }

  async #rejoin(socket: ClientSocket): Promise<void> {
    const attempt = this.#attempt;
    try {
      await this.#enterRoom(socket);
    } catch (error) {
      if (this.#overtaken(attempt, 'rejoin', error)) return;
      this.#teardownMedia();
      useCallStore.setState({ status: 'failed', error: toErrorBody(error) });
      socket.disconnect();
    }
  }

  #teardownMedia(): void {
    const joined = this.#joined;
    this.#joined = null;
    this.#early = [];
    if (!joined) return;
    joined.remote.close();
    joined.publisher.close();
    joined.send.close();
    joined.recv.close();
  }

  /** True (and logged) when a leave or a newer join came after `attempt` began: its errors are the leave's doing. */
  #overtaken(attempt: number, step: string, error: unknown): boolean {
    if (attempt === this.#attempt) return false;
    console.info(`[podium] ${step} aborted by a later leave or join:`, error instanceof Error ? error.message : error);
    return true;
  }

  async #leave(): Promise<void> {
    this.#leaving = true;
    this.#attempt++;
    const socket = this.#socket;
    if (socket?.connected) {
      await request(socket, 'leave-room', undefined).catch((error) => this.#reportError('leave failed', error));
    }
    this.#teardownMedia();
    socket?.disconnect();
    this.#devices.stopAll();
    useCallStore.setState({ ...initialCallState, status: 'left', roomId: this.#roomId, displayName: this.#displayName, local: local() });
  }

  async #sendChat(text: string): Promise<void> {
    const socket = this.#socket;
    if (!socket || !this.#joined) return;
    // The server sends a message to everyone but its author, who adds it from the ack.
    appendChat(await request(socket, 'send-chat', { text }));
  }
}

let client: CallClient | null = null;

/** The page's single call client (created in the browser on first use). */
export function getCallClient(): CallClient {
  client ??= new CallClient();
  return client;
}
