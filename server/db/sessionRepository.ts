import type { ParticipantSession, PrismaClient } from '../../generated/prisma/client';

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
}

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
    // One transaction: a session never exists without its room being bumped.
    const [, session] = await this.#prisma.$transaction([
      this.#prisma.room.upsert({
        where: { id: join.roomId },
        create: { id: join.roomId, createdAt: now, lastActiveAt: now },
        update: { lastActiveAt: now },
      }),
      this.#prisma.participantSession.create({
        data: {
          roomId: join.roomId,
          peerId: join.peerId,
          displayName: join.displayName,
          userAgent: join.userAgent ?? null,
          joinedAt: now,
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
   * Closes every session still open, for start-up: after a crash or kill
   * nobody is connected any more, whatever the table says. Returns how many.
   */
  async closeDangling(reason: LeaveReason = 'server-restart'): Promise<number> {
    const { count } = await this.#prisma.participantSession.updateMany({
      where: { leftAt: null },
      data: { leftAt: this.#now(), leaveReason: reason },
    });
    return count;
  }

  /** Sessions of a room, most recent join first. */
  async listSessions(roomId: string, options: { limit?: number } = {}): Promise<ParticipantSession[]> {
    return this.#prisma.participantSession.findMany({
      where: { roomId },
      // id breaks ties between joins in the same millisecond, so pages are stable.
      orderBy: [{ joinedAt: 'desc' }, { id: 'desc' }],
      ...(options.limit === undefined ? {} : { take: options.limit }),
    });
  }
}

function assertRoomId(roomId: string): void {
  if (roomId.length < 1 || roomId.length > MAX_ROOM_ID_LENGTH) {
    throw new RangeError(`Room id must be 1-${MAX_ROOM_ID_LENGTH} characters, got ${roomId.length}`);
  }
}
