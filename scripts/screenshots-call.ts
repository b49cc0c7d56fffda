/*
 * npx tsx scripts/screenshots-call.ts
 *
 * Screenshots of the call pages at 1280x800 and 390x800, for looking at the
 * layout: landing, 404, pre-join, an unreachable server, alone in a call,
 * two people with toasts, a share on the stage and the presenting bar, the
 * shortcuts dialog, blocked devices. Written to bench-results/screenshots/.
 * Starts its own server (port 3996).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../playwright.config';
import { ROOT, startServer, stopServer, waitForHealth } from './lib/localServer';

const BASE = 'http://localhost:3996';
const OUT = path.join(ROOT, 'bench-results/screenshots');

async function join(browser: Browser, viewport: { width: number; height: number }, roomId: string, name: string, init?: () => void): Promise<Page> {
  const page = await (await browser.newContext({ viewport, permissions: ['camera', 'microphone'] })).newPage();
  if (init) await page.addInitScript(init);
  await page.goto(`${BASE}/room/${roomId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('button', { name: 'Leave meeting' }).waitFor();
  return page;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = startServer({ port: 3996, databaseFile: '/tmp/podium-call-shots.db', adminToken: 'shots-token-0123456789abc', rtcPorts: [46000, 46999] });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const shot = (page: Page, name: string, width: number) => page.screenshot({ path: path.join(OUT, `call-${name}-${width}.png`) });
  try {
    await waitForHealth(BASE);
    for (const [width, height] of [
      [1280, 800],
      [390, 800],
    ] as const) {
      const viewport = { width, height };
      const roomId = `shots-${width}-${Date.now().toString(36)}`;
      const visitor = await (await browser.newContext({ viewport, permissions: ['camera', 'microphone'] })).newPage();
      await visitor.goto(BASE);
      await shot(visitor, 'landing', width);
      await visitor.goto(`${BASE}/no-such-page`);
      await shot(visitor, '404', width);
      await visitor.goto(`${BASE}/room/not%20a%20room!`);
      await shot(visitor, 'invalid-room', width);
      await visitor.goto(`${BASE}/room/${roomId}`);
      await shot(visitor, 'prejoin-loading', width);
      await visitor.getByLabel('Your name').fill('Vera');
      await visitor.waitForTimeout(1500);
      await shot(visitor, 'prejoin', width);
      await visitor.context().setOffline(true);
      await visitor.getByRole('button', { name: 'Join meeting' }).click();
      await visitor.getByText(/Trying again in/).waitFor();
      await shot(visitor, 'unreachable', width);
      await visitor.context().close();

      const alice = await join(browser, viewport, roomId, 'Alice');
      await alice.waitForTimeout(1500);
      await shot(alice, 'alone', width);
      const bob = await join(browser, viewport, roomId, 'Bob');
      await alice.getByText('Bob joined').first().waitFor();
      await alice.waitForTimeout(1500);
      await shot(alice, 'two-with-toast', width);
      if (width > 500) {
        await bob.getByRole('button', { name: 'Share screen' }).click();
        await alice.getByRole('group', { name: 'Screen shared by Bob' }).waitFor();
        await alice.waitForTimeout(2500);
        await shot(alice, 'share-on-stage', width);
        await shot(bob, 'presenting', width);
        await bob.getByRole('button', { name: 'Stop presenting' }).click();
      }
      await alice.keyboard.press('Shift+?');
      await alice.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shot(alice, 'shortcuts', width);
      await alice.keyboard.press('Escape');

      const dana = await join(browser, viewport, roomId, 'Dana', () => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      await dana.waitForTimeout(1500);
      await shot(dana, 'blocked-devices', width);
      for (const page of [alice, bob, dana]) await page.context().close();
    }
    console.log(`wrote ${path.relative(ROOT, OUT)}/call-*.png`);
  } finally {
    await browser.close();
    stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
