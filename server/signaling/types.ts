import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData, StreamRole } from '@/lib/protocol';
import type { AppConfig } from '@/server/config';
import type { SessionRepository } from '@/server/db/sessionRepository';
import type { AnalyticsFeed } from './analyticsFeed';
import type { StreamHub } from './streamHub';
import type { Peer } from '@/server/sfu/Peer';
import type { Room } from '@/server/sfu/Room';
import type { RoomRegistry } from '@/server/sfu/RoomRegistry';
import type { KeyedRateLimiter, TokenBucket } from '@/lib/rateLimit';
import type { ClientWarnings } from './ClientWarnings';
import type { ChatLog } from './ChatLog';
import type { ParticipantRegistry } from './ParticipantRegistry';

export type InterServerEvents = Record<string, never>;
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SignalingDeps {
  config: AppConfig;
  rooms: RoomRegistry;
  sessions: SessionRepository | null;
  /** Set once signaling is attached: live analytics for admin sockets. */
  analytics?: AnalyticsFeed;
  /** Set once signaling is attached: live streams (studio and viewers). */
  streams?: StreamHub;
  nodeId?: string;
  /** Every participant by resume token, identity and peer id; created on first use. */
  participants?: ParticipantRegistry;
  /** Each room's chat so far, for late joiners; created on first use. */
  chat?: ChatLog;
}

/**
 * One participant of a room. It outlives its socket by the grace period: while
 * `session` is null the peer keeps its objects and waits for `resume-session`.
 */
export interface Membership {
  room: Room;
  peer: Peer;
  sessionId: Promise<string | null>;
  /** Set when the room is a stream's: whether this socket streams or watches. */
  stream?: { streamId: string; role: StreamRole };
  /** The secret that resumes this participant on a new socket. */
  resumeToken: string;
  /** The browser's own id, so a second tab with it replaces this one. */
  identity: string | null;
  /** The socket's session this participant speaks through; null while away. */
  session: CallSession | null;
  /** Runs out the grace period while away. */
  graceTimer: ReturnType<typeof setTimeout> | null;
  /** Why it ended, set by whoever ends it before the peer closes. */
  leaveReason: string | null;
  /** Settles when the leave is recorded; set when the peer closes. */
  recorded: Promise<void> | null;
}

/** What one connected socket is doing: at most one room membership at a time. */
export interface CallSession {
  socket: AppSocket;
  deps: SignalingDeps;
  requests: TokenBucket;
  joins: KeyedRateLimiter;
  /** A join-room is in flight: a second one is refused, not raced. */
  joining: boolean;
  membership: Membership | null;
  /** Stats reports have their own budget so they never starve call signaling. */
  statsReports: TokenBucket;
  /** Warnings this socket's messages cause, throttled (shared by all sockets, keyed by socket id). */
  warnings: ClientWarnings;
}

export const socketRoom = (roomId: string) => `room:${roomId}`;
