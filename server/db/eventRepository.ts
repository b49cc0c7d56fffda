import type { AnalyticsEvent, EventQuery, EventSeverity, EventType } from '@/lib/analytics/types';
import { AppError } from '@/lib/protocol';
import type { AnalyticsEvent as EventRow, PrismaClient } from '../../generated/prisma/client';
import { clampLimit } from './limits';

export type EventListQuery = EventQuery & { nodeId?: string };

export const EVENT_LIMIT = { fallback: 100, max: 1000 } as const;

/** The drop/incident log over Prisma. Database errors propagate. */
export class EventRepository {
  readonly #prisma: PrismaClient;

  constructor(prisma: PrismaClient) {
    this.#prisma = prisma;
  }

  /** Stores a batch in one statement; `data` becomes JSON text. */
  async insertMany(events: readonly AnalyticsEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#prisma.analyticsEvent.createMany({ data: events.map(toRowData) });
  }

  /**
   * Events matching every given filter, newest first. Throws AppError
   * invalid_payload for a `since` that is neither an ISO time nor unix ms.
   */
  async list(query: EventListQuery = {}): Promise<AnalyticsEvent[]> {
    const since = query.since === undefined ? undefined : parseSince(query.since);
    const rows = await this.#prisma.analyticsEvent.findMany({
      where: {
        ...(query.roomId === undefined ? {} : { roomId: query.roomId }),
        ...(query.peerId === undefined ? {} : { peerId: query.peerId }),
        ...(query.type === undefined ? {} : { type: query.type }),
        ...(query.nodeId === undefined ? {} : { nodeId: query.nodeId }),
        ...(since === undefined ? {} : { at: { gte: since } }),
      },
      // id breaks ties between events detected in the same millisecond.
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: clampLimit(query.limit, EVENT_LIMIT),
    });
    return rows.map(toAnalyticsEvent);
  }

  /** Deletes events older than the cutoff; returns how many. */
  async pruneBefore(cutoff: Date): Promise<number> {
    const { count } = await this.#prisma.analyticsEvent.deleteMany({ where: { at: { lt: cutoff } } });
    return count;
  }
}

/** `since` as the REST query gives it: unix milliseconds or an ISO time. */
export function parseSince(since: string): Date {
  const trimmed = since.trim();
  // All digits is unix ms; Date.parse would read "2026" as a year.
  const date = /^\d+$/.test(trimmed) ? new Date(Number(trimmed)) : new Date(trimmed);
  if (trimmed === '' || Number.isNaN(date.getTime())) {
    throw new AppError('invalid_payload', `"since" must be an ISO time or unix milliseconds, got "${since}"`);
  }
  return date;
}

function toRowData(event: AnalyticsEvent) {
  return {
    id: event.id,
    at: new Date(event.at),
    nodeId: event.nodeId,
    type: event.type,
    severity: event.severity,
    roomId: event.roomId,
    peerId: event.peerId,
    peerName: event.peerName,
    objectId: event.objectId,
    cause: event.cause,
    data: JSON.stringify(event.data),
  };
}

function toAnalyticsEvent(row: EventRow): AnalyticsEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    nodeId: row.nodeId,
    type: row.type as EventType,
    severity: row.severity as EventSeverity,
    roomId: row.roomId,
    peerId: row.peerId,
    peerName: row.peerName,
    objectId: row.objectId,
    cause: row.cause,
    data: parseData(row.data),
  };
}

/** Only this repository writes the column, but a hand-edited row must not break the whole list. */
function parseData(text: string): AnalyticsEvent['data'] {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as AnalyticsEvent['data'];
  } catch {
    // fall through: not JSON
  }
  return {};
}
