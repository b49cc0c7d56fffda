import type { RoomHistoryRow, SessionRecord } from '@/lib/analytics/types';
import type { ParticipantSession, PrismaClient } from '../../generated/prisma/client';
import { clampLimit } from './limits';

export type { ParticipantSession };

/** Why a session ended. Free text in the database; these are the usual ones. */
export type LeaveReason =
  | 'left'
  | 'disconnected'
  | 'kicked'
  | 'server-shutdown'
  | 'server-restart'
  | (string & {});

export interface JoinRecord {
  /** The URL room id, 1-64 characters. */
  roomId: string;
  /** The SFU's peer id for this connection. */
  peerId: string;
  displayName: string;
  userAgent?: string | null;
  /** The node hosting the call; default "local". */
  nodeId?: string;
}

/** Funnel stages reached, as they happen; each is stored only the first time. */
export interface SessionMilestones {
  transportsConnectedAt?: Date;
  firstMediaSentAt?: Date;
  firstMediaReceivedAt?: Date;
  /** true once any transport is seen going through TURN; false changes nothing. */
  relayed?: boolean;
}


export const DEFAULT_NODE_ID = 'local';
export const ROOM_SESSIONS_LIMIT = { fallback: 100, max: 1000 } as const;
export const ROOMS_LIMIT = { fallback: 100, max: 1000 } as const;
// The funnel reads every session of its period, so the page is large.
export const SESSIONS_SINCE_LIMIT = { fallback: 10_000, max: 100_000 } as const;

export interface SessionRepositoryOptions {
  /** Clock for joinedAt/leftAt/lastActiveAt; injectable for tests. */
  now?: () => Date;
}

const MAX_ROOM_ID_LENGTH = 64;

/**
 * Who was in which room, and when, over Prisma. Database errors propagate:
 * the caller decides whether a failed write matters (it usually should not
 * stop a call).
 */
export class SessionRepository {
  readonly #prisma: PrismaClient;
  readonly #now: () => Date;

  constructor(prisma: PrismaClient, options: SessionRepositoryOptions = {}) {
    this.#prisma = prisma;
    this.#now = options.now ?? (() => new Date());
  }

  /** Records a peer joining; creates the room on first use. Returns the session id. */
  async recordJoin(join: JoinRecord): Promise<string> {
    assertRoomId(join.roomId);
    const now = this.#now();
    const nodeId = join.nodeId ?? DEFAULT_NODE_ID;
    // One transaction: a session never exists without its room being bumped.
    const [, session] = await this.#prisma.$transaction([
      this.#prisma.room.upsert({
        where: { id: join.roomId },
        create: { id: join.roomId, createdAt: now, lastActiveAt: now, nodeId },
        update: { lastActiveAt: now, nodeId },
      }),
      this.#prisma.participantSession.create({
        data: {
          roomId: join.roomId,
          peerId: join.peerId,
          displayName: join.displayName,
          userAgent: join.userAgent ?? null,
          joinedAt: now,
          nodeId,
        },
        select: { id: true },
      }),
    ]);
    return session.id;
  }

  /**
   * Marks a session as ended. Only the first call counts (a disconnect
   * after an explicit leave must not overwrite the reason); returns whether
   * this call closed it, false for an already closed or unknown session.
   */
  async recordLeave(sessionId: string, reason: LeaveReason): Promise<boolean> {
    const now = this.#now();
    return this.#prisma.$transaction(async (tx) => {
      const { count } = await tx.participantSession.updateMany({
        where: { id: sessionId, leftAt: null },
        data: { leftAt: now, leaveReason: reason },
      });
      if (count === 0) return false;
      // A room is active until its last participant leaves.
      await tx.room.updateMany({
        where: { sessions: { some: { id: sessionId } } },
        data: { lastActiveAt: now },
      });
      return true;
    });
  }

  /**
   * Records funnel stages. Each timestamp is kept from the first call that
   * gives it (a reconnect must not make a join look slower), and `relayed`
   * only ever goes from false to true. Unknown sessions are ignored.
   */
  async recordMilestones(sessionId: string, milestones: SessionMilestones): Promise<void> {
    const { relayed, ...times } = milestones;
    const updates = Object.entries(times)
      .filter((entry): entry is [keyof typeof times, Date] => entry[1] instanceof Date)
      .map(([column, at]) =>
        this.#prisma.participantSession.updateMany({
          where: { id: sessionId, [column]: null },
          data: { [column]: at },
        }),
      );
    if (relayed === true) {
      updates.push(
        this.#prisma.participantSession.updateMany({ where: { id: sessionId, relayed: false }, data: { relayed: true } }),
      );
    }
    if (updates.length === 0) return;
    await this.#prisma.$transaction(updates);
  }

  /**
   * recordMilestones for the session of a peer id (unique per connection:
   * its newest session, even if it closed a moment ago). Returns false when
   * no session has that peer id, e.g. its join is not stored yet.
   */
  async recordMilestonesForPeer(peerId: string, milestones: SessionMilestones): Promise<boolean> {
    const session = await this.#prisma.participantSession.findFirst({
      where: { peerId },
      orderBy: NEWEST_JOIN_FIRST,
      select: { id: true },
    });
    if (!session) return false;
    await this.recordMilestones(session.id, milestones);
    return true;
  }

  /**
   * Closes every session still open, for start-up: after a crash or kill
   * nobody is connected any more, whatever the table says. With `nodeId`,
   * only that node's sessions (a database shared by nodes). Returns how many.
   */
  async closeDangling(reason: LeaveReason = 'server-restart', options: { nodeId?: string } = {}): Promise<number> {
    const { count } = await this.#prisma.participantSession.updateMany({
      where: { leftAt: null, ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }) },
      data: { leftAt: this.#now(), leaveReason: reason },
    });
    return count;
  }

  /** Sessions of a room as stored, most recent join first (no limit unless given). */
  async listSessions(roomId: string, options: { limit?: number } = {}): Promise<ParticipantSession[]> {
    return this.#prisma.participantSession.findMany({
      where: { roomId },
      orderBy: NEWEST_JOIN_FIRST,
      ...(options.limit === undefined ? {} : { take: options.limit }),
    });
  }

  /** Sessions of a room for the API, most recent join first (default 100, at most 1000). */
  async listRoomSessions(roomId: string, options: { limit?: number } = {}): Promise<SessionRecord[]> {
    const rows = await this.#prisma.participantSession.findMany({
      where: { roomId },
      orderBy: NEWEST_JOIN_FIRST,
      take: clampLimit(options.limit, ROOM_SESSIONS_LIMIT),
    });
    return rows.map(toSessionRecord);
  }

  /** Sessions that joined at or after `since`, most recent first (default 10 000). */
  async listSince(since: Date, options: { limit?: number } = {}): Promise<SessionRecord[]> {
    const rows = await this.#prisma.participantSession.findMany({
      where: { joinedAt: { gte: since } },
      orderBy: NEWEST_JOIN_FIRST,
      take: clampLimit(options.limit, SESSIONS_SINCE_LIMIT),
    });
    return rows.map(toSessionRecord);
  }

  /** Rooms with their session counts, most recently active first (default 100, at most 1000). */
  async listRooms(options: { limit?: number } = {}): Promise<RoomHistoryRow[]> {
    const rooms = await this.#prisma.room.findMany({
      orderBy: [{ lastActiveAt: 'desc' }, { id: 'asc' }],
      take: clampLimit(options.limit, ROOMS_LIMIT),
      include: { _count: { select: { sessions: true } } },
    });
    if (rooms.length === 0) return [];
    // Prisma counts a relation once per query, so the open ones are grouped apart.
    const open = await this.#prisma.participantSession.groupBy({
      by: ['roomId'],
      where: { roomId: { in: rooms.map((room) => room.id) }, leftAt: null },
      _count: { _all: true },
    });
    const openByRoom = new Map(open.map((group) => [group.roomId, group._count._all]));
    return rooms.map((room) => ({
      id: room.id,
      nodeId: room.nodeId,
      createdAt: room.createdAt.toISOString(),
      lastActiveAt: room.lastActiveAt.toISOString(),
      sessionCount: room._count.sessions,
      openSessions: openByRoom.get(room.id) ?? 0,
    }));
  }

  /**
   * Retention: deletes sessions that ended before the cutoff, then rooms left
   * without sessions whose last activity is before it. Open sessions are
   * kept however old. Returns how many sessions were deleted.
   */
  async pruneBefore(cutoff: Date): Promise<number> {
    const [sessions] = await this.#prisma.$transaction([
      this.#prisma.participantSession.deleteMany({ where: { leftAt: { not: null, lt: cutoff } } }),
      this.#prisma.room.deleteMany({ where: { lastActiveAt: { lt: cutoff }, sessions: { none: {} } } }),
    ]);
    return sessions.count;
  }
}

// id breaks ties between joins in the same millisecond, so pages are stable.
const NEWEST_JOIN_FIRST = [{ joinedAt: 'desc' as const }, { id: 'desc' as const }];

/** A stored session as the analytics API shows it: funnel stages as ms after the join. */
export function toSessionRecord(row: ParticipantSession): SessionRecord {
  return {
    id: row.id,
    nodeId: row.nodeId,
    roomId: row.roomId,
    peerId: row.peerId,
    displayName: row.displayName,
    userAgent: row.userAgent,
    joinedAt: row.joinedAt.toISOString(),
    leftAt: row.leftAt?.toISOString() ?? null,
    leaveReason: row.leaveReason,
    transportsConnectedMs: msAfterJoin(row, row.transportsConnectedAt),
    firstMediaSentMs: msAfterJoin(row, row.firstMediaSentAt),
    firstMediaReceivedMs: msAfterJoin(row, row.firstMediaReceivedAt),
    relayed: row.relayed,
  };
}

function msAfterJoin(row: ParticipantSession, at: Date | null): number | null {
  return at === null ? null : at.getTime() - row.joinedAt.getTime();
}

function assertRoomId(roomId: string): void {
  if (roomId.length < 1 || roomId.length > MAX_ROOM_ID_LENGTH) {
    throw new RangeError(`Room id must be 1-${MAX_ROOM_ID_LENGTH} characters, got ${roomId.length}`);
  }
}
