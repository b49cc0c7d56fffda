/*
 * npx tsx scripts/capture-send-stats.ts
 *
 * Captures the fixtures of lib/studio/sendStats.test.ts for real: starts this
 * app's server on its own port and database, joins a room with Debian's
 * Chromium (fake camera and microphone) as a sender plus a second participant,
 * waits for simulcast to ramp up, then saves two getStats() reports of the
 * sender's send transport, ~2 s apart, as JSON arrays of plain stats objects.
 *
 * Env: CAPTURE_PORT (3999), CAPTURE_URL (use a server that is already running
 * instead of starting one), CHROMIUM_PATH (/usr/bin/chromium), CAPTURE_RAMP_MS (8000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, FAKE_MEDIA_ARGS, ROOT, startServer, stopServer, waitForHealth } from './lib/localServer';

const PORT = Number(process.env.CAPTURE_PORT ?? 3999);
const BASE_URL = process.env.CAPTURE_URL ?? `http://localhost:${PORT}`;
const RAMP_MS = Number(process.env.CAPTURE_RAMP_MS ?? 8000);
const GAP_MS = 2000;
const ROOM = `capture-${Date.now().toString(36)}`;
const OUT_DIR = path.join(ROOT, 'lib/studio/fixtures');

/** Keeps every RTCPeerConnection the page creates in window.__pcs, so the test can ask it for stats. */
const KEEP_PCS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  class Kept extends Original {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  }
  window.RTCPeerConnection = Kept;
})();`;

async function join(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['camera', 'microphone'] });
  await context.addInitScript(KEEP_PCS);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${name}] page error: ${e.message}`));
  await page.goto(`${BASE_URL}/room/${ROOM}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('button', { name: 'Leave meeting' }).waitFor({ timeout: 30_000 });
  return page;
}

/** One getStats() of the pc that sends video (the send transport), as plain objects. */
function sendReport(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const pc of pcs) {
      const entries = [...(await pc.getStats()).values()];
      if (entries.some((s) => s.type === 'outbound-rtp' && s.kind === 'video')) return JSON.parse(JSON.stringify(entries));
    }
    throw new Error(`no pc with video outbound-rtp among ${pcs.length}`);
  });
}

function summary(report: Record<string, unknown>[]): string {
  const layers = report
    .filter((s) => s.type === 'outbound-rtp' && s.kind === 'video')
    .map((s) => `${s.rid}:${s.frameWidth ?? '-'}x${s.frameHeight ?? '-'}@${s.framesPerSecond ?? '-'}`);
  const types = [...new Set(report.map((s) => s.type))].join(', ');
  return `${report.length} entries (${types}); video layers ${layers.join(' ')}`;
}

async function main(): Promise<void> {
  const server = process.env.CAPTURE_URL
    ? null
    : startServer({ port: PORT, databaseFile: '/tmp/podium-capture.db', adminToken: 'capture-token-0123456789', rtcPorts: [43000, 43999] });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...FAKE_MEDIA_ARGS, '--use-fake-device-for-media-stream'],
  });
  try {
    await waitForHealth(BASE_URL);
    const sender = await join(browser, 'Sender');
    // A second participant, so the SFU forwards the sender's media as it would in a call.
    await join(browser, 'Viewer');
    await sender.waitForTimeout(RAMP_MS);
    const first = await sendReport(sender);
    await sender.waitForTimeout(GAP_MS);
    const second = await sendReport(sender);
    const version = browser.version();
    mkdirSync(OUT_DIR, { recursive: true });
    for (const [i, report] of [first, second].entries()) {
      const file = path.join(OUT_DIR, `chromium-send-${i + 1}.json`);
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`wrote ${path.relative(ROOT, file)}: ${summary(report)}`);
    }
    console.log(`Chromium ${version}`);
  } finally {
    await browser.close();
    if (server) stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
