import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { E2E_ADMIN_TOKEN } from '../playwright.config';

export const adminHeaders = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

export function uniqueRoomId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface Participant {
  name: string;
  page: Page;
  close(): Promise<void>;
}

export interface JoinOptions {
  /** Runs in the page before any of its scripts (test instrumentation, e.g. recording RTCPeerConnections). */
  initScript?: () => void;
}

/** A person in their own browser context: opens the room link, types a name, joins. */
export async function joinAs(
  browser: Browser,
  roomId: string,
  name: string,
  viewport = { width: 1280, height: 800 },
  options: JoinOptions = {},
): Promise<Participant> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (options.initScript) await page.addInitScript(options.initScript);
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[${name}] console error: ${message.text()}`);
  });
  await page.goto(`/room/${roomId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible();
  return { name, page, close: () => context.close() };
}

export const tile = (page: Page, name: string): Locator => page.getByRole('group', { name, exact: true });
export const cameraVideo = (page: Page, name: string): Locator => page.getByLabel(`${name}'s camera`, { exact: true });

interface VideoProgress {
  width: number;
  height: number;
  frames: number;
}

export function videoProgress(video: Locator): Promise<VideoProgress> {
  return video.evaluate((el: HTMLVideoElement) => ({
    width: el.videoWidth,
    height: el.videoHeight,
    frames: el.getVideoPlaybackQuality().totalVideoFrames,
  }));
}

/** The video shows decoded frames of a real size, and keeps getting new ones. */
export async function expectDecoding(video: Locator): Promise<void> {
  await expect(video).toBeVisible();
  await expect.poll(async () => (await videoProgress(video)).frames, { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await videoProgress(video);
  await expect.poll(async () => (await videoProgress(video)).frames, { timeout: 10_000 }).toBeGreaterThan(before.frames + 5);
  const after = await videoProgress(video);
  expect(after.width).toBeGreaterThan(0);
  expect(after.height).toBeGreaterThan(0);
}

/**
 * Peak level (0..1) of what a remote participant's <audio> element plays,
 * measured through Web Audio for `ms` milliseconds.
 */
export async function peakAudioLevel(page: Page, peerId: string, ms = 2500): Promise<number> {
  return page.evaluate(
    async ({ peerId, ms }) => {
      const audio = document.querySelector<HTMLAudioElement>(`audio[data-peer-id="${peerId}"]`);
      const stream = audio?.srcObject as MediaStream | null;
      if (!stream || stream.getAudioTracks().length === 0) return -1;
      const ctx = new AudioContext();
      await ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let peak = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        analyser.getFloatTimeDomainData(samples);
        for (const s of samples) peak = Math.max(peak, Math.abs(s));
        await new Promise((r) => setTimeout(r, 20));
      }
      await ctx.close();
      return peak;
    },
    { peerId, ms },
  );
}

export async function peerIdOf(page: Page, name: string): Promise<string> {
  const id = await tile(page, name).getAttribute('data-peer-id');
  if (!id) throw new Error(`no tile for ${name}`);
  return id;
}

export async function adminGet<T = any>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path, { headers: adminHeaders });
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** Milliseconds from the Join click to the first decoded remote frame, from the page's own marks. */
/** Signs the page in to /analytics with the admin token, as an admin would. */
export async function signInToAnalytics(page: Page): Promise<void> {
  await page.goto('/analytics/sign-in');
  await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/analytics$/);
}

export async function joinToFirstFrameMs(page: Page): Promise<number> {
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName('podium:first-remote-frame').length))
    .toBeGreaterThan(0);
  return page.evaluate(() => {
    const click = performance.getEntriesByName('podium:join-click')[0];
    const frame = performance.getEntriesByName('podium:first-remote-frame')[0];
    return Math.round(frame.startTime - click.startTime);
  });
}

/** A signaling socket without a browser (WebSocket only, no reconnection), once connected. */
export function connectSocket(baseURL: string): Promise<Socket> {
  const socket = io(baseURL, { transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Stops reading the socket's TCP stream: no FIN, no close frame, no pong. Only the server's heartbeat can notice. */
export function stallSocket(socket: Socket): void {
  (socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket.pause();
}

/**
 * Whether a video element shows the whole picture: the part of the stream
 * drawn inside its box, as object-fit places it, is all of the stream.
 */
export function pictureCropped(video: Locator): Promise<boolean> {
  return video.evaluate((el: HTMLVideoElement) => {
    const box = el.getBoundingClientRect();
    const fit = getComputedStyle(el).objectFit;
    const sx = box.width / el.videoWidth;
    const sy = box.height / el.videoHeight;
    const scale = fit === 'cover' ? Math.max(sx, sy) : fit === 'fill' ? NaN : Math.min(sx, sy);
    if (Number.isNaN(scale)) return true; // 'fill' distorts instead: not the picture either
    return el.videoWidth * scale > box.width + 1 || el.videoHeight * scale > box.height + 1;
  });
}
