import { expect, test } from '@playwright/test';
import { adminGet, cameraVideo, expectDecoding, joinAs, peerIdOf, tile, uniqueRoomId } from './helpers';

/*
 * A mediasoup worker dies mid-call (SIGKILL from outside, as the OOM killer
 * would). The room on it is gone; its participants must come back by
 * themselves on a live worker and see each other again. `npm run faults`
 * measures the same over several runs.
 */

interface RoomRow { id: string; workerPid: number; peerCount: number }

const roomRow = async (request: Parameters<typeof adminGet>[0], roomId: string): Promise<RoomRow | undefined> =>
  (await adminGet(request, '/analytics/rooms')).rooms.find((r: RoomRow) => r.id === roomId);

test('a worker killed mid-call: its participants rejoin on a live worker by themselves and see each other again', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const roomId = uniqueRoomId('worker');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  const bobBefore = await peerIdOf(alice.page, 'Bob');
  const aliceBefore = await peerIdOf(bob.page, 'Alice');
  const before = (await roomRow(request, roomId))!;
  expect(before.peerCount).toBe(2);

  const killedAt = Date.now();
  process.kill(before.workerPid, 'SIGKILL');

  // Both come back as new participants of a room on a worker that is alive.
  await expect.poll(async () => peerIdOf(alice.page, 'Bob').catch(() => bobBefore), { timeout: 20_000 }).not.toBe(bobBefore);
  await expect.poll(async () => peerIdOf(bob.page, 'Alice').catch(() => aliceBefore), { timeout: 20_000 }).not.toBe(aliceBefore);
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  console.log(`worker-kill-recovery-ms ${Date.now() - killedAt}`);

  const after = (await roomRow(request, roomId))!;
  expect(after.peerCount).toBe(2);
  expect(after.workerPid).not.toBe(before.workerPid);
  const { workers } = await adminGet(request, '/analytics/server');
  expect(workers.find((w: { pid: number; alive: boolean }) => w.pid === after.workerPid)?.alive).toBe(true);
  // Nobody sees a ghost of the old room, and nobody is told they are stuck.
  await expect(tile(alice.page, 'Bob')).toHaveCount(1);
  await expect(tile(bob.page, 'Alice')).toHaveCount(1);
  await expect(alice.page.getByRole('status').filter({ hasText: 'Reconnecting' })).toHaveCount(0);

  await Promise.all([alice.close(), bob.close()]);
});
