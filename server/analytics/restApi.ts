import { AppError } from '@/lib/protocol';
import type { MediasoupCounters } from '@/server/sfu/MediasoupCounters';
import type { RoomRegistry } from '@/server/sfu/RoomRegistry';
import type { RoomSnapshot } from '@/server/sfu/snapshots';
import type { WorkerPool } from '@/server/sfu/WorkerPool';

/*
 * Read-only analytics over the SFU's own objects (SPEC 5). Every view is built
 * from snapshots taken at request time; unknown ids are 404s.
 */

export interface AnalyticsSources {
  rooms: RoomRegistry;
  pool: WorkerPool;
  counters: MediasoupCounters;
}

function roomOr404(sources: AnalyticsSources, roomId: string): RoomSnapshot {
  const room = sources.rooms.get(roomId);
  if (!room) throw new AppError('not_found', `Room ${roomId} not found`);
  return room.snapshot();
}

const producersOf = (room: RoomSnapshot) => room.peers.flatMap((p) => p.producers);
const consumersOf = (room: RoomSnapshot) => room.peers.flatMap((p) => p.consumers);

function roomSummary(room: RoomSnapshot) {
  return {
    id: room.id,
    workerIndex: room.workerIndex,
    workerPid: room.workerPid,
    createdAt: new Date(room.createdAt).toISOString(),
    peerCount: room.peers.length,
    producerCount: producersOf(room).length,
    consumerCount: consumersOf(room).length,
    transportCount: room.peers.reduce((n, p) => n + p.transports.length, 0),
  };
}

async function serverOverview(sources: AnalyticsSources) {
  const workers = await Promise.all(
    sources.pool.slots.map(async (slot) => {
      const usage = await slot.worker.getResourceUsage();
      return {
        index: slot.index,
        pid: slot.worker.pid,
        cpu: { userMs: usage.ru_utime, systemMs: usage.ru_stime },
        memory: { maxRssKb: usage.ru_maxrss },
        rooms: sources.rooms.rooms().filter((r) => r.workerIndex === slot.index).length,
      };
    }),
  );
  const rooms = sources.rooms.rooms();
  return {
    uptimeSeconds: Math.round(process.uptime()),
    workers,
    totals: { rooms: rooms.length, peers: rooms.reduce((n, r) => n + r.peerCount, 0), ...sources.counters.counts },
  };
}

type Route = { pattern: RegExp; handle: (sources: AnalyticsSources, params: string[]) => unknown };

const routes: Route[] = [
  { pattern: /^\/analytics\/server$/, handle: (s) => serverOverview(s) },
  { pattern: /^\/analytics\/rooms$/, handle: (s) => ({ rooms: s.rooms.snapshots().map(roomSummary) }) },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)$/,
    handle: (s, [roomId]) => {
      const room = roomOr404(s, roomId);
      return {
        ...roomSummary(room),
        activeSpeakerId: room.activeSpeakerId,
        peers: room.peers.map((p) => ({
          id: p.id,
          displayName: p.displayName,
          joinedAt: new Date(p.joinedAt).toISOString(),
          transportCount: p.transports.length,
          producerCount: p.producers.length,
          consumerCount: p.consumers.length,
        })),
        producers: producersOf(room),
        consumers: consumersOf(room),
      };
    },
  },
  { pattern: /^\/analytics\/rooms\/([^/]+)\/producers$/, handle: (s, [roomId]) => ({ producers: producersOf(roomOr404(s, roomId)) }) },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/producers\/([^/]+)$/,
    handle: (s, [roomId, id]) => {
      const producer = producersOf(roomOr404(s, roomId)).find((p) => p.id === id);
      if (!producer) throw new AppError('not_found', `Producer ${id} not found in room ${roomId}`);
      return producer;
    },
  },
  { pattern: /^\/analytics\/rooms\/([^/]+)\/consumers$/, handle: (s, [roomId]) => ({ consumers: consumersOf(roomOr404(s, roomId)) }) },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/consumers\/([^/]+)$/,
    handle: (s, [roomId, id]) => {
      const consumer = consumersOf(roomOr404(s, roomId)).find((c) => c.id === id);
      if (!consumer) throw new AppError('not_found', `Consumer ${id} not found in room ${roomId}`);
      return consumer;
    },
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/peers\/([^/]+)$/,
    handle: (s, [roomId, peerId]) => {
      const peer = roomOr404(s, roomId).peers.find((p) => p.id === peerId);
      if (!peer) throw new AppError('not_found', `Peer ${peerId} not found in room ${roomId}`);
      return peer;
    },
  },
];

/** Resolves an analytics path to its JSON body; throws AppError('not_found') for anything else. */
export async function analyticsRequest(sources: AnalyticsSources, pathname: string): Promise<unknown> {
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (match) return route.handle(sources, match.slice(1).map(decodeURIComponent));
  }
  throw new AppError('not_found', `No analytics resource at ${pathname}`);
}

export function prometheusMetrics(sources: AnalyticsSources): string {
  const rooms = sources.rooms.rooms();
  const counts = sources.counters.counts;
  const gauges: [string, string, number][] = [
    ['podium_rooms', 'Rooms with at least one participant', rooms.length],
    ['podium_peers', 'Connected participants', rooms.reduce((n, r) => n + r.peerCount, 0)],
    ['mediasoup_workers', 'Live mediasoup workers', counts.workers],
    ['mediasoup_routers', 'Live mediasoup routers', counts.routers],
    ['mediasoup_transports', 'Live mediasoup transports', counts.transports],
    ['mediasoup_producers', 'Live mediasoup producers', counts.producers],
    ['mediasoup_consumers', 'Live mediasoup consumers', counts.consumers],
  ];
  return gauges.map(([name, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}\n`).join('');
}
