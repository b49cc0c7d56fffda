import { z } from 'zod';
import { buildFunnel } from '@/lib/analytics/funnel';
import { EVENT_TYPES, type PeerDetail, type SessionRecord } from '@/lib/analytics/types';
import { AppError, describeZodError } from '@/lib/protocol';
import { AnyRoomIdSchema } from '@/lib/protocol/streamSchemas';
import type { Database } from '@/server/db';
import type { Collector } from './Collector';

/*
 * Read-only analytics REST (SPEC 5). Live views come from the collector, the
 * same numbers the page and /metrics show; history comes from the database.
 * Unknown ids are 404s, bad query strings 400s, both as JSON errors.
 */

export interface AnalyticsSources {
  collector: Collector;
  db: Pick<Database, 'sessions' | 'telemetry' | 'events'> | null;
}

const Id = z.string().min(1).max(64);
const Limit = z.coerce.number().int().min(1).max(1000);
const Since = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'since must be an ISO time or unix milliseconds' });
    return new Date(ms);
  });

const EventsQuery = z.object({
  roomId: AnyRoomIdSchema.optional(),
  peerId: Id.optional(),
  type: z.enum(EVENT_TYPES).optional(),
  since: Since.optional(),
  limit: Limit.optional(),
});
const FunnelQuery = z.object({ since: Since.optional() });
const LimitQuery = z.object({ limit: Limit.optional() });

function parseQuery<T extends z.ZodType>(schema: T, url: URL): z.output<T> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new AppError('invalid_payload', `Bad query: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new AppError('not_found', `${what} not found`);
  return value;
}

function history(sources: AnalyticsSources) {
  if (!sources.db) throw new AppError('unavailable', 'History needs the database, which is not open');
  return sources.db;
}

/** A peer that has left: what the database remembers of its session. */
async function pastPeer(sources: AnalyticsSources, roomId: string, peerId: string): Promise<PeerDetail | undefined> {
  if (!sources.db) return undefined;
  const sessions = await sources.db.sessions.listRoomSessions(roomId, { limit: 1000 });
  const session = sessions.find((s: SessionRecord) => s.peerId === peerId);
  if (!session) return undefined;
  return {
    id: session.peerId,
    roomId,
    displayName: session.displayName,
    joinedAt: session.joinedAt,
    userAgent: session.userAgent,
    connectionState: 'closed',
    transportCount: 0,
    producerCount: 0,
    consumerCount: 0,
    bitrate: { up: 0, down: 0 },
    live: false,
    transports: [],
    producers: [],
    consumers: [],
    telemetry: await sources.db.telemetry.listForPeer(roomId, peerId, { limit: 60 }),
  };
}

type Handler = (sources: AnalyticsSources, params: string[], url: URL) => unknown;

const routes: { pattern: RegExp; handle: Handler }[] = [
  { pattern: /^\/analytics\/server$/, handle: (s) => s.collector.serverOverview() },
  { pattern: /^\/analytics\/rooms$/, handle: (s) => ({ rooms: s.collector.rooms() }) },
  { pattern: /^\/analytics\/rooms\/([^/]+)$/, handle: (s, [roomId]) => found(s.collector.room(roomId!), `Room ${roomId}`) },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/producers$/,
    handle: (s, [roomId]) => ({ producers: found(s.collector.producers(roomId!), `Room ${roomId}`) }),
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/producers\/([^/]+)$/,
    handle: (s, [roomId, id]) =>
      found(found(s.collector.producers(roomId!), `Room ${roomId}`).find((p) => p.id === id), `Producer ${id} in room ${roomId}`),
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/consumers$/,
    handle: (s, [roomId]) => ({ consumers: found(s.collector.consumers(roomId!), `Room ${roomId}`) }),
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/consumers\/([^/]+)$/,
    handle: (s, [roomId, id]) =>
      found(found(s.collector.consumers(roomId!), `Room ${roomId}`).find((c) => c.id === id), `Consumer ${id} in room ${roomId}`),
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/peers\/([^/]+)$/,
    handle: async (s, [roomId, peerId]) =>
      found(s.collector.peer(roomId!, peerId!) ?? (await pastPeer(s, roomId!, peerId!)), `Peer ${peerId} in room ${roomId}`),
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/peers\/([^/]+)\/telemetry$/,
    handle: async (s, [roomId, peerId], url) => {
      const { limit } = parseQuery(LimitQuery, url);
      return { telemetry: await history(s).telemetry.listForPeer(roomId!, peerId!, { limit: limit ?? 360 }) };
    },
  },
  {
    pattern: /^\/analytics\/rooms\/([^/]+)\/sessions$/,
    handle: async (s, [roomId], url) => {
      const { limit } = parseQuery(LimitQuery, url);
      const sessions = await history(s).sessions.listRoomSessions(roomId!, { limit: limit ?? 200 });
      if (sessions.length === 0 && !s.collector.room(roomId!)) throw new AppError('not_found', `Room ${roomId} not found`);
      return { sessions };
    },
  },
  {
    pattern: /^\/analytics\/history\/rooms$/,
    handle: async (s, _params, url) => ({ rooms: await history(s).sessions.listRooms({ limit: parseQuery(LimitQuery, url).limit ?? 100 }) }),
  },
  {
    pattern: /^\/analytics\/events$/,
    handle: async (s, _params, url) => {
      const q = parseQuery(EventsQuery, url);
      return { events: await history(s).events.list({ ...q, since: q.since?.toISOString() }) };
    },
  },
  {
    pattern: /^\/analytics\/funnel$/,
    handle: async (s, _params, url) => {
      const now = new Date();
      const since = parseQuery(FunnelQuery, url).since ?? new Date(now.getTime() - 24 * 3600_000);
      return buildFunnel(await history(s).sessions.listSince(since, { limit: 10_000 }), { now, since });
    },
  },
];

/** Resolves an analytics URL to its JSON body; throws AppError for anything else. */
export async function analyticsRequest(sources: AnalyticsSources, url: URL): Promise<unknown> {
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    let params: string[];
    try {
      params = match.slice(1).map(decodeURIComponent);
    } catch {
      throw new AppError('invalid_payload', 'Malformed id in the path');
    }
    return route.handle(sources, params, url);
  }
  throw new AppError('not_found', `No analytics resource at ${url.pathname}`);
}
