import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index';
import { SessionRepository, toSessionRecord, type ParticipantSession } from './sessionRepository';

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
      nodeId: 'local',
      transportsConnectedAt: null,
      firstMediaSentAt: null,
      firstMediaReceivedAt: null,
      relayed: false,
    });
    const room = await db.prisma.room.findUniqueOrThrow({ where: { id: 'standup' } });
    expect(room).toEqual({ id: 'standup', createdAt: clock, lastActiveAt: clock, nodeId: 'local' });
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

  it('records the node on the session and on the room, which follows the latest host', async () => {
    const id = await sessions.recordJoin({ roomId: 'standup', peerId: 'peer-1', displayName: 'a', nodeId: 'node-a' });
    expect(await db.prisma.room.findUniqueOrThrow({ where: { id: 'standup' } })).toMatchObject({ nodeId: 'node-a' });

    await sessions.recordJoin({ roomId: 'standup', peerId: 'peer-2', displayName: 'b', nodeId: 'node-b' });

    expect(await db.prisma.participantSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ nodeId: 'node-a' });
    expect(await db.prisma.room.findUniqueOrThrow({ where: { id: 'standup' } })).toMatchObject({ nodeId: 'node-b' });
  });

  it('closes only one node\'s dangling sessions when asked to', async () => {
    const mine = await sessions.recordJoin({ roomId: 'a', peerId: 'p1', displayName: 'a', nodeId: 'node-a' });
    const theirs = await sessions.recordJoin({ roomId: 'a', peerId: 'p2', displayName: 'b', nodeId: 'node-b' });

    expect(await sessions.closeDangling('server-restart', { nodeId: 'node-a' })).toBe(1);

    const open = await db.prisma.participantSession.findMany({ where: { leftAt: null } });
    expect(open.map((s) => s.id)).toEqual([theirs]);
    expect(open.map((s) => s.id)).not.toContain(mine);
  });
});

describe('SessionRepository milestones', () => {
  const plus = (ms: number) => new Date(clock.getTime() + ms);

  it('keeps the first time of each stage and never unsets relayed', async () => {
    const id = await join('standup', 'peer-1');

    await sessions.recordMilestones(id, { transportsConnectedAt: plus(300) });
    await sessions.recordMilestones(id, { transportsConnectedAt: plus(900), firstMediaSentAt: plus(500), relayed: true });
    await sessions.recordMilestones(id, { firstMediaSentAt: plus(700), firstMediaReceivedAt: plus(800), relayed: false });

    const row = await db.prisma.participantSession.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      transportsConnectedAt: plus(300),
      firstMediaSentAt: plus(500),
      firstMediaReceivedAt: plus(800),
      relayed: true,
    });
  });

  it('leaves other sessions, unknown ids and empty calls alone', async () => {
    const id = await join('standup', 'peer-1');
    const other = await join('standup', 'peer-2');

    await sessions.recordMilestones(id, { firstMediaSentAt: plus(100) });
    await sessions.recordMilestones(id, {});
    await sessions.recordMilestones('no-such-session', { firstMediaSentAt: plus(200), relayed: true });

    const row = await db.prisma.participantSession.findUniqueOrThrow({ where: { id: other } });
    expect(row).toMatchObject({ firstMediaSentAt: null, relayed: false });
  });

  it('finds the session by peer id: its newest, even once closed', async () => {
    const id = await join('standup', 'peer-1');
    await sessions.recordLeave(id, 'left');

    expect(await sessions.recordMilestonesForPeer('peer-1', { firstMediaReceivedAt: plus(400) })).toBe(true);
    expect(await sessions.recordMilestonesForPeer('peer-unknown', { firstMediaReceivedAt: plus(400) })).toBe(false);

    const row = await db.prisma.participantSession.findUniqueOrThrow({ where: { id } });
    expect(row.firstMediaReceivedAt).toEqual(plus(400));
  });
});

describe('toSessionRecord', () => {
  const joinedAt = new Date('2026-01-01T10:00:00.000Z');
  const after = (ms: number) => new Date(joinedAt.getTime() + ms);
  const row: ParticipantSession = {
    id: 's1',
    roomId: 'standup',
    peerId: 'peer-1',
    displayName: 'Ada',
    userAgent: 'Chromium/156',
    joinedAt,
    leftAt: after(60_000),
    leaveReason: 'left',
    nodeId: 'node-a',
    transportsConnectedAt: after(250),
    firstMediaSentAt: after(400),
    firstMediaReceivedAt: after(650),
    relayed: true,
  };

  it('maps a row with times as ISO strings and each stage as ms after the join', () => {
    expect(toSessionRecord(row)).toEqual({
      id: 's1',
      nodeId: 'node-a',
      roomId: 'standup',
      peerId: 'peer-1',
      displayName: 'Ada',
      userAgent: 'Chromium/156',
      joinedAt: joinedAt.toISOString(),
      leftAt: after(60_000).toISOString(),
      leaveReason: 'left',
      transportsConnectedMs: 250,
      firstMediaSentMs: 400,
      firstMediaReceivedMs: 650,
      relayed: true,
    });
  });

  it('gives null for stages never reached and for an open session', () => {
    const open = { ...row, leftAt: null, leaveReason: null, firstMediaSentAt: null, firstMediaReceivedAt: null };

    expect(toSessionRecord(open)).toMatchObject({
      leftAt: null,
      leaveReason: null,
      transportsConnectedMs: 250,
      firstMediaSentMs: null,
      firstMediaReceivedMs: null,
    });
  });
});

describe('SessionRepository history lists', () => {
  it('lists a room\'s sessions as records, newest join first, with a limit', async () => {
    const first = await join('standup', 'peer-1');
    clock = at('2026-01-01T10:05:00.000Z');
    await join('other', 'peer-x');
    const second = await join('standup', 'peer-2');
    await sessions.recordMilestones(second, { firstMediaSentAt: at('2026-01-01T10:05:01.500Z') });

    const listed = await sessions.listRoomSessions('standup');

    expect(listed.map((s) => s.id)).toEqual([second, first]);
    expect(listed[0]).toMatchObject({ joinedAt: '2026-01-01T10:05:00.000Z', firstMediaSentMs: 1500, nodeId: 'local' });
    expect((await sessions.listRoomSessions('standup', { limit: 1 })).map((s) => s.id)).toEqual([second]);
  });

  it('lists sessions that joined at or after a time, across rooms', async () => {
    await join('a', 'before');
    clock = at('2026-01-01T11:00:00.000Z');
    const atBoundary = await join('a', 'at');
    clock = at('2026-01-01T12:00:00.000Z');
    const later = await join('b', 'later');

    const listed = await sessions.listSince(at('2026-01-01T11:00:00.000Z'));

    expect(listed.map((s) => s.id)).toEqual([later, atBoundary]);
    expect(await sessions.listSince(at('2026-01-01T11:00:00.000Z'), { limit: 1 })).toHaveLength(1);
  });

  it('lists rooms most recently active first, with all and open session counts', async () => {
    const a1 = await join('a', 'p1');
    await join('a', 'p2');
    await sessions.recordLeave(a1, 'left');
    clock = at('2026-01-01T11:00:00.000Z');
    const b1 = await sessions.recordJoin({ roomId: 'b', peerId: 'p3', displayName: 'n', nodeId: 'node-b' });
    await sessions.recordLeave(b1, 'left');

    expect(await sessions.listRooms()).toEqual([
      {
        id: 'b',
        nodeId: 'node-b',
        createdAt: '2026-01-01T11:00:00.000Z',
        lastActiveAt: '2026-01-01T11:00:00.000Z',
        sessionCount: 1,
        openSessions: 0,
      },
      {
        id: 'a',
        nodeId: 'local',
        createdAt: '2026-01-01T10:00:00.000Z',
        lastActiveAt: '2026-01-01T10:00:00.000Z',
        sessionCount: 2,
        openSessions: 1,
      },
    ]);
    expect((await sessions.listRooms({ limit: 1 })).map((r) => r.id)).toEqual(['b']);
  });
});

describe('SessionRepository.pruneBefore', () => {
  const cutoff = at('2026-01-05T00:00:00.000Z');
  const justBefore = new Date(cutoff.getTime() - 1);

  async function sessionEndingAt(roomId: string, peerId: string, leftAt: Date): Promise<string> {
    const id = await join(roomId, peerId);
    clock = leftAt;
    await sessions.recordLeave(id, 'left');
    clock = at('2026-01-01T10:00:00.000Z');
    return id;
  }

  it('deletes sessions that ended before the cutoff and keeps one that ended exactly at it', async () => {
    const old = await sessionEndingAt('a', 'old', justBefore);
    const boundary = await sessionEndingAt('b', 'boundary', cutoff);
    const open = await join('c', 'still-here');

    expect(await sessions.pruneBefore(cutoff)).toBe(1);

    const left = await db.prisma.participantSession.findMany({ orderBy: { peerId: 'asc' } });
    expect(left.map((s) => s.id).sort()).toEqual([boundary, open].sort());
    expect(left.map((s) => s.id)).not.toContain(old);
  });

  it('deletes rooms left empty before the cutoff, keeps rooms with sessions or active at it', async () => {
    await sessionEndingAt('emptied', 'p1', justBefore);
    await sessionEndingAt('active-at-cutoff', 'p2', cutoff);
    await join('occupied', 'p3');
    clock = cutoff;
    await db.prisma.room.create({ data: { id: 'empty-at-cutoff', createdAt: clock, lastActiveAt: clock } });

    await sessions.pruneBefore(cutoff);

    const rooms = await db.prisma.room.findMany({ orderBy: { id: 'asc' } });
    expect(rooms.map((r) => r.id)).toEqual(['active-at-cutoff', 'empty-at-cutoff', 'occupied']);
  });
});
