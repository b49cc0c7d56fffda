import { Device, type types } from 'mediasoup-client';
import { AppError, type ChatMessage, type ErrorBody, type JoinRoomResult, type ResumeSessionResult } from '@/lib/protocol';
import { useCallStore, initialCallState, type CallActions } from '@/stores/callStore';
import { LocalDevices, local, setLocal } from './LocalDevices';
import { LocalPublisher } from './LocalPublisher';
import { browserIdentity } from './identity';
import { addParticipant, patchParticipant, removeParticipant } from './participants';
import { RemoteMedia } from './RemoteMedia';
import { QualityMonitor } from './quality/QualityMonitor';
import { mergeChat, reconcileRoom } from './resume';
import { createTransport, restartIceIfDown } from './transports';
import { announce, announceSpeakerMute } from './announcements';
import { chatPreviewText, joinedText, leftText } from '@/lib/ui/announcements';
import { applyLayout, applyPin } from '@/lib/ui/pinning';
import { openSocket, request, waitForConnect, type ClientSocket } from './signalingClient';
import { invitedName, isJoinRefusal, joinTokenFromPage } from './joinToken';

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
  readonly #quality = new QualityMonitor((message, error) => this.#reportError(message, error));
  #roomId = '';
  #displayName = '';
  #leaving = false;
  /** From the last join: continues this participant on a new socket within the grace period. */
  #resumeToken: string | null = null;
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
    setLayout: (layout) => useCallStore.setState((s) => applyLayout(s, layout)),
    pin: (peerId) => useCallStore.setState((s) => applyPin(s, peerId)),
    sendChat: (text) => this.#guard('Could not send the message', () => this.#sendChat(text)),
    reportTileSize: (peerId, source, width, height) => this.#joined?.remote.setTileSize(peerId, source, width, height),
    dismissNotice: () => {
      setLocal({ error: null });
      useCallStore.setState({ notice: null });
    },
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
    displayName = invitedName() ?? displayName; // join tokens: a link that names its holder wins over the typed name, as on the server
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
      // join tokens: a refused link ends the visit (no preview on the refusal page), so camera and microphone go off.
      if (isJoinRefusal(toErrorBody(error))) this.#devices.stopAll();
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
      if (useCallStore.getState().status === 'reconnecting') void this.#reconnect(socket);
    });
    // The browser knows when the network is back: try then, not at the next backoff step (up to 3 s away).
    window.addEventListener('online', () => {
      if (socket.disconnected && useCallStore.getState().status === 'reconnecting') {
        socket.disconnect();
        socket.connect();
      }
    });
    // Closing the tab is leaving (as LiveKit and Jitsi do), not a network drop to wait out.
    window.addEventListener('pagehide', () => {
      if (socket.connected && this.#joined) void request(socket, 'leave-room', undefined).catch(() => undefined);
    });
    socket.on('session-replaced', ({ reason }) => this.#replaced(socket, reason));
    socket.on('participant-reconnecting', ({ peerId }) => patchParticipant(peerId, { reconnecting: true }));
    socket.on('participant-resumed', ({ peerId }) => patchParticipant(peerId, { reconnecting: false }));
    socket.on('participant-joined', ({ peer }) => {
      addParticipant(peer);
      announce('presence', joinedText(peer.displayName));
    });
    socket.on('participant-left', ({ peerId }) => {
      const name = useCallStore.getState().participants[peerId]?.displayName;
      this.#whenJoined((j) => j.remote.removePeer(peerId));
      removeParticipant(peerId);
      if (name) announce('presence', leftText(name));
    });
    socket.on('new-producer', (info) => this.#whenJoined((j) => void j.remote.add(info)));
    socket.on('producer-paused', ({ producerId }) => this.#whenJoined((j) => announceSpeakerMute(j.remote.setPaused(producerId, true), true)));
    socket.on('producer-resumed', ({ producerId }) => this.#whenJoined((j) => announceSpeakerMute(j.remote.setPaused(producerId, false), false)));
    socket.on('producer-closed', ({ producerId }) => this.#whenJoined((j) => j.remote.remove(producerId)));
    socket.on('consumer-closed', ({ consumerId }) => this.#whenJoined((j) => j.remote.removeByConsumer(consumerId)));
    socket.on('active-speaker', ({ peerId }) => useCallStore.setState({ activeSpeakerId: peerId }));
    socket.on('chat-message', (message) => {
      appendChat(message);
      if (!useCallStore.getState().ownPeerIds.includes(message.peerId)) announce('chat', chatPreviewText(message.displayName, message.text));
    });
    socket.on('server-shutdown', ({ reason }) => useCallStore.setState({ notice: reason })); // SIGTERM; the usual reconnect follows
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
    const joined = await request(socket, 'join-room', {
      roomId: this.#roomId,
      displayName: this.#displayName,
      joinToken: joinTokenFromPage(),
      identity: browserIdentity(),
    });
    this.#resumeToken = joined.resumeToken;
    useCallStore.setState((s) => ({
      chat: mergeChat(s.chat, joined.chat),
      ownPeerIds: [...s.ownPeerIds, joined.peerId],
      meetingStartedAt: Date.now() - joined.meetingElapsedMs,
    }));
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
    this.#quality.start({ socket, ...ready });
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
    const status = useCallStore.getState().status;
    if (status === 'reconnecting') {
      // Lost again while resuming: that attempt is void, the next connect starts another.
      this.#attempt++;
      return;
    }
    if (this.#leaving || status !== 'joined') {
      this.#teardownMedia();
      return;
    }
    // The network dropped: keep the page, the tiles and the media, and resume
    // as the same participant when the socket is back. The server dropping us
    // (our room closed) means our place is gone: rejoin afresh.
    if (reason === 'io server disconnect') {
      this.#resumeToken = null;
      this.#teardownMedia();
      useCallStore.setState({ participants: {}, order: [], activeSpeakerId: null });
      socket.connect();
    }
    useCallStore.setState({ status: 'reconnecting' });
  }

  /** The socket is back: continue as the same participant, or join again when our place has ended. */
  async #reconnect(socket: ClientSocket): Promise<void> {
    const attempt = this.#attempt;
    const token = this.#resumeToken;
    if (token && this.#joined) {
      try {
        const resumed = await request(socket, 'resume-session', { resumeToken: token });
        if (this.#overtaken(attempt, 'resume', null)) return;
        if (this.#resumed(resumed)) return;
        // The server kept us but not our transports: start over cleanly.
        await request(socket, 'leave-room', undefined);
      } catch (error) {
        if (this.#overtaken(attempt, 'resume', error)) return;
        if (!(error instanceof AppError && error.code === 'not_found')) this.#reportError('resume failed', error);
        useCallStore.setState({ notice: 'You were disconnected for too long, so you rejoined the meeting.' });
      }
    }
    this.#resumeToken = null;
    this.#teardownMedia();
    useCallStore.setState({ participants: {}, order: [], activeSpeakerId: null });
    await this.#rejoin(socket);
  }

  /** Applies a resume; false when our transports are gone and only a fresh join will do. */
  #resumed(resumed: ResumeSessionResult): boolean {
    const joined = this.#joined;
    if (!joined) return false;
    const kept = new Set(resumed.transportIds);
    if (!kept.has(joined.send.id) || !kept.has(joined.recv.id)) return false;
    reconcileRoom(joined.remote, resumed);
    useCallStore.setState({ status: 'joined', selfId: resumed.peerId });
    // Signaling came back; media may not have (a real network drop breaks both).
    const socket = this.#socket!;
    for (const transport of [joined.send, joined.recv]) {
      void restartIceIfDown(socket, transport, (message: string, error: unknown) => this.#reportError(message, error));
    }
    return true;
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

  /** The same browser joined this room in another tab: this one steps aside. */
  #replaced(socket: ClientSocket, reason: string): void {
    this.#leaving = true;
    this.#attempt++;
    this.#resumeToken = null;
    this.#teardownMedia();
    socket.disconnect();
    this.#devices.stopAll();
    useCallStore.setState({ ...initialCallState, status: 'replaced', notice: reason, roomId: this.#roomId, displayName: this.#displayName, local: local() });
  }

  #teardownMedia(): void {
    const joined = this.#joined;
    this.#joined = null;
    this.#early = [];
    this.#quality.stop();
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
    this.#resumeToken = null;
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
