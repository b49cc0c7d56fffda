/*
 * SIGTERM's shutdown (server/shutdown.ts) against real signaling, a real
 * mediasoup worker and a real database: participants are told, a join in
 * flight is let finish and then ended, a join that arrives during the
 * shutdown is refused, and every session row ends with a leave; the events
 * still queued in the batch writer reach the database before it closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, expect, it, vi } from 'vitest';
import type { Collector as CollectorClass } from '@/server/analytics/Collector';
import { loadConfig } from '@/server/config';
import { createPrismaClient, openDatabase } from '@/server/db';
import { startHistoryWriters } from '@/server/db/historyWriters';
import { loopbackSettings, useSfuHarness } from '@/server/sfu/testing/sfuHarness';
import { shutdownServer } from './shutdown';

// server/log reads LOG_LEVEL when first imported: keep per-peer info lines out of the test output.
vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'warn';
});

const SETTINGS = loopbackSettings();
const ADMIN_TOKEN = 'shutdown-test-admin-token-0123456789';

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 1, rtcMinPort: 44700, rtcMaxPort: 44799 });

type Ack = { ok: true; data: { peerId: string } } | { ok: false; error: { code: string; message: string } };

const sockets: Socket[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(url: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const join = (socket: Socket, roomId: string, displayName: string) =>
  socket.timeout(10_000).emitWithAck('join-room', { roomId, displayName }) as Promise<Ack>;

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

it('tells everyone, ends calls with recorded leaves, refuses joins during the shutdown and flushes queued events', async () => {
  const { Collector, DEFAULT_COLLECTOR_SETTINGS } = await import('@/server/analytics/Collector');
  const { attachSignaling } = await import('@/server/signaling/attachSignaling');
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-shutdown-'));
  dirs.push(dir);
  const databaseUrl = `file:${path.join(dir, 'podium.db')}`;
  const db = await openDatabase({ databaseUrl, logger: { info: () => {}, warn: () => {} } });
  const config = loadConfig({ NODE_ENV: 'test', STUN_URLS: '', JOIN_RATE_PER_MINUTE: '600', RESUME_GRACE_MS: '60000' });
  const rooms = sfu.registry;
  const collector: CollectorClass = new Collector({ rooms, pool: sfu.pool, counters: sfu.counters }, { ...DEFAULT_COLLECTOR_SETTINGS, nodeId: 'shutdown-test' });
  const history = startHistoryWriters(db, collector, { retentionDays: 7 });
  const server = http.createServer();
  const signaling = attachSignaling(server, { config, rooms, sessions: db.sessions, nodeId: 'shutdown-test' }, ADMIN_TOKEN, collector);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const [alice, bob, late, refused, quitter] = await Promise.all([open(url), open(url), open(url), open(url), open(url)]);
  expect((await join(alice, 'shutdown-room', 'Alice')).ok).toBe(true);
  expect((await join(bob, 'shutdown-room', 'Bob')).ok).toBe(true);
  expect((await join(quitter, 'shutdown-other', 'Quitter')).ok).toBe(true);

  // A join held inside room creation when the shutdown begins.
  const held = deferred();
  const getOrCreate = rooms.getOrCreate.bind(rooms);
  let entered = deferred();
  rooms.getOrCreate = async (roomId) => {
    entered.release();
    await held.promise;
    return getOrCreate(roomId);
  };
  const lateJoin = join(late, 'shutdown-late', 'Late');
  await entered.promise;
  entered = deferred();

  const told = [alice, bob, late, refused].map((socket) => new Promise<string>((resolve) => socket.once('server-shutdown', ({ reason }) => resolve(reason))));
  // Joined and left without media, just before the shutdown: a 'join-failed' event that
  // waits in the batch writer (which writes once a second) when the shutdown begins.
  await quitter.timeout(5000).emitWithAck('leave-room', {});
  const stopping = shutdownServer({ signaling, rooms, collector, pool: { close: () => {} }, writers: [history], db, server });
  const notices = await Promise.all(told);
  expect(new Set(notices).size).toBe(1);
  expect(notices[0]).toMatch(/restarting/);
  const refusal = await join(refused, 'shutdown-room', 'Refused');
  held.release();
  expect((await lateJoin).ok).toBe(true);
  await stopping;

  expect(refusal).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  expect(sfu.counters.counts).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
  const prisma = createPrismaClient(databaseUrl);
  try {
    const rows = await prisma.participantSession.findMany({ orderBy: { joinedAt: 'asc' } });
    expect(rows.map((r) => r.displayName).sort()).toEqual(['Alice', 'Bob', 'Late', 'Quitter']);
    for (const row of rows) {
      expect(row.leftAt, row.displayName).not.toBeNull();
      expect(row.leaveReason).toBe(row.displayName === 'Quitter' ? 'left' : 'server-shutdown');
    }
    const events = await prisma.analyticsEvent.findMany({ where: { type: 'join-failed' } });
    expect(events.map((e) => e.peerName)).toEqual(['Quitter']);
  } finally {
    await prisma.$disconnect();
  }
}, 30_000);
