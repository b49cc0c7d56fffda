import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Socket } from 'socket.io-client';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../playwright.config';
import { adminGet, adminHeaders, connectSocket, expectDecoding, uniqueRoomId } from './helpers';

// The fake camera runs at 20 fps unless told otherwise; a real webcam gives 30, which the good band expects.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS.filter((f) => f !== '--use-fake-device-for-media-stream'), '--use-fake-device-for-media-stream=fps=30'],
  },
});

const numberIn = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[^\d.]/g, ''));

async function openStudio(browser: Browser, streamId: string, query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[studio] page error: ${error.message}`));
  // The degrade test reaches the sender through the page's own RTCPeerConnection.
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const pcs: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  });
  await page.goto(`/studio/${streamId}${query}`);
  await expect(page.getByLabel('Camera preview')).toBeVisible();
  return { page, close: () => context.close() };
}

async function goLive(page: Page, name = 'Dana') {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Go live' }).click();
  await expect(page.getByTestId('live-status')).toHaveText('LIVE');
}

type History = { samples: { at: number; bitrate: number; fps: number }[]; alerts: { type: string }[] };

test('a streamer goes live, a viewer watches, and the studio shows numbers that match the server', async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  const streamId = uniqueRoomId('show');
  const studio = await openStudio(browser, streamId);
  const { page } = studio;
  // The microphone check: the fake microphone's beeps move the preview's meter.
  await expect
    .poll(async () => Number(await page.getByRole('meter', { name: 'Microphone' }).getAttribute('aria-valuenow')), { timeout: 10_000 })
    .toBeGreaterThan(5);
  await goLive(page);

  // The browser's view: the fake camera's size and rate, real bitrate.
  await expect(page.getByTestId('metric-resolution')).toHaveText('1280×720', { timeout: 20_000 });
  await expect.poll(() => numberIn(page, 'metric-bitrate'), { timeout: 20_000 }).toBeGreaterThan(300);
  await expect.poll(() => numberIn(page, 'metric-fps'), { timeout: 20_000 }).toBeGreaterThanOrEqual(25);
  await expect(page.getByTestId('quality-band')).toHaveText('Good', { timeout: 20_000 });

  // The server's view of the same producer: the layers the browser sends all reach the SFU.
  const browserLayers = async () => {
    const rows = page.locator('[data-testid^="layer-row-"]');
    const sent: string[] = [];
    const received: string[] = [];
    for (const row of await rows.all()) {
      const rid = (await row.getAttribute('data-testid'))!.replace('layer-row-', '');
      if (Number((await row.getByTestId('browser-bitrate').textContent())?.replace(/[^\d]/g, '')) > 0) sent.push(rid);
      if (Number((await row.getByTestId('server-bitrate').textContent())?.replace(/[^\d]/g, '')) > 0) received.push(rid);
    }
    return { sent, received };
  };
  await expect.poll(async () => (await browserLayers()).received.length, { timeout: 30_000 }).toBe(3);
  const layers = await browserLayers();
  expect(layers.received).toEqual(layers.sent);
  const { producers } = await adminGet(request, `/analytics/rooms/${encodeURIComponent(`stream:${streamId}`)}/producers`);
  const camera = producers.find((p: { source: string }) => p.source === 'camera');
  expect(camera.layers.filter((l: { bitrate: number }) => l.bitrate > 0)).toHaveLength(3);

  // A viewer presses play and sees the stream; the studio counts them.
  await expect(page.getByTestId('viewer-count')).toHaveText('0');
  const viewerContext = await browser.newContext({ permissions: [] });
  const viewer = await viewerContext.newPage();
  await viewer.goto(`/watch/${streamId}`);
  await viewer.getByRole('button', { name: 'Play stream' }).click();
  await expectDecoding(viewer.getByLabel('Live stream'));
  await expect(page.getByTestId('viewer-count')).toHaveText('1');
  // The server sees the viewer receive a layer of this producer.
  await expect.poll(async () => numberSum(await page.getByTestId('layer-viewers').allTextContents()), { timeout: 15_000 }).toBe(1);

  // Leaving is counted at once, and so is coming back.
  await viewer.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByTestId('viewer-count')).toHaveText('0');
  await viewer.getByRole('button', { name: 'Play stream' }).click();
  await expectDecoding(viewer.getByLabel('Live stream'));
  await expect(page.getByTestId('viewer-count')).toHaveText('1');

  // Anyone may ask for the current stats (SPEC 4): the last sample and the viewer count.
  const stranger = await connectSocket(baseURL!);
  const current = await new Promise<any>((resolve) => {
    stranger.once('stream:stats:current', resolve);
    stranger.emit('stream:stats:get', { streamId });
  });
  expect(current).toMatchObject({ streamId, live: true, viewerCount: 1 });
  expect(current.stats.resolution).toEqual({ width: 1280, height: 720 });
  expect(Date.now() - current.stats.lastUpdated).toBeLessThan(10_000);

  // The server stores the samples, and they grow.
  const history = async () => {
    const response = await request.get(`/api/streams/${streamId}/history?minutes=5`, { headers: adminHeaders });
    expect(response.status()).toBe(200);
    return (await response.json()) as History;
  };
  // Only an admin or the studio's owner key reads it.
  expect((await request.get(`/api/streams/${streamId}/history`)).status()).toBe(401);
  expect((await request.get(`/api/streams/${streamId}/history`, { headers: { authorization: 'Bearer not-the-key' } })).status()).toBe(403);
  const before = (await history()).samples.length;
  expect(before).toBeGreaterThan(0);
  await expect.poll(async () => (await history()).samples.length, { timeout: 10_000 }).toBeGreaterThan(before);

  // A stranger can neither post stats for the stream nor take its id over.
  await expectRefused(stranger, { streamId, stats: fakeStats(4242), timestamp: Date.now() }, 'forbidden');
  await expectRefused(stranger, { streamId, stats: { ...fakeStats(4242), fps: 'fast' }, timestamp: Date.now() }, 'invalid_payload');
  const takeover = await stranger.timeout(5000).emitWithAck('stream:start', { streamId });
  expect(takeover).toMatchObject({ ok: false, error: { code: 'stream_live' } });
  stranger.disconnect();
  await page.waitForTimeout(2500);
  expect((await history()).samples.some((s) => s.bitrate === 4242)).toBe(false);

  // The OBS-style counters count from a Reset.
  const capturedFrames = async () => {
    const text = (await page.getByTestId('counter-dropped').textContent()) ?? '';
    return Number(text.match(/\/ ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  };
  expect(await capturedFrames()).toBeGreaterThan(150);
  await page.getByRole('button', { name: 'Reset counters' }).click();
  // Within a sample or two of the Reset: at most a few seconds of 30 fps frames.
  expect(await capturedFrames()).toBeLessThan(150);
  await expect.poll(capturedFrames).toBeGreaterThan(0);

  // Record: a few seconds of what is sent, saved as a WebM file.
  await page.getByRole('button', { name: 'Record' }).click();
  await page.waitForTimeout(3000);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  const save = page.getByRole('link', { name: /^Save recording/ });
  await expect(save).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  expect(download.suggestedFilename()).toMatch(/\.webm$/);
  const file = await readFile((await download.path())!);
  expect(file.length).toBeGreaterThan(20_000);
  expect(file.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML: a WebM/Matroska file

  // Ending the stream tells the viewer.
  await page.getByRole('button', { name: 'End stream' }).click();
  await expect(viewer.getByText('The stream has ended')).toBeVisible();
  await viewerContext.close();

  // After a reload the charts refill from the stored history.
  await page.reload();
  await expect(page.getByTestId('chart-points')).toContainText('refilled from stored history');
  const points = Number((await page.getByTestId('chart-points').textContent())?.match(/(\d+) points/)?.[1] ?? 0);
  expect(points).toBeGreaterThan(3);
  await studio.close();
});

test('a degraded sender changes the band, the headline and raises alerts on the studio and analytics', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const streamId = uniqueRoomId('degrade');
  const { page, close } = await openStudio(browser, streamId);
  await goLive(page);
  await expect(page.getByTestId('quality-band')).toHaveText('Good', { timeout: 25_000 });
  await expect(page.getByTestId('studio-headline')).toContainText('healthy');
  // Let the bitrate average settle before the drop.
  await page.waitForTimeout(8000);

  // Cap every encoding at 5 fps and 40 kbps, as a starved uplink or a struggling encoder would.
  await page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const pc of pcs) {
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const parameters = sender.getParameters();
        for (const encoding of parameters.encodings) {
          encoding.maxFramerate = 5;
          encoding.maxBitrate = 40_000;
        }
        await sender.setParameters(parameters);
      }
    }
  });

  await expect(page.getByTestId('quality-band')).toHaveText('Poor', { timeout: 20_000 });
  await expect(page.getByTestId('studio-headline')).not.toContainText('healthy');
  await expect(page.getByTestId('studio-headline')).toContainText(/fps|frame rate/i);
  const alerts = page.getByRole('list', { name: 'Stream alerts' });
  await expect(alerts).toContainText(/Frame rate .* below 20 fps/, { timeout: 20_000 });
  await expect(alerts).toContainText(/Bitrate fell/, { timeout: 20_000 });

  // The same alerts are stored and on the analytics event log.
  const roomId = encodeURIComponent(`stream:${streamId}`);
  await expect
    .poll(async () => {
      const { events } = await adminGet(request, `/analytics/events?type=stream-alert&roomId=${roomId}`);
      return events.map((e: { data: { alert: string } }) => e.data.alert).sort();
    })
    .toEqual(['bitrate-drop', 'low-fps']);
  await close();
});

function numberSum(texts: string[]): number {
  return texts.reduce((sum, t) => sum + (Number(t.replace(/[^\d]/g, '')) || 0), 0);
}

function fakeStats(bitrate: number) {
  return {
    bitrate,
    fps: 30,
    resolution: { width: 1280, height: 720 },
    audioLevel: -20,
    packetLoss: 0,
    latency: 5,
    jitter: 1,
    bandwidth: { upload: 5000, download: 0 },
    qualityLimitationReason: 'none',
    layers: [],
  };
}

async function expectRefused(socket: Socket, payload: unknown, code: string) {
  const error = new Promise<any>((resolve) => socket.once('error', resolve));
  socket.emit('stream:stats:update', payload);
  expect(await error).toMatchObject({ code, event: 'stream:stats:update' });
}
