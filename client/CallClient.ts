import { Device, type types } from 'mediasoup-client';
import { AppError, type ErrorBody, type JoinRoomResult } from '@/lib/protocol';
import { useCallStore, initialCallState, type CallActions, type LocalMediaState } from '@/stores/callStore';
import { captureCamera, captureCameraAndMic, captureMic, captureScreen, describeMediaError, listDevices } from './localMedia';
import { LocalPublisher } from './LocalPublisher';
import { addParticipant, removeParticipant } from './participants';
import { RemoteMedia } from './RemoteMedia';
import { openSocket, request, waitForConnect, type ClientSocket } from './signalingClient';

/** The media side of one joined room; rebuilt on every (re)join. */
interface Joined {
  send: types.Transport;
  recv: types.Transport;
  publisher: LocalPublisher;
  remote: RemoteMedia;
}

const setLocal = (patch: Partial<LocalMediaState>) => useCallStore.setState((s) => ({ local: { ...s.local, ...patch } }));
const local = () => useCallStore.getState().local;

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
  #preparing: Promise<void> | null = null;
  #roomId = '';
  #displayName = '';
  #leaving = false;

  /**
   * Actions never reject: a failure is logged with its cause and shown to the
   * user as one sentence, so the UI never has to catch.
   */
  readonly actions: CallActions = {
    prepareMedia: () => this.#guard('Could not start camera and microphone', () => this.#prepareMedia()),
    selectMic: (id) => this.#guard('Could not switch microphone', () => this.#selectDevice('mic', id)),
    selectCam: (id) => this.#guard('Could not switch camera', () => this.#selectDevice('camera', id)),
    join: (roomId, name) => this.#join(roomId, name),
    toggleMic: () => this.#guard('Could not change the microphone', () => this.#toggleMic()),
    toggleCam: () => this.#guard('Could not change the camera', () => this.#toggleCam()),
    toggleScreen: () => this.#guard('Could not share the screen', () => this.#toggleScreen()),
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

  // ---- local devices -------------------------------------------------------

  /** Joining while the preview is still asking for devices waits for that same request. */
  #prepareMedia(): Promise<void> {
    this.#preparing ??= this.#captureLocalMedia().finally(() => {
      this.#preparing = null;
    });
    return this.#preparing;
  }

  async #captureLocalMedia(): Promise<void> {
    const { micTrack, camTrack, micId, camId } = local();
    if (micTrack || camTrack) return;
    setLocal({ permission: 'pending', error: null });
    const result = await captureCameraAndMic(micId, camId);
    if (result.micTrack) result.micTrack.enabled = local().micOn;
    setLocal({
      micTrack: result.micTrack,
      camTrack: local().camOn ? result.camTrack : null,
      permission: result.permission,
      error: result.error,
      micId: result.micTrack?.getSettings().deviceId ?? micId,
      camId: result.camTrack?.getSettings().deviceId ?? camId,
    });
    if (!local().camOn) result.camTrack?.stop();
    await this.#refreshDevices();
  }

  async #refreshDevices(): Promise<void> {
    try {
      setLocal(await listDevices());
    } catch (error) {
      this.#reportError('could not list devices', error);
    }
  }

  async #selectDevice(source: 'mic' | 'camera', deviceId: string): Promise<void> {
    const isMic = source === 'mic';
    setLocal(isMic ? { micId: deviceId } : { camId: deviceId });
    const old = isMic ? local().micTrack : local().camTrack;
    if (!old) return;
    try {
      const track = isMic ? await captureMic(deviceId) : await captureCamera(deviceId);
      if (isMic) track.enabled = local().micOn;
      await this.#joined?.publisher.replaceTrack(source, track);
      old.stop();
      setLocal(isMic ? { micTrack: track, error: null } : { camTrack: track, error: null });
    } catch (error) {
      setLocal({ error: `Could not switch ${isMic ? 'microphone' : 'camera'}: ${describeMediaError(error).message}` });
    }
  }

  async #toggleMic(): Promise<void> {
    const on = !local().micOn;
    setLocal({ micOn: on });
    let track = local().micTrack;
    if (on && !track) {
      try {
        track = await captureMic(local().micId);
        setLocal({ micTrack: track, error: null });
      } catch (error) {
        setLocal({ micOn: false, error: describeMediaError(error).message });
        return;
      }
    }
    if (track) track.enabled = on;
    const publisher = this.#joined?.publisher;
    if (!publisher || !track) return;
    if (publisher.has('mic')) await publisher.setPaused('mic', !on);
    else if (on) await publisher.publish('mic', track);
  }

  async #toggleCam(): Promise<void> {
    const on = !local().camOn;
    setLocal({ camOn: on });
    const publisher = this.#joined?.publisher;
    if (!on) {
      // Pause on the server, then release the camera so its light goes off.
      await publisher?.setPaused('camera', true);
      await publisher?.replaceTrack('camera', null);
      local().camTrack?.stop();
      setLocal({ camTrack: null });
      return;
    }
    let track: MediaStreamTrack;
    try {
      track = await captureCamera(local().camId);
    } catch (error) {
      setLocal({ camOn: false, error: describeMediaError(error).message });
      return;
    }
    setLocal({ camTrack: track, error: null });
    if (!publisher) return;
    if (publisher.has('camera')) {
      await publisher.replaceTrack('camera', track);
      await publisher.setPaused('camera', false);
    } else {
      await publisher.publish('camera', track);
    }
  }

  async #toggleScreen(): Promise<void> {
    const publisher = this.#joined?.publisher;
    const current = local().screenTrack;
    if (current) {
      current.stop();
      setLocal({ screenTrack: null, screenOn: false });
      await publisher?.unpublish('screen');
      return;
    }
    if (!publisher) return;
    let track: MediaStreamTrack;
    try {
      track = await captureScreen();
    } catch (error) {
      // Cancelling the browser's picker is not an error worth showing.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) this.#reportError('screen share failed', error);
      return;
    }
    track.addEventListener('ended', () => {
      if (local().screenTrack === track) void this.#toggleScreen();
    });
    setLocal({ screenTrack: track, screenOn: true });
    await publisher.publish('screen', track);
  }

  // ---- joining and leaving -------------------------------------------------

  async #join(roomId: string, displayName: string): Promise<void> {
    if (useCallStore.getState().status === 'joining') return;
    performance.mark('podium:join-click');
    this.#roomId = roomId;
    this.#displayName = displayName;
    this.#leaving = false;
    useCallStore.setState({ status: 'joining', error: null, roomId, displayName });
    try {
      await this.#ensureLocalTracks();
      const socket = this.#ensureSocket();
      await waitForConnect(socket);
      await this.#enterRoom(socket);
    } catch (error) {
      this.#teardownMedia();
      this.#socket?.disconnect();
      useCallStore.setState({ status: 'failed', error: toErrorBody(error) });
    }
  }

  async #ensureLocalTracks(): Promise<void> {
    const l = local();
    if ((l.micOn && !l.micTrack) || (l.camOn && !l.camTrack)) {
      if (l.permission !== 'denied' && l.permission !== 'unavailable') await this.#prepareMedia();
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
    socket.on('chat-message', (message) => useCallStore.setState((s) => ({ chat: [...s.chat, message] })));
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

  async #createTransport(socket: ClientSocket, direction: 'send' | 'recv', joined: JoinRoomResult): Promise<types.Transport> {
    const info = await request(socket, 'create-webrtc-transport', { direction });
    const device = this.#device!;
    const options = { ...info, iceServers: joined.iceServers };
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(socket, 'connect-webrtc-transport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      request(socket, 'produce', {
        transportId: transport.id,
        kind,
        rtpParameters,
        source: appData.source as 'mic' | 'camera' | 'screen',
        paused: Boolean(appData.paused),
      }).then(({ id }) => callback({ id }), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed') void this.#restartIce(socket, transport);
    });
    return transport;
  }

  async #restartIce(socket: ClientSocket, transport: types.Transport): Promise<void> {
    try {
      const { iceParameters } = await request(socket, 'restart-ice', { transportId: transport.id });
      await transport.restartIce({ iceParameters });
    } catch (error) {
      this.#reportError('ICE restart failed', error);
    }
  }

  #onDisconnect(socket: ClientSocket, reason: string): void {
    this.#teardownMedia();
    if (this.#leaving || useCallStore.getState().status !== 'joined') return;
    // The server dropped us (or the network did): keep the page, rejoin when the socket is back.
    useCallStore.setState({ status: 'reconnecting', participants: {}, order: [], activeSpeakerId: null });
    if (reason === 'io server disconnect') socket.connect();
  }

  async #rejoin(socket: ClientSocket): Promise<void> {
    try {
      await this.#enterRoom(socket);
    } catch (error) {
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

  async #leave(): Promise<void> {
    this.#leaving = true;
    const socket = this.#socket;
    if (socket?.connected) {
      await request(socket, 'leave-room', undefined).catch((error) => this.#reportError('leave failed', error));
    }
    this.#teardownMedia();
    socket?.disconnect();
    const l = local();
    for (const track of [l.micTrack, l.camTrack, l.screenTrack]) track?.stop();
    setLocal({ micTrack: null, camTrack: null, screenTrack: null, screenOn: false });
    useCallStore.setState({ ...initialCallState, status: 'left', roomId: this.#roomId, displayName: this.#displayName, local: { ...local(), permission: 'unknown' } });
  }

  async #sendChat(text: string): Promise<void> {
    const socket = this.#socket;
    if (!socket || !this.#joined) return;
    const message = await request(socket, 'send-chat', { text });
    useCallStore.setState((s) => ({ chat: [...s.chat, message] }));
  }
}

let client: CallClient | null = null;

/** The page's single call client (created in the browser on first use). */
export function getCallClient(): CallClient {
  client ??= new CallClient();
  return client;
}
