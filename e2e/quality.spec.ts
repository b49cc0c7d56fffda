import { expect, test, type Page } from '@playwright/test';
import { cameraVideo, expectDecoding, joinAs, tile, uniqueRoomId } from './helpers';

/*
 * The connection-quality indicator against the real server: Alice's camera
 * encodings are capped far below what the fake camera sends (~100 / 290 /
 * 720 kbps for its three layers, measured), Bob's tile for her turns "poor"
 * and says why, and after the cap is lifted it recovers (slowly, by design).
 */

/** Test instrumentation, before the page's scripts: keep every RTCPeerConnection the app creates. */
function recordPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = created;
  window.RTCPeerConnection = class extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      created.push(this);
    }
  } as typeof RTCPeerConnection;
}

/** Far below the lowest layer's ~100 kbps, so every layer a viewer may get is starved. */
const CAP_BPS = 30_000;

/** Caps every video encoding at `capBps`, or with null gives each back the maxBitrate it had before the first cap. */
function capVideoSenders(page: Page, capBps: number | null): Promise<number> {
  return page.evaluate(async (cap) => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[]; __savedMaxBitrates?: Map<RTCRtpSender, (number | undefined)[]> };
    w.__savedMaxBitrates ??= new Map();
    let changed = 0;
    for (const pc of w.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const parameters = sender.getParameters();
        if (!w.__savedMaxBitrates.has(sender)) w.__savedMaxBitrates.set(sender, parameters.encodings.map((e) => e.maxBitrate));
        const saved = w.__savedMaxBitrates.get(sender)!;
        parameters.encodings.forEach((encoding, i) => {
          encoding.maxBitrate = cap ?? saved[i];
        });
        await sender.setParameters(parameters);
        changed++;
      }
    }
    return changed;
  }, capBps);
}

const indicator = (page: Page, tileName: string) => tile(page, tileName).getByRole('button', { name: /^Connection: / });

test('the quality indicator shows poor while a sender is capped, says why, and recovers', async ({ browser }) => {
  test.setTimeout(180_000);
  const roomId = uniqueRoomId('quality');
  const alice = await joinAs(browser, roomId, 'Alice', undefined, { initScript: recordPeerConnections });
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(bob.page, 'Alice'));

  // Free-flowing: no badge on Bob's view of Alice (hidden while excellent), nor on Alice's own tile.
  await expect(indicator(bob.page, 'Alice')).toHaveCount(0, { timeout: 30_000 });
  await expect(indicator(alice.page, 'Alice (you)')).toHaveCount(0, { timeout: 30_000 });

  expect(await capVideoSenders(alice.page, CAP_BPS)).toBeGreaterThan(0);

  // Bob sees Alice's connection as poor, and so does Alice for what she sends.
  const badge = indicator(bob.page, 'Alice');
  await expect(badge).toHaveAccessibleName('Connection: poor', { timeout: 20_000 });
  await expect(badge).toBeVisible();
  await expect(indicator(alice.page, 'Alice (you)')).toHaveAccessibleName('Connection: poor', { timeout: 20_000 });

  // The popover opens from the keyboard and says why.
  await badge.focus();
  await bob.page.keyboard.press('Enter');
  await expect(badge).toHaveAttribute('aria-expanded', 'true');
  const details = bob.page.getByRole('dialog', { name: 'Connection with Alice' });
  await expect(details).toBeVisible();
  await expect(details.getByRole('list', { name: 'Why' })).toContainText(/Receiving \d+ kbps of an expected \d+ kbps/);
  await expect(details).toContainText('Codec');
  await expect(details).toContainText('VP8');
  await expect(details).toContainText(/Resolution\d+×\d+/);
  await screenshot(bob.page, 'quality-popover-1280x800.png');
  await bob.page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(badge).toHaveAttribute('aria-expanded', 'false');
  await expect(badge).toBeFocused();

  // Alice's own popover speaks of what she sends.
  await indicator(alice.page, 'Alice (you)').click();
  const mine = alice.page.getByRole('dialog', { name: 'Your connection' });
  await expect(mine.getByRole('list', { name: 'Why' })).toContainText(/Sending \d+ kbps of an expected \d+ kbps/);
  await alice.page.keyboard.press('Escape');

  // On a phone the popover fits the screen.
  await bob.page.setViewportSize({ width: 390, height: 844 });
  await expect(badge).toHaveAccessibleName(/Connection: (poor|lost)/);
  await badge.click();
  await expect(details).toBeVisible();
  const box = (await details.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await screenshot(bob.page, 'quality-popover-390x844.png');
  // A click elsewhere closes it.
  await bob.page.mouse.click(200, 420);
  await expect(details).toHaveCount(0);
  await bob.page.setViewportSize({ width: 1280, height: 800 });

  // Cap lifted: the badge goes away again, after a slow recovery (the SFU's estimate of Bob's link climbs back too).
  expect(await capVideoSenders(alice.page, null)).toBeGreaterThan(0);
  await expect(indicator(bob.page, 'Alice')).toHaveCount(0, { timeout: 90_000 });
  await expect(indicator(alice.page, 'Alice (you)')).toHaveCount(0, { timeout: 30_000 });
  await expectDecoding(cameraVideo(bob.page, 'Alice'));

  await Promise.all([alice.close(), bob.close()]);
});

/** Screenshots for a person to look at, only when asked for (QUALITY_SCREENSHOT_DIR). */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.QUALITY_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}` });
}
