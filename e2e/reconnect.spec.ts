import { expect, test, type Page } from '@playwright/test';
import { adminGet, cameraVideo, expectDecoding, joinAs, peerIdOf, tile, uniqueRoomId } from './helpers';

/*
 * Losing the network. The e2e server runs with the default grace period
 * (RESUME_GRACE_MS, 15 s) and notices a dead socket within ~8 s (ping
 * interval + timeout), so a 12 s cut is noticed by the server and still
 * resumed; a cut past the grace period is a leave and a fresh join.
 */

const GRACE_MS = 15_000;

/** Records, in the page, whether a participant's tile ever went missing (a leave and a new join would). */
async function watchTileStays(page: Page, peerId: string): Promise<() => Promise<boolean>> {
  await page.evaluate((id) => {
    const w = window as unknown as { __tileGone: boolean };
    w.__tileGone = false;
    new MutationObserver(() => {
      if (!document.querySelector(`[role="group"][data-peer-id="${id}"][data-source="camera"]`)) w.__tileGone = true;
    }).observe(document.body, { childList: true, subtree: true });
  }, peerId);
  return () => page.evaluate(() => (window as unknown as { __tileGone: boolean }).__tileGone);
}

async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  const marker = await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = Math.random()));
  return async () => (await page.evaluate(() => (window as unknown as { __sameDocument: number }).__sameDocument)) === marker;
}

const selfBanner = (page: Page) => page.getByRole('status').filter({ hasText: 'Reconnecting' });

test('a 12 s network cut comes back as the same participant: same peer id, no leave seen, video again', async ({ browser, request }) => {
  const roomId = uniqueRoomId('resume');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  const bobId = await peerIdOf(alice.page, 'Bob');
  const tileWentMissing = await watchTileStays(alice.page, bobId);
  const sameDocument = await markDocument(bob.page);

  const cutAt = Date.now();
  await bob.page.context().setOffline(true);
  await expect(selfBanner(bob.page)).toBeVisible({ timeout: 10_000 });
  // The others see Bob reconnecting, not gone.
  await expect(alice.page.getByRole('status', { name: 'Bob is reconnecting' })).toBeVisible({ timeout: 12_000 });
  await bob.page.waitForTimeout(Math.max(0, 12_000 - (Date.now() - cutAt)));
  const restoredAt = Date.now();
  await bob.page.context().setOffline(false);

  await expect(selfBanner(bob.page)).toHaveCount(0, { timeout: 15_000 });
  await expect(alice.page.getByRole('status', { name: 'Bob is reconnecting' })).toHaveCount(0, { timeout: 5_000 });
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  console.log(`resume-after-12s-cut-recovery-ms ${Date.now() - restoredAt}`);

  expect(await peerIdOf(alice.page, 'Bob')).toBe(bobId);
  expect(await tileWentMissing()).toBe(false);
  expect(await sameDocument()).toBe(true);
  const room = await adminGet(request, `/analytics/rooms/${roomId}`);
  expect(room.peers.map((p: { id: string }) => p.id)).toContain(bobId);
  expect(room.peers).toHaveLength(2);
  // Chat still works, and counts as Bob's own.
  await bob.page.getByRole('button', { name: 'Show chat' }).click();
  await bob.page.getByLabel('Message', { exact: true }).fill('back again');
  await bob.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(bob.page.locator('li[data-own="true"]').filter({ hasText: 'back again' })).toBeVisible();

  await Promise.all([alice.close(), bob.close()]);
});

test('a cut longer than the grace period is a clean leave, then a fresh join the app explains', async ({ browser }) => {
  test.setTimeout(120_000);
  const roomId = uniqueRoomId('expire');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  const bobId = await peerIdOf(alice.page, 'Bob');
  // Something Bob said before the cut stays his after the fresh join.
  await bob.page.getByRole('button', { name: 'Show chat' }).click();
  await bob.page.getByLabel('Message', { exact: true }).fill('before the cut');
  await bob.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(bob.page.locator('li[data-own="true"]').filter({ hasText: 'before the cut' })).toBeVisible();
  const sameDocument = await markDocument(bob.page);

  await bob.page.context().setOffline(true);
  await expect(alice.page.getByRole('status', { name: 'Bob is reconnecting' })).toBeVisible({ timeout: 12_000 });
  // The server gives up on Bob once the grace period has run out.
  await expect(tile(alice.page, 'Bob')).toHaveCount(0, { timeout: GRACE_MS + 12_000 });
  const restoredAt = Date.now();
  await bob.page.context().setOffline(false);

  await expect(bob.page.getByText('You were disconnected for too long, so you rejoined the meeting.')).toBeVisible({ timeout: 20_000 });
  await expect(selfBanner(bob.page)).toHaveCount(0);
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  console.log(`rejoin-after-expired-grace-recovery-ms ${Date.now() - restoredAt}`);
  expect(await peerIdOf(alice.page, 'Bob')).not.toBe(bobId);
  await expect(tile(alice.page, 'Bob')).toHaveCount(1);
  expect(await sameDocument()).toBe(true);
  await expect(bob.page.locator('li[data-own="true"]').filter({ hasText: 'before the cut' })).toBeVisible();

  await Promise.all([alice.close(), bob.close()]);
});

test('the same identity in a second tab replaces the first; nobody sees a duplicate', async ({ browser }) => {
  const roomId = uniqueRoomId('tabs');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));

  // A second tab of Bob's browser (same profile, so the same identity).
  const secondTab = await bob.page.context().newPage();
  await secondTab.goto(`/room/${roomId}`);
  await secondTab.getByLabel('Your name').fill('Bob');
  await secondTab.getByRole('button', { name: 'Join meeting' }).click();
  await expect(secondTab.getByRole('button', { name: 'Leave meeting' })).toBeVisible();

  await expect(bob.page.getByRole('heading', { name: 'You joined from another tab' })).toBeVisible();
  await expect(bob.page.getByRole('button', { name: 'Use this tab instead' })).toBeVisible();
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(secondTab, 'Alice'));
  await expect(tile(alice.page, 'Bob')).toHaveCount(1);
  await expect(alice.page.getByRole('group', { name: /^Bob/ })).toHaveCount(1);

  // And back: the first tab takes the call again, the second is told.
  await bob.page.getByRole('button', { name: 'Use this tab instead' }).click();
  await expect(secondTab.getByRole('heading', { name: 'You joined from another tab' })).toBeVisible();
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  await expect(tile(alice.page, 'Bob')).toHaveCount(1);

  await Promise.all([alice.close(), bob.close()]);
});
