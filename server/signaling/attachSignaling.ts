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
import { ClientWarnings } from './ClientWarnings';
import { SocketsPerAddress } from './SocketsPerAddress';
import { StreamHub, type StreamStorage } from './streamHub';
import { dispatch } from './dispatch';
import { chatOf, endParticipant, leaveRoom, participantsOf, socketLost } from './membership';
import { socketRoom, type AppServer, type CallSession, type SignalingDeps } from './types';

const REQUEST_NAMES = new Set(Object.keys(requestSchemas));
const STATS_EVENTS = new Set(['stream:stats:update', 'stream:stats:get']);
// Shutdown: requests that make a socket a participant.
const ENTRY_REQUESTS = new Set<string>(['join-room', 'resume-session', 'stream:start', 'stream:watch']);
/** How long sockets stay open after the calls have ended, to answer what was already on its way. */
const SHUTDOWN_DRAIN_MS = 500;

export const SHUTDOWN_NOTICE = 'The server is restarting; the call will reconnect when it is back.';

/** Room-wide notifications that come from the SFU rather than from a request. */
function forwardRoomEvents(io: AppServer, room: Room, deps: SignalingDeps): void {
  const target = () => io.to(socketRoom(room.id));
  room.once('close', () => chatOf(deps).clear(room.id));
  room.on('active-speaker', (peerId) => target().emit('active-speaker', { peerId }));
  room.on('peer-removed', (peer) => target().emit('participant-left', { peerId: peer.id }));
}

export interface Signaling {
  io: AppServer;
  /** Ends every call (recorded as a server shutdown), then closes Socket.IO. */
  close(): Promise<void>;
  /** Who holds this resume token (a joined participant), for REST calls such as the ICE servers. */
  participantCredential(token: string): { peerId: string; roomId: string } | null;
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

  deps.rooms.on('room-created', (room) => forwardRoomEvents(io, room, deps));

  const joins = new KeyedRateLimiter(config.limits.joinsPerMinutePerIp, config.limits.joinsPerMinutePerIp / 60);

  // Shutdown: once close() begins, no socket may become a participant; entries in flight are awaited.
  let shuttingDown = false;
  const entriesInFlight = new Set<Promise<void>>();
  const refuseEntry = (args: unknown[]) => {
    const ack = args.find((arg) => typeof arg === 'function') as ((response: unknown) => void) | undefined;
    ack?.(errorAck({ code: 'unavailable', message: 'The server is shutting down; try again in a moment' }));
  };
  io.use((_socket, next) => (shuttingDown ? next(new Error('The server is shutting down')) : next()));

  // Client-caused warnings throttled; sockets capped per address.
  const warnings = new ClientWarnings(config.limits.clientWarnings);
  const socketsPerAddress = new SocketsPerAddress(config.limits.maxSocketsPerAddress);
  // The last middleware, so that only sockets about to connect are counted.
  io.use((socket, next) => {
    const address = socket.handshake.address || 'unknown';
    if (!socketsPerAddress.admit(address, socket.id)) {
      warnings.warn(address, 'refused socket: too many from one address', { address, open: socketsPerAddress.openFrom(address) });
      const max = config.limits.maxSocketsPerAddress;
      return next(new Error(`Too many connections from your address (at most ${max}); close other tabs and try again`));
    }
    // Whichever comes first: the socket's disconnect, or its connection closing before it connected.
    const release = () => socketsPerAddress.release(socket.id);
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    next();
  });

  const sessions = new Map<string, CallSession>();
  io.on('connection', (socket) => {
    const session: CallSession = {
      socket,
      deps,
      requests: new TokenBucket(config.limits.requestBurst, config.limits.requestsPerSecond),
      // 2 s reports with room for a burst after a stall; never drawn from `requests`.
      statsReports: new TokenBucket(10, 2),
      joins,
      joining: false,
      membership: null,
      warnings,
    };
    sessions.set(socket.id, session);
    if (socket.data.admin) analytics?.add(socket);
    for (const name of REQUEST_NAMES) {
      socket.on(name as RequestName, (payload: unknown, ack: unknown) => {
        const entry = ENTRY_REQUESTS.has(name);
        if (entry && shuttingDown) return refuseEntry([payload, ack]);
        const handled = dispatch(session, name as RequestName, payload, ack);
        if (entry) {
          entriesInFlight.add(handled);
          void handled.finally(() => entriesInFlight.delete(handled));
        }
      });
    }
    socket.on('stream:stats:update', (payload: unknown, ack?: unknown) => streams.onStatsUpdate(session, payload, ack));
    socket.on('stream:stats:get', (payload: unknown, ack?: unknown) => streams.onStatsGet(session, payload, ack));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (REQUEST_NAMES.has(event) || STATS_EVENTS.has(event)) return;
      const ack = args.at(-1);
      const name = String(event).slice(0, 64);
      warnings.warn(socket.id, 'unknown event', { event: name });
      if (typeof ack === 'function') ack(errorAck({ code: 'unknown_event', message: `Unknown event "${name}"` }));
    });
    socket.on('disconnect', (reason) => {
      log.info('signaling', 'socket disconnected', { socket: socket.id, reason, peer: session.membership?.peer.id });
      // A client that closes its own socket has gone on purpose: nothing to hold its place for.
      if (reason === 'client namespace disconnect') void leaveRoom(session, 'left', reason);
      else socketLost(session, reason);
      sessions.delete(socket.id);
    });
  });

  return {
    io,
    close: async () => {
      // Refuse entries, tell everyone, let admitted joins finish so they are ended below too.
      shuttingDown = true;
      io.emit('server-shutdown', { reason: SHUTDOWN_NOTICE });
      await Promise.allSettled([...entriesInFlight]);
      // Away participants too: they hold a peer but no socket.
      await Promise.all(participantsOf(deps).all().map((member) => endParticipant(member, 'server-shutdown')));
      // A client told of the shutdown may still ask to join: it gets a refusal, not a dropped socket.
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS));
      await io.close();
    },
    participantCredential: (token) => participantsOf(deps).credential(token),
  };
}
