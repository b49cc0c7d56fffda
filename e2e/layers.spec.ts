import { expect, test } from '@playwright/test';
import { adminGet, cameraVideo, expectDecoding, joinAs, peerIdOf, tile, uniqueRoomId } from './helpers';

test('a small tile receives a lower simulcast layer than a large one', async ({ browser, request }) => {
  const roomId = uniqueRoomId('layers');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  const carol = await joinAs(browser, roomId, 'Carol');

  // Alice pins Bob: Bob fills the stage, Carol shrinks to the filmstrip.
  await tile(alice.page, 'Bob').hover();
  await alice.page.getByRole('button', { name: 'Pin Bob' }).click();
  await expect(alice.page.getByRole('button', { name: 'Switch to grid layout' })).toBeVisible();
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(alice.page, 'Carol'));

  const bobBox = await tile(alice.page, 'Bob').boundingBox();
  const carolBox = await tile(alice.page, 'Carol').boundingBox();
  expect(bobBox!.width).toBeGreaterThan(3 * carolBox!.width);

  const aliceId = await peerIdOf(bob.page, 'Alice');
  const bobId = await peerIdOf(alice.page, 'Bob');
  const carolId = await peerIdOf(alice.page, 'Carol');
  const aliceCameraConsumer = async (producerPeerId: string) => {
    const { consumers } = await adminGet(request, `/analytics/rooms/${roomId}/consumers`);
    return consumers.find((c: any) => c.peerId === aliceId && c.producerPeerId === producerPeerId && c.source === 'camera');
  };

  await expect.poll(async () => (await aliceCameraConsumer(bobId))?.preferredLayers?.spatialLayer).toBe(2);
  await expect.poll(async () => (await aliceCameraConsumer(carolId))?.preferredLayers?.spatialLayer).toBe(0);
  await expect
    .poll(
      async () => {
        const big = (await aliceCameraConsumer(bobId))?.currentLayers?.spatialLayer ?? -1;
        const small = (await aliceCameraConsumer(carolId))?.currentLayers?.spatialLayer ?? 99;
        return big > small && small === 0;
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  await Promise.all([alice.close(), bob.close(), carol.close()]);
});
