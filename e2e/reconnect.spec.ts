import { expect, test } from '@playwright/test';
import { cameraVideo, expectDecoding, joinAs, tile, uniqueRoomId } from './helpers';

test('after losing the network a participant rejoins without a page reload', async ({ browser }) => {
  const roomId = uniqueRoomId('reconnect');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  const marker = await bob.page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = Math.random()));

  await bob.page.context().setOffline(true);
  await expect(bob.page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible({ timeout: 15_000 });
  await expect(tile(alice.page, 'Bob')).toHaveCount(0, { timeout: 15_000 });
  await bob.page.context().setOffline(false);

  await expect(bob.page.getByRole('status').filter({ hasText: 'Reconnecting' })).toHaveCount(0, { timeout: 20_000 });
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  expect(await bob.page.evaluate(() => (window as unknown as { __sameDocument: number }).__sameDocument)).toBe(marker);

  await Promise.all([alice.close(), bob.close()]);
});
