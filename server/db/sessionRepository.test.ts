import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index';
import { SessionRepository } from './sessionRepository';

let tmp: string;
let db: Database;
let clock: Date;
let sessions: SessionRepository;

const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'podium-sessions-'));
  db = await openDatabase({
    databaseUrl: `file:${path.join(tmp, 'podium.db')}`,
    logger: { info: () => {}, warn: () => {} },
  });
  clock = at('2026-01-01T10:00:00.000Z');
  sessions = new SessionRepository(db.prisma, { now: () => clock });
});

afterEach(async () => {
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
});

const join = (roomId: string, peerId: string, extra: { userAgent?: string } = {}) =>
  sessions.recordJoin({ roomId, peerId, displayName: `name-${peerId}`, ...extra });

describe('SessionRepository', () => {
  it('records a join, creating the room', async () => {
    const id = await join('standup', 'peer-1', { userAgent: 'Chromium/156' });

    const session = await db.prisma.participantSession.findUniqueOrThrow({ where: { id } });
    expect(session).toEqual({
      id,
      roomId: 'standup',
      peerId: 'peer-1',
      displayName: 'name-peer-1',
      userAgent: 'Chromium/156',
      joinedAt: clock,
      leftAt: null,
      leaveReason: null,
    });
    const room = await db.prisma.room.findUniqueOrThrow({ where: { id: 'standup' } });
    expect(room).toEqual({ id: 'standup', createdAt: clock, lastActiveAt: clock });
  });

  it('bumps lastActiveAt but keeps createdAt when the room is reused', async () => {
    const created = clock;
    await join('standup', 'peer-1');
    clock = at('2026-01-01T11:00:00.000Z');
    await join('standup', 'peer-2');

    const room = await db.prisma.room.findUniqueOrThrow({ where: { id: 'standup' } });
    expect(room).toMatchObject({ createdAt: created, lastActiveAt: clock });
  });

  it('records a leave once: later calls keep the first reason', async () => {
    const id = await join('standup', 'peer-1');
    const leftAt = at('2026-01-01T10:30:00.000Z');
    clock = leftAt;

    expect(await sessions.recordLeave(id, 'left')).toBe(true);
    clock = at('2026-01-01T10:31:00.000Z');
    expect(await sessions.recordLeave(id, 'disconnected')).toBe(false);

    const session = await db.prisma.participantSession.findUniqueOrThrow({ where: { id } });
    expect(session).toMatchObject({ leftAt, leaveReason: 'left' });
    const room = await db.prisma.room.findUniqueOrThrow({ where: { id: 'standup' } });
    expect(room.lastActiveAt).toEqual(leftAt);
  });

  it('returns false for an unknown session', async () => {
    expect(await sessions.recordLeave('no-such-session', 'left')).toBe(false);
  });

  it('closes dangling sessions at start-up and counts them', async () => {
    const open1 = await join('a', 'peer-1');
    const open2 = await join('b', 'peer-2');
    const closed = await join('a', 'peer-3');
    await sessions.recordLeave(closed, 'left');
    clock = at('2026-01-02T00:00:00.000Z');

    expect(await sessions.closeDangling('server-restart')).toBe(2);
    expect(await sessions.closeDangling('server-restart')).toBe(0);

    const rows = await db.prisma.participantSession.findMany({ orderBy: { peerId: 'asc' } });
    expect(rows.map((r) => [r.id, r.leaveReason, r.leftAt])).toEqual([
      [open1, 'server-restart', clock],
      [open2, 'server-restart', clock],
      [closed, 'left', at('2026-01-01T10:00:00.000Z')],
    ]);
  });

  it('lists a room\'s sessions, most recent first', async () => {
    const first = await join('standup', 'peer-1');
    clock = at('2026-01-01T10:05:00.000Z');
    await join('other', 'peer-x');
    const second = await join('standup', 'peer-2');
    clock = at('2026-01-01T10:10:00.000Z');
    const third = await join('standup', 'peer-3');

    const listed = await sessions.listSessions('standup');
    expect(listed.map((s) => s.id)).toEqual([third, second, first]);
    expect((await sessions.listSessions('standup', { limit: 2 })).map((s) => s.id)).toEqual([third, second]);
    expect(await sessions.listSessions('empty-room')).toEqual([]);
  });

  it('rejects room ids outside 1-64 characters', async () => {
    await expect(join('', 'peer-1')).rejects.toThrow(RangeError);
    await expect(join('x'.repeat(65), 'peer-1')).rejects.toThrow(RangeError);
    await expect(join('x'.repeat(64), 'peer-1')).resolves.toEqual(expect.any(String));
  });

  it('propagates database errors to the caller', async () => {
    await db.prisma.$executeRawUnsafe('DROP TABLE "ParticipantSession"');

    await expect(join('standup', 'peer-1')).rejects.toThrow();
    await expect(sessions.closeDangling()).rejects.toThrow();
  });
});
