/*
 * npx tsx scripts/screenshots-studio.ts
 *
 * Screenshots of the studio (before and while live) and the watch page at
 * 1280x800 and 390x800, for looking at the layout; written to
 * bench-results/screenshots/. Starts its own server (port 3997).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, FAKE_MEDIA_ARGS, ROOT, startServer, stopServer, waitForHealth } from './lib/localServer';

const BASE = 'http://localhost:3997';
const OUT = path.join(ROOT, 'bench-results/screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = startServer({ port: 3997, databaseFile: '/tmp/podium-shots.db', adminToken: 'shots-token-0123456789abc', rtcPorts: [45000, 45999] });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FAKE_MEDIA_ARGS, '--use-fake-device-for-media-stream=fps=30'] });
  try {
    await waitForHealth(BASE);
    for (const [width, height] of [
      [1280, 800],
      [390, 800],
    ] as const) {
      const viewport = { width, height };
      const studio = await (await browser.newContext({ viewport, permissions: ['camera', 'microphone'] })).newPage();
      const id = `shots-${width}-${Date.now().toString(36)}`;
      await studio.goto(`${BASE}/studio/${id}`);
      await studio.getByLabel('Camera preview').waitFor();
      await studio.screenshot({ path: path.join(OUT, `studio-preview-${width}.png`) });
      await studio.getByRole('button', { name: 'Go live' }).click();
      const viewer = await (await browser.newContext({ viewport })).newPage();
      await viewer.goto(`${BASE}/watch/${id}`);
      await viewer.getByRole('button', { name: 'Play stream' }).click();
      await studio.waitForTimeout(14_000);
      await studio.screenshot({ path: path.join(OUT, `studio-live-${width}.png`), fullPage: true });
      await viewer.screenshot({ path: path.join(OUT, `watch-${width}.png`) });
    }
    console.log(`wrote ${path.relative(ROOT, OUT)}/*.png`);
  } finally {
    await browser.close();
    stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
