import type { AnalyticsWatch } from '@/lib/analytics/types';
import { AppError, type ResponseMap, type ValidRequest } from '@/lib/protocol';
import type { Collector } from '@/server/analytics/Collector';
import type { AppServer, AppSocket, CallSession } from './types';

export const ANALYTICS_ROOM = 'analytics';

/**
 * Live analytics over Socket.IO: every collector tick pushes the overview to
 * admin sockets, and each watched room or peer to the sockets watching it
 * (built once per tick however many admins watch it). Drop events go out as
 * they happen.
 */
export class AnalyticsFeed {
  readonly #io: AppServer;
  readonly #collector: Collector;
  readonly #watchers = new Map<AppSocket, AnalyticsWatch>();

  constructor(io: AppServer, collector: Collector) {
    this.#io = io;
    this.#collector = collector;
    collector.on('tick', () => this.#push());
    collector.on('event', (event) => io.to(ANALYTICS_ROOM).emit('analytics:event', event));
  }

  add(socket: AppSocket): void {
    this.#watchers.set(socket, {});
    void socket.join(ANALYTICS_ROOM);
    socket.once('disconnect', () => this.#watchers.delete(socket));
  }

  watch(session: CallSession, request: ValidRequest<'analytics:watch'>): ResponseMap['analytics:watch'] {
    if (!this.#watchers.has(session.socket)) throw new AppError('forbidden', 'Analytics are for admins: sign in first');
    const watch: AnalyticsWatch = { roomId: request.roomId, peerId: request.roomId ? request.peerId : undefined };
    this.#watchers.set(session.socket, watch);
    const room = watch.roomId ? (this.#collector.room(watch.roomId) ?? null) : null;
    const peer = watch.roomId && watch.peerId ? (this.#collector.peer(watch.roomId, watch.peerId) ?? null) : null;
    return { room, peer };
  }

  #push(): void {
    if (this.#watchers.size === 0) return;
    this.#io.to(ANALYTICS_ROOM).emit('analytics:overview', { server: this.#collector.serverOverview(), rooms: this.#collector.rooms() });
    const rooms = new Map<string, ReturnType<Collector['room']>>();
    const peers = new Map<string, ReturnType<Collector['peer']>>();
    for (const [socket, { roomId, peerId }] of this.#watchers) {
      if (!roomId) continue;
      if (!rooms.has(roomId)) rooms.set(roomId, this.#collector.room(roomId));
      const room = rooms.get(roomId);
      if (room) socket.emit('analytics:room', room);
      if (!peerId) continue;
      const key = `${roomId}/${peerId}`;
      if (!peers.has(key)) peers.set(key, this.#collector.peer(roomId, peerId));
      const peer = peers.get(key);
      if (peer) socket.emit('analytics:peer', peer);
    }
  }
}
