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
}

/** What one connected socket is doing: at most one room membership at a time. */
export interface CallSession {
  socket: AppSocket;
  deps: SignalingDeps;
  requests: TokenBucket;
  joins: KeyedRateLimiter;
  /** A join-room is in flight: a second one is refused, not raced. */
  joining: boolean;
  membership: {
    room: Room;
    peer: Peer;
    sessionId: Promise<string | null>;
    /** Set when the room is a stream's: whether this socket streams or watches. */
    stream?: { streamId: string; role: StreamRole };
  } | null;
  /** Stats reports have their own budget so they never starve call signaling. */
  statsReports: TokenBucket;
}

export const socketRoom = (roomId: string) => `room:${roomId}`;
