import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { opusRtpParameters, vp8RtpParameters } from '../load/plainMedia';

/*
 * A participant without a browser: a Socket.IO client that makes the very
 * requests the page makes (join-room, two WebRTC transports, connect,
 * produce mic + camera, consume everyone, resume) and ends as a page can:
 * a leave, a closed connection, or a connection that goes silent.
 *
 * It has no ICE or DTLS stack, so no media flows: the server holds every
 * object a real participant would cause (router, transports with their
 * UDP/TCP ports, producers, consumers, the session row) and has to clean
 * them up the same way.
 */

export type Ack<T = any> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

interface ProducerInfo {
  id: string;
  peerId: string;
}

interface JoinData {
  peerId: string;
  routerRtpCapabilities: unknown;
  peers: { id: string; producers: ProducerInfo[] }[];
  resumeToken?: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** A DTLS fingerprint of the right shape; nobody ever checks it against a certificate. */
function fakeDtlsParameters() {
  const value = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value }] };
}

export class RequestError extends Error {
  constructor(
    readonly request: string,
    readonly code: string,
    message: string,
  ) {
    super(`${request}: ${code} (${message})`);
  }
}

export class SignalingBot {
  readonly socket: Socket;
  peerId: string | null = null;
  resumeToken: string | null = null;
  consumers = 0;
  /** Consume requests that lost a race with the producer's peer leaving (not an error of the server). */
  consumeRaces = 0;
  #recvTransportId: string | null = null;
  #rtpCapabilities: unknown = null;
  readonly #consumed = new Set<string>();
  readonly #errors: Error[] = [];

  static connect(baseUrl: string, auth?: Record<string, string>): Promise<SignalingBot> {
    const socket = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new SignalingBot(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('new-producer', (producer: ProducerInfo) => void this.#consume(producer));
  }

  /** Errors of consume requests made on the server's notifications (not awaited by anyone). */
  get backgroundErrors(): Error[] {
    return this.#errors;
  }

  async request<T = any>(name: string, payload: unknown = {}): Promise<Ack<T>> {
    return (await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload)) as Ack<T>;
  }

  async #must<T = any>(name: string, payload: unknown = {}): Promise<T> {
    const ack = await this.request<T>(name, payload);
    if (!ack.ok) throw new RequestError(name, ack.error.code, ack.error.message);
    return ack.data;
  }

  /** Joins, publishes Opus + VP8 on a send transport and consumes every producer already in the room. */
  async join(roomId: string, displayName: string, options: { identity?: string; ssrcBase: number }): Promise<void> {
    const joined = await this.#must<JoinData>('join-room', { roomId, displayName, ...(options.identity ? { identity: options.identity } : {}) });
    this.peerId = joined.peerId;
    this.resumeToken = joined.resumeToken ?? null;
    this.#rtpCapabilities = joined.routerRtpCapabilities;
    const [send, recv] = await Promise.all([
      this.#must<{ id: string }>('create-webrtc-transport', { direction: 'send' }),
      this.#must<{ id: string }>('create-webrtc-transport', { direction: 'recv' }),
    ]);
    this.#recvTransportId = recv.id;
    await Promise.all([
      this.#must('connect-webrtc-transport', { transportId: send.id, dtlsParameters: fakeDtlsParameters() }),
      this.#must('connect-webrtc-transport', { transportId: recv.id, dtlsParameters: fakeDtlsParameters() }),
    ]);
    await this.#must('produce', { transportId: send.id, kind: 'audio', source: 'mic', rtpParameters: opusRtpParameters(options.ssrcBase) });
    await this.#must('produce', { transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8RtpParameters(options.ssrcBase + 1) });
    await Promise.all(joined.peers.flatMap((peer) => peer.producers.map((producer) => this.#consume(producer))));
  }

  async #consume(producer: ProducerInfo): Promise<void> {
    if (!this.#recvTransportId || this.#consumed.has(producer.id) || this.socket.disconnected) return;
    this.#consumed.add(producer.id);
    try {
      const consume = await this.request<{ id: string }>('consume', {
        transportId: this.#recvTransportId,
        producerId: producer.id,
        rtpCapabilities: this.#rtpCapabilities,
      });
      if (!consume.ok) {
        // The producer (or its peer) went away between the notification and the request.
        if (consume.error.code === 'not_found') this.consumeRaces++;
        else this.#errors.push(new RequestError('consume', consume.error.code, consume.error.message));
        return;
      }
      const resumed = await this.request('resume-consumer', { consumerId: consume.data.id });
      if (resumed.ok) this.consumers++;
      else if (resumed.error.code === 'not_found') this.consumeRaces++;
      else this.#errors.push(new RequestError('resume-consumer', resumed.error.code, resumed.error.message));
    } catch (error) {
      // An ack that never came: the socket closed meanwhile (this bot ended), or the server stalled.
      if (this.socket.connected) this.#errors.push(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** leave-room, then close the socket: the orderly end. */
  async leave(): Promise<void> {
    await this.#must('leave-room', {});
    this.socket.disconnect();
  }

  /** Drops the connection without a leave, as a closed tab or a killed process does. */
  vanish(): void {
    this.socket.io.engine.close();
  }

  /**
   * Stops reading the TCP stream: no FIN, no close frame, no pong, as a dead
   * network. Only the server's heartbeat can notice; the socket is destroyed
   * for good after `destroyAfterMs`.
   */
  stall(destroyAfterMs: number): void {
    const raw = (this.socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void; destroy(): void } } }).ws?._socket;
    if (!raw) {
      this.vanish();
      return;
    }
    raw.pause();
    setTimeout(() => {
      raw.destroy();
      this.socket.close();
    }, destroyAfterMs).unref();
  }
}
