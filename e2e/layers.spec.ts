import { expect, test } from '@playwright/test';
import { adminGet, cameraVideo, expectDecoding, joinAs, peerIdOf, signInToAnalytics, tile, uniqueRoomId } from './helpers';

test('a small tile receives a lower simulcast layer than a large one, and the open analytics page shows it', async ({
  browser,
  page,
  request,
}) => {
  const roomId = uniqueRoomId('layers');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  const carol = await joinAs(browser, roomId, 'Carol');
  const aliceId = await peerIdOf(bob.page, 'Alice');
  const carolId = await peerIdOf(alice.page, 'Carol');

  // An admin watches the room before the layout changes: the change must arrive by push.
  await signInToAnalytics(page);
  await page.goto(`/analytics?room=${roomId}`);
  const consumerRows = page.getByRole('table', { name: 'Consumers in this room: what each peer receives' }).locator('tbody tr');
  await expect(consumerRows).toHaveCount(12);
  const carolOnAlice = async () => {
    const { consumers } = await adminGet(request, `/analytics/rooms/${roomId}/consumers`);
    return consumers.find((c: any) => c.peerId === aliceId && c.producerPeerId === carolId && c.source === 'camera');
  };
  const carolRow = page.locator(`tr[data-consumer-id="${(await carolOnAlice()).id}"]`);
  // In the grid Carol's tile is large enough for more than the lowest layer; the page agrees with the server.
  await expectDecoding(cameraVideo(alice.page, 'Carol'));
  await expect.poll(async () => (await carolOnAlice())?.preferredLayers?.spatialLayer ?? 0).toBeGreaterThan(0);
  await expect(carolRow.locator('[data-field="preferred-layers"]')).toHaveText(/^S[12]/);

  // Alice pins Bob: Bob fills the stage, Carol shrinks to the filmstrip.
  await tile(alice.page, 'Bob').hover();
  await alice.page.getByRole('button', { name: 'Pin Bob' }).click();
  await expect(alice.page.getByRole('button', { name: 'Switch to grid layout' })).toBeVisible();
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(alice.page, 'Carol'));

  const bobBox = await tile(alice.page, 'Bob').boundingBox();
  const carolBox = await tile(alice.page, 'Carol').boundingBox();
  expect(bobBox!.width).toBeGreaterThan(3 * carolBox!.width);

  const bobId = await peerIdOf(alice.page, 'Bob');
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
  // The page says the same without a reload: Carol's small tile gets the lowest layer.
  await expect(carolRow.locator('[data-field="preferred-layers"]')).toHaveText(/^S0/, { timeout: 5_000 });
  await expect(carolRow.locator('[data-field="current-layers"]')).toHaveText(/^S0/, { timeout: 5_000 });

  // Unpinning goes back to the grid the pin came from.
  await alice.page.getByRole('button', { name: 'Unpin Bob' }).click();
  await expect(alice.page.getByRole('button', { name: 'Switch to speaker layout' })).toBeVisible();
  await expect(alice.page.getByRole('button', { name: 'Unpin Bob' })).toHaveCount(0);
  // Pinned again, then the grid by hand: the pin ends with it, no tile keeps an Unpin badge.
  await tile(alice.page, 'Bob').hover();
  await alice.page.getByRole('button', { name: 'Pin Bob' }).click();
  await alice.page.getByRole('button', { name: 'Switch to grid layout' }).click();
  await expect(alice.page.getByRole('button', { name: 'Switch to speaker layout' })).toBeVisible();
  await expect(alice.page.getByRole('button', { name: /^Unpin/ })).toHaveCount(0);

  await Promise.all([alice.close(), bob.close(), carol.close()]);
});
