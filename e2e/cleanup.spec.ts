import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { adminGet, adminHeaders, cameraVideo, connectSocket, stallSocket, expectDecoding, joinAs, peerIdOf, tile, uniqueRoomId } from './helpers';

// The server's own SQLite file (playwright.config.ts sets DATABASE_URL), read-only.
const Database = createRequire(__filename)('better-sqlite3');
function sessionRow(peerId: string) {
  const db = new Database('data/e2e.db', { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM "ParticipantSession" WHERE "peerId" = ?').get(peerId) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

type Totals = { transports: number; producers: number; consumers: number; peers: number };
const totals = async (request: Parameters<typeof adminGet>[0]) =>
  (await adminGet<{ totals: Totals }>(request, '/analytics/server')).totals;
const pick = ({ transports, producers, consumers, peers }: Totals) => ({ transports, producers, consumers, peers });

test('closing a tab removes that peer for everyone and closes all its mediasoup objects', async ({ browser, request }) => {
  const roomId = uniqueRoomId('cleanup');
  const alice = await joinAs(browser, roomId, 'Alice');
  // Alice alone: 2 transports, 2 producers, 0 consumers (counted by mediasoup's observers).
  await expect.poll(async () => pick(await totals(request))).toEqual({ transports: 2, producers: 2, consumers: 0, peers: 1 });
  const baseline = pick(await totals(request));

  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  const bobId = await peerIdOf(alice.page, 'Bob');
  const bobView = await adminGet(request, `/analytics/rooms/${roomId}/peers/${bobId}`);
  expect(bobView.transports).toHaveLength(2);
  expect(bobView.producers).toHaveLength(2);
  expect(bobView.consumers).toHaveLength(2);

  await bob.page.close();

  await expect(tile(alice.page, 'Bob')).toHaveCount(0, { timeout: 10_000 });
  // The server no longer holds Bob: his page now comes from the database, with nothing live.
  await expect.poll(async () => (await adminGet(request, `/analytics/rooms/${roomId}/peers/${bobId}`)).live).toBe(false);
  expect(await adminGet(request, `/analytics/rooms/${roomId}/peers/${bobId}`)).toMatchObject({ transports: [], producers: [], consumers: [] });
  expect((await request.get(`/analytics/rooms/${roomId}/peers/nobody`, { headers: adminHeaders })).status()).toBe(404);
  await expect.poll(async () => pick(await totals(request))).toEqual(baseline);
  const room = await adminGet(request, `/analytics/rooms/${roomId}`);
  expect(room.peers.map((p: any) => p.displayName)).toEqual(['Alice']);
  expect(room.consumers).toHaveLength(0);

  // Who joined when, left when, with which browser: recorded in the database.
  // Closing the tab says goodbye (pagehide), so it is a leave, not a drop.
  await expect.poll(() => sessionRow(bobId)?.leaveReason).toBe('left');
  const session = sessionRow(bobId)!;
  expect(session).toMatchObject({ roomId, displayName: 'Bob' });
  expect(String(session.userAgent)).toContain('Chrome');
  expect(session.leftAt).not.toBeNull();
  expect(Number(session.leftAt) || Date.parse(String(session.leftAt))).toBeGreaterThanOrEqual(
    Number(session.joinedAt) || Date.parse(String(session.joinedAt)),
  );

  await alice.close();
  await bob.close();
  await expect.poll(async () => pick(await totals(request))).toEqual({ transports: 0, producers: 0, consumers: 0, peers: 0 });
  const rooms = await adminGet(request, '/analytics/rooms');
  expect(rooms.rooms.find((r: any) => r.id === roomId)).toBeUndefined();
});

test('a peer whose network vanishes is shown reconnecting, then removed for everyone once its grace period ends', async ({ browser, request, baseURL }) => {
  const roomId = uniqueRoomId('vanish');
  const alice = await joinAs(browser, roomId, 'Alice');

  const ghost = await connectSocket(baseURL!);
  const joined = await ghost.timeout(5000).emitWithAck('join-room', { roomId, displayName: 'Ghost' });
  expect(joined.ok).toBe(true);
  expect((await ghost.timeout(5000).emitWithAck('create-webrtc-transport', { direction: 'recv' })).ok).toBe(true);
  await expect(tile(alice.page, 'Ghost')).toBeVisible();

  // Stop reading the TCP stream: no FIN, no close frame, no pong. Only the server's heartbeat can notice.
  const vanishedAt = Date.now();
  stallSocket(ghost);

  // The heartbeat notices within ~8 s: Ghost is shown reconnecting, and its place is held for the grace period (15 s).
  await expect(alice.page.getByRole('status', { name: 'Ghost is reconnecting' })).toBeVisible({ timeout: 12_000 });
  await expect(tile(alice.page, 'Ghost')).toHaveCount(0, { timeout: 15_000 + 12_000 });
  await expect
    .poll(async () => (await adminGet(request, `/analytics/rooms/${roomId}`)).peers.length, { timeout: 2_000 })
    .toBe(1);
  console.log(`vanished-peer-removed-after-ms ${Date.now() - vanishedAt}`);
  expect(pick(await totals(request))).toEqual({ transports: 2, producers: 2, consumers: 0, peers: 1 });

  ghost.close();
  await alice.close();
});
