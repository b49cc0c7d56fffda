/*
 * npm run bench:studio [-- seconds]
 *
 * How fast a streamer's number reaches the admin: a studio goes live in
 * Debian's Chromium (fake camera at 30 fps) and an analytics page is open in
 * a second page; for `seconds` (60) every getStats() sample's browser
 * timestamp is compared with the moment the analytics page shows that
 * sample's bitrate (both pages share this machine's clock). Also the
 * studio's main-thread cost per stats tick (conversion, emit, store update;
 * React's render comes after). Prints p50/p95 and writes
 * bench-results/studio-<time>.json. Not a test: no figure is asserted.
 *
 * Env: BENCH_PORT (3998), CHROMIUM_PATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { percentile } from '../lib/analytics/percentile';
import { CHROMIUM, FAKE_MEDIA_ARGS, ROOT, startServer, stopServer, waitForHealth } from './lib/localServer';

const PORT = Number(process.env.BENCH_PORT ?? 3998);
const BASE = `http://localhost:${PORT}`;
const TOKEN = 'bench-admin-token-0123456789';
const SECONDS = Number(process.argv[2] ?? 60);
const STREAM = `bench-${Date.now().toString(36)}`;

/** In the analytics page: when each new sample timestamp first appears on the stream's row. */
const WATCH_ROW = `(() => {
  window.__shown = [];
  const seen = new Set();
  const check = () => {
    const row = document.querySelector('[data-testid="stream-row-${STREAM}"]');
    const ts = row && Number(row.getAttribute('data-sample-timestamp'));
    if (ts && !seen.has(ts)) { seen.add(ts); window.__shown.push({ ts, shownAt: Date.now() }); }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

async function signIn(page: Page): Promise<void> {
  await page.goto(`${BASE}/analytics/sign-in`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/analytics$/);
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

async function main(): Promise<void> {
  const server = startServer({ port: PORT, databaseFile: '/tmp/podium-bench-studio.db', adminToken: TOKEN, rtcPorts: [44000, 44999] });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FAKE_MEDIA_ARGS, '--use-fake-device-for-media-stream=fps=30'] });
  try {
    await waitForHealth(BASE);
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin);
    await admin.evaluate(WATCH_ROW);
    const studioContext = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const studio = await studioContext.newPage();
    await studio.goto(`${BASE}/studio/${STREAM}`);
    await studio.getByRole('button', { name: 'Go live' }).click();
    await studio.getByTestId('live-status').filter({ hasText: 'LIVE' }).waitFor();
    console.log(`live; measuring for ${SECONDS} s…`);
    await studio.waitForTimeout(SECONDS * 1000);
    const shown = await admin.evaluate(() => (window as unknown as { __shown: { ts: number; shownAt: number }[] }).__shown);
    const ticks = await studio.evaluate(() => performance.getEntriesByName('podium:studio-tick').map((e) => e.duration));
    const latencies = shown.map((s) => s.shownAt - s.ts).sort((a, b) => a - b);
    const costs = [...ticks].sort((a, b) => a - b);
    const result = {
      at: new Date().toISOString(),
      seconds: SECONDS,
      samplesShown: latencies.length,
      sampleToAnalyticsMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: latencies.at(-1) ?? null },
      studioTickMs: { ticks: costs.length, p50: round(percentile(costs, 50)), p95: round(percentile(costs, 95)), max: round(costs.at(-1) ?? null) },
    };
    console.log('');
    console.log('                                    samples    p50       p95       max');
    const row = (label: string, n: number, f: { p50: number | null; p95: number | null; max: number | null }) =>
      console.log(`${label.padEnd(36)}${String(n).padEnd(11)}${`${f.p50} ms`.padEnd(10)}${`${f.p95} ms`.padEnd(10)}${f.max} ms`);
    row('getStats sample → analytics page', result.samplesShown, result.sampleToAnalyticsMs);
    row('studio main thread per stats tick', result.studioTickMs.ticks, result.studioTickMs);
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `studio-${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(ROOT, file)}`);
  } finally {
    await browser.close();
    stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
