import type http from 'node:http';
import { Server } from 'socket.io';
import { errorAck, requestSchemas, type RequestName } from '@/lib/protocol';
import { KeyedRateLimiter, TokenBucket } from '@/lib/rateLimit';
import { log } from '@/server/log';
import type { Room } from '@/server/sfu/Room';
import type { Collector } from '@/server/analytics/Collector';
import { hasAdminSession, sameToken } from '@/server/http/adminAuth';
import { isAllowedOrigin } from '@/server/http/origin';
import { AnalyticsFeed } from './analyticsFeed';
import { StreamHub, type StreamStorage } from './streamHub';
import { dispatch } from './dispatch';
import { leaveRoom } from './membership';
import { socketRoom, type AppServer, type CallSession, type SignalingDeps } from './types';

const REQUEST_NAMES = new Set(Object.keys(requestSchemas));
const STATS_EVENTS = new Set(['stream:stats:update', 'stream:stats:get']);

/** Room-wide notifications that come from the SFU rather than from a request. */
function forwardRoomEvents(io: AppServer, room: Room): void {
  const target = () => io.to(socketRoom(room.id));
  room.on('active-speaker', (peerId) => target().emit('active-speaker', { peerId }));
  room.on('peer-removed', (peer) => target().emit('participant-left', { peerId: peer.id }));
}

export interface Signaling {
  io: AppServer;
  /** Ends every call (recorded as a server shutdown), then closes Socket.IO. */
  close(): Promise<void>;
}

export function attachSignaling(
  httpServer: http.Server,
  deps: SignalingDeps,
  adminToken: string,
  collector?: Collector,
  streamStorage: StreamStorage | null = null,
): Signaling {
  const { config } = deps;
  const io: AppServer = new Server(httpServer, {
    // A message over the limit closes that one socket; everyone else carries on.
    maxHttpBufferSize: config.limits.maxMessageBytes,
    // server.ts routes upgrades itself; don't let engine.io kill Next's HMR socket.
    destroyUpgrade: false,
    // A vanished peer is noticed within pingInterval + pingTimeout (< 10 s).
    pingInterval: 4000,
    pingTimeout: 4000,
    allowRequest: (req, callback) => {
      const ok = isAllowedOrigin(req.headers.origin, req.headers.host, config.allowedOrigins);
      if (!ok) log.warn('signaling', 'refused handshake from origin', { origin: req.headers.origin });
      callback(ok ? null : 'Origin not allowed', ok);
    },
  });

  // auth.adminToken (scripts) or the sign-in cookie (the page, which asks with
  // auth.analytics) marks an analytics viewer; a wrong credential is refused outright.
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { adminToken?: unknown; analytics?: unknown } | undefined;
    const token = auth?.adminToken;
    if (token !== undefined) {
      if (typeof token !== 'string' || !sameToken(token, adminToken)) return next(new Error('Invalid admin token'));
      socket.data.admin = true;
    } else if (hasAdminSession(socket.request, adminToken)) {
      socket.data.admin = true;
    } else if (auth?.analytics) {
      return next(new Error('Admin sign-in required'));
    }
    next();
  });

  const analytics = collector ? new AnalyticsFeed(io, collector) : undefined;
  deps.analytics = analytics;
  const streams = new StreamHub({ io, collector, storage: streamStorage, nodeId: deps.nodeId ?? 'local' });
  deps.streams = streams;

  deps.rooms.on('room-created', (room) => forwardRoomEvents(io, room));

  const joins = new KeyedRateLimiter(config.limits.joinsPerMinutePerIp, config.limits.joinsPerMinutePerIp / 60);

  const sessions = new Map<string, CallSession>();
  io.on('connection', (socket) => {
    const session: CallSession = {
      socket,
      deps,
      requests: new TokenBucket(100, 50),
      // 2 s reports with room for a burst after a stall; never drawn from `requests`.
      statsReports: new TokenBucket(10, 2),
      joins,
      joining: false,
      membership: null,
    };
    sessions.set(socket.id, session);
    if (socket.data.admin) analytics?.add(socket);
    for (const name of REQUEST_NAMES) {
      socket.on(name as RequestName, (payload: unknown, ack: unknown) => void dispatch(session, name as RequestName, payload, ack));
    }
    socket.on('stream:stats:update', (payload: unknown, ack?: unknown) => streams.onStatsUpdate(session, payload, ack));
    socket.on('stream:stats:get', (payload: unknown, ack?: unknown) => streams.onStatsGet(session, payload, ack));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (REQUEST_NAMES.has(event) || STATS_EVENTS.has(event)) return;
      const ack = args.at(-1);
      const name = String(event).slice(0, 64);
      log.warn('signaling', 'unknown event', { event: name, socket: socket.id });
      if (typeof ack === 'function') ack(errorAck({ code: 'unknown_event', message: `Unknown event "${name}"` }));
    });
    socket.on('disconnect', (reason) => {
      log.info('signaling', 'socket disconnected', { socket: socket.id, reason, peer: session.membership?.peer.id });
      void leaveRoom(session, 'disconnected', reason);
      sessions.delete(socket.id);
    });
  });

  return {
    io,
    close: async () => {
      await Promise.all([...sessions.values()].map((session) => leaveRoom(session, 'server-shutdown')));
      await io.close();
    },
  };
}
