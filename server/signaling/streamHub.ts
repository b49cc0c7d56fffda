import { randomBytes } from 'node:crypto';
import type { AnalyticsEvent } from '@/lib/analytics/types';
import {
  AppError,
  describeZodError,
  errorAck,
  okAck,
  streamRoomId,
  StreamStatsGetSchema,
  StreamStatsUpdateSchema,
  type ErrorBody,
  type StreamJoinResult,
  type ValidRequest,
} from '@/lib/protocol';
import type { StreamAlert, StreamStatsBroadcast } from '@/lib/studio/types';
import type { Collector } from '@/server/analytics/Collector';
import { StreamMonitor, type AcceptedStats } from '@/server/analytics/StreamMonitor';
import { streamServerView } from '@/server/analytics/streamServerView';
import { hashOwnerKey } from '@/server/db/streamRepository';
import { log } from '@/server/log';
import { ANALYTICS_ROOM } from './analyticsFeed';
import { joinRoom } from './membership';
import { StreamDirectory, type LiveStream } from './StreamDirectory';
import { socketRoom, type AppServer, type CallSession } from './types';

/** Where stream sessions and samples go (the database, batched); absent without one. */
export interface StreamStorage {
  startSession(input: { streamId: string; peerId: string; ownerKeyHash: string }): Promise<string>;
  endSession(id: string, reason: string): Promise<void>;
  pushSample(input: { streamId: string; sessionId: string; accepted: AcceptedStats }): void;
}


const DEFAULT_STREAMER_NAME = 'Streamer';
const VIEWER_NAME = 'Viewer';

/**
 * Live streams over signaling (SPEC 4 and 6): going live and watching (a
 * stream is a room `stream:<id>` whose one publisher is its owner), the
 * stats the studio posts (validated, authorised, stored, broadcast to the
 * owner and analytics viewers), the viewer count and the SFU's own view of
 * the stream pushed to the studio every collector tick.
 */
export class StreamHub {
  readonly #io: AppServer;
  readonly #collector: Collector | undefined;
  readonly #storage: StreamStorage | null;
  readonly #nodeId: string;
  readonly #directory = new StreamDirectory();
  readonly #monitor = new StreamMonitor();
  readonly #names = new Map<string, string>();

  constructor(deps: { io: AppServer; collector?: Collector; storage: StreamStorage | null; nodeId: string }) {
    this.#io = deps.io;
    this.#collector = deps.collector;
    this.#storage = deps.storage;
    this.#nodeId = deps.nodeId;
    this.#directory.on('viewers', (streamId, viewerCount) => this.#toWatchers(streamId).emit('stream:viewers', { streamId, viewerCount }));
    this.#directory.on('ended', (stream, reason) => this.#ended(stream, reason));
    deps.collector?.on('tick', () => this.#pushServerViews());
  }

  get directory(): StreamDirectory {
    return this.#directory;
  }

  // ---- going live and watching --------------------------------------------

  async start(session: CallSession, request: ValidRequest<'stream:start'>): Promise<StreamJoinResult> {
    const { streamId } = request;
    const current = this.#directory.get(streamId);
    if (current && current.ownerSocketId !== session.socket.id) {
      throw new AppError('stream_live', `Stream "${streamId}" is already live in another tab or by someone else`);
    }
    const displayName = request.displayName ?? DEFAULT_STREAMER_NAME;
    const joined = await joinRoom(
      session,
      { roomId: streamRoomId(streamId), displayName },
      { announce: true, stream: { streamId, role: 'streamer' } },
    );
    const peer = session.membership!.peer;
    const ownerKey = randomBytes(24).toString('base64url');
    const stream: LiveStream = {
      streamId,
      ownerSocketId: session.socket.id,
      ownerPeerId: peer.id,
      startedAt: Date.now(),
      sessionId: this.#startSession(streamId, peer.id, ownerKey),
    };
    try {
      this.#directory.claim(stream);
    } catch (error) {
      // Lost a race with another tab going live on the same id.
      peer.close('stream-taken');
      session.membership = null;
      throw error;
    }
    this.#monitor.reset(streamId);
    this.#names.set(streamId, displayName);
    peer.once('close', (reason) => this.#directory.release(streamId, session.socket.id, reason));
    log.info('streams', 'stream live', { stream: streamId, peer: peer.id });
    return { ...joined, streamId, role: 'streamer', viewerCount: this.#directory.viewerCount(streamId), ownerKey };
  }

  async watch(session: CallSession, request: ValidRequest<'stream:watch'>): Promise<StreamJoinResult> {
    const { streamId } = request;
    const joined = await joinRoom(
      session,
      { roomId: streamRoomId(streamId), displayName: VIEWER_NAME },
      { announce: false, stream: { streamId, role: 'viewer' } },
    );
    const peer = session.membership!.peer;
    this.#directory.addViewer(streamId, peer.id);
    peer.once('close', () => this.#directory.removeViewer(streamId, peer.id));
    // A viewer sees the streamer only, not the other viewers.
    const owner = this.#directory.get(streamId)?.ownerPeerId;
    const peers = joined.peers.filter((p) => p.id === owner);
    return { ...joined, peers, streamId, role: 'viewer', viewerCount: this.#directory.viewerCount(streamId) };
  }

  /** What a stream member may do: viewers receive only. */
  static assertMayPublish(session: CallSession): void {
    if (session.membership?.stream?.role === 'viewer') {
      throw new AppError('forbidden', 'Viewers receive only: they cannot send media');
    }
  }

  #startSession(streamId: string, peerId: string, ownerKey: string): Promise<string | null> {
    if (!this.#storage) return Promise.resolve(null);
    return this.#storage.startSession({ streamId, peerId, ownerKeyHash: hashOwnerKey(ownerKey) }).catch((error: unknown) => {
      log.error('db', 'could not record a stream session', { stream: streamId, peer: peerId, error: String(error) });
      return null;
    });
  }

  #ended(stream: LiveStream, reason: string): void {
    log.info('streams', 'stream ended', { stream: stream.streamId, reason });
    this.#io.to(socketRoom(streamRoomId(stream.streamId))).emit('stream:ended', { streamId: stream.streamId, reason });
    const storage = this.#storage;
    if (!storage) return;
    void stream.sessionId
      .then((id) => (id ? storage.endSession(id, reason) : undefined))
      .catch((error: unknown) => log.error('db', 'could not end a stream session', { stream: stream.streamId, error: String(error) }));
  }

  // ---- stats (SPEC 4) -------------------------------------------------------

  /** `stream:stats:update`: only the stream's owner socket may post; anything else gets `error`. */
  onStatsUpdate(session: CallSession, payload: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (response: unknown) => void) : null;
    const refuse = (error: ErrorBody) => {
      session.socket.emit('error', { ...error, event: 'stream:stats:update' });
      reply?.(errorAck(error));
    };
    if (!session.statsReports.take()) return refuse({ code: 'rate_limited', message: 'Too many stats reports, slow down' });
    const parsed = StreamStatsUpdateSchema.safeParse(payload);
    if (!parsed.success) return refuse({ code: 'invalid_payload', message: describeZodError(parsed.error) });
    const update = parsed.data;
    const stream = this.#directory.get(update.streamId);
    if (!stream || stream.ownerSocketId !== session.socket.id) {
      log.warn('streams', 'stats refused from a non-owner', { stream: update.streamId, socket: session.socket.id });
      return refuse({ code: 'forbidden', message: `Only the socket that publishes stream "${update.streamId}" may post its stats` });
    }
    const accepted = this.#monitor.accept(update, Date.now());
    const received = { streamId: update.streamId, timestamp: update.timestamp, receivedAt: accepted.receivedAt };
    session.socket.emit('stream:stats:received', received);
    reply?.(okAck(received));
    this.#broadcast(stream, accepted);
  }

  /** `stream:stats:get`: anyone connected may ask (SPEC 6). */
  onStatsGet(session: CallSession, payload: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (response: unknown) => void) : null;
    const parsed = StreamStatsGetSchema.safeParse(payload);
    if (!parsed.success) {
      const error: ErrorBody = { code: 'invalid_payload', message: describeZodError(parsed.error) };
      session.socket.emit('error', { ...error, event: 'stream:stats:get' });
      return reply?.(errorAck(error));
    }
    const { streamId } = parsed.data;
    const current = this.#monitor.current(streamId, this.#directory.get(streamId) !== undefined, this.#directory.viewerCount(streamId));
    session.socket.emit('stream:stats:current', current);
    reply?.(okAck(current));
  }

  #broadcast(stream: LiveStream, accepted: AcceptedStats): void {
    const { streamId } = stream;
    const message: StreamStatsBroadcast = {
      ...accepted.update,
      receivedAt: accepted.receivedAt,
      band: accepted.band,
      reasons: accepted.reasons,
      viewerCount: this.#directory.viewerCount(streamId),
    };
    this.#toWatchers(streamId).emit('stream:stats:update', message);
    for (const alert of accepted.alerts) {
      this.#toWatchers(streamId).emit('stream:alert', alert);
      this.#collector?.report(this.#alertEvent(stream, alert));
    }
    const storage = this.#storage;
    if (!storage) return;
    void stream.sessionId.then((sessionId) => {
      if (sessionId) storage.pushSample({ streamId, sessionId, accepted });
    });
  }

  /** The stream's moderators (its owner socket) and every analytics viewer. */
  #toWatchers(streamId: string) {
    const owner = this.#directory.get(streamId)?.ownerSocketId;
    return owner ? this.#io.to([owner, ANALYTICS_ROOM]) : this.#io.to(ANALYTICS_ROOM);
  }

  #alertEvent(stream: LiveStream, alert: StreamAlert): AnalyticsEvent {
    return {
      id: alert.id,
      at: new Date(alert.at).toISOString(),
      nodeId: this.#nodeId,
      type: 'stream-alert',
      severity: alert.severity,
      roomId: streamRoomId(stream.streamId),
      peerId: stream.ownerPeerId,
      peerName: this.#names.get(stream.streamId) ?? null,
      objectId: null,
      cause: `Stream ${stream.streamId}: ${alert.message}`,
      data: { streamId: stream.streamId, alert: alert.type, value: alert.value, threshold: alert.threshold },
    };
  }

  // ---- the SFU's view, pushed to the studio -------------------------------

  #pushServerViews(): void {
    const collector = this.#collector;
    if (!collector) return;
    const now = Date.now();
    for (const stream of this.#directory.live()) {
      const producers = collector.producers(streamRoomId(stream.streamId)) ?? [];
      const view = streamServerView(stream.streamId, stream.ownerPeerId, producers, this.#directory.viewerCount(stream.streamId), now);
      this.#io.to(stream.ownerSocketId).emit('stream:server-view', view);
    }
  }
}


