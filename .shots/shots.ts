import { chromium } from '@playwright/test';
import { CHROMIUM, FAKE_MEDIA_ARGS, startServer, stopServer, waitForHealth } from '../scripts/lib/localServer';
(async () => {
  const server = startServer({ port: 3997, databaseFile: '/tmp/shots.db', adminToken: 'shots-token-0123456789abc', rtcPorts: [45000, 45999] });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FAKE_MEDIA_ARGS, '--use-fake-device-for-media-stream=fps=30'] });
  try {
    await waitForHealth('http://localhost:3997');
    for (const [w, h] of [[1280, 800], [390, 800]]) {
      const ctx = await browser.newContext({ viewport: { width: w, height: h }, permissions: ['camera', 'microphone'] });
      const page = await ctx.newPage();
      const id = `shot${w}`;
      await page.goto(`http://localhost:3997/studio/${id}`);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/studio-pre-${w}.png` });
      await page.getByRole('button', { name: 'Go live' }).click();
      const v = await (await browser.newContext({ viewport: { width: w, height: h } })).newPage();
      await v.goto(`http://localhost:3997/watch/${id}`);
      await v.getByRole('button', { name: 'Play stream' }).click();
      await page.waitForTimeout(14000);
      await page.screenshot({ path: `/tmp/studio-live-${w}.png`, fullPage: true });
      await v.screenshot({ path: `/tmp/watch-${w}.png` });
    }
  } finally { await browser.close(); stopServer(server); }
})();
