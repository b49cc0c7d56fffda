import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { adminHeaders, cameraVideo, connectSocket, expectDecoding, tile, uniqueRoomId } from './helpers';
import { removeDatabase, startServer, type ServerProcess } from './serverProcess';

/*
 * Rooms that need a join link. The shared e2e server has no JOIN_TOKEN_SECRET
 * (every other spec joins without a link), so this spec runs a server of its
 * own with one, and mints links the way an operator does: `podium-stats
 * mint-link`. A person with a good link gets into the call; anyone else sees
 * why not on the room page and never appears in the call.
 */

const PORT = 3111;
const DB = 'data/e2e-join-tokens.db';
const SECRET = 'e2e-join-token-secret-0123456789abcdefghij';
const OTHER_SECRET = 'not-the-servers-secret-0123456789abcdefghij';
const REPO = path.resolve(__dirname, '..');

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: `http://localhost:${PORT}` });

let server: ServerProcess;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  removeDatabase(DB);
  server = startServer({
    port: PORT,
    database: DB,
    rtcPorts: { min: 46500, max: 46999 },
    env: { JOIN_TOKEN_SECRET: SECRET, JOIN_RATE_PER_MINUTE: '600', NODE_ID: 'join-tokens-node' },
  });
  await server.waitHealthy();
});

test.afterAll(async () => {
  await server?.stop();
});

interface MintedLink {
  link: string;
  token: string;
  expiresAt: string;
}

/** `podium-stats --json mint-link`, as an operator runs it; the secret comes from JOIN_TOKEN_SECRET. */
function mintLink(roomId: string, options: { name?: string; ttlSeconds?: number; secret?: string } = {}): Promise<MintedLink> {
  const args = ['bin/podium-stats.mjs', '--json', 'mint-link', roomId, '--url', server.baseUrl];
  if (options.name) args.push('--name', options.name);
  if (options.ttlSeconds) args.push('--ttl', String(options.ttlSeconds));
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, JOIN_TOKEN_SECRET: options.secret ?? SECRET } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`mint-link exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout) as MintedLink);
    });
  });
}

/** Opens a room page (with or without a link's token) in its own context, types a name and presses Join. */
async function openAndJoin(browser: Browser, url: string, typedName: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${typedName}] page error: ${error.message}`));
  await page.goto(url);
  await page.getByLabel('Your name').fill(typedName);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  return page;
}

async function livePeerNames(roomId: string): Promise<string[]> {
  const response = await fetch(`${server.baseUrl}/analytics/rooms/${roomId}`, { headers: adminHeaders });
  if (response.status === 404) return [];
  expect(response.status).toBe(200);
  const { peers } = (await response.json()) as { peers: { displayName: string }[] };
  return peers.map((p) => p.displayName).sort();
}

/** The room path with a token in it, as joinLink builds it, for any room and token. */
const roomUrl = (roomId: string, token?: string) => `/room/${roomId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

/** A signed link whose payload was edited afterwards: the room claim now names `roomId`, the signature is the original's. */
function retargeted(token: string, roomId: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, room: roomId })).toString('base64url')}.${signature}`;
}

test('a valid link joins the call, under the name it carries, and media flows both ways', async ({ browser }) => {
  const roomId = uniqueRoomId('tokens');
  const alice = await mintLink(roomId, { name: 'Alice' });
  const bob = await mintLink(roomId);
  expect(new URL(alice.link).pathname).toBe(`/room/${roomId}`);

  // Alice types another name: the link names her, and the link wins.
  const alicePage = await openAndJoin(browser, alice.link, 'Mallory');
  await expect(alicePage.getByRole('button', { name: 'Leave meeting' })).toBeVisible();
  const bobPage = await openAndJoin(browser, bob.link, 'Bob');
  await expect(bobPage.getByRole('button', { name: 'Leave meeting' })).toBeVisible();

  await expectDecoding(cameraVideo(bobPage, 'Alice'));
  await expectDecoding(cameraVideo(alicePage, 'Bob'));
  await expect(tile(bobPage, 'Mallory')).toHaveCount(0);
  await expect(tile(alicePage, 'Alice (you)')).toBeVisible();
  expect(await livePeerNames(roomId)).toEqual(['Alice', 'Bob']);
  await Promise.all([alicePage.context().close(), bobPage.context().close()]);
});

test('missing, expired, forged and other-room links are refused with a page that says why', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const roomId = uniqueRoomId('tokens');
  const host = await openAndJoin(browser, (await mintLink(roomId, { name: 'Host' })).link, 'Host');
  await expect(host.getByRole('button', { name: 'Leave meeting' })).toBeVisible();

  const expiring = await mintLink(roomId, { ttlSeconds: 1 });
  const forged = await mintLink(roomId, { secret: OTHER_SECRET });
  const elsewhere = await mintLink(uniqueRoomId('elsewhere'));
  const cases = [
    { who: 'Nolink', url: roomUrl(roomId), heading: 'You need an invitation to join this meeting' },
    { who: 'Late', url: expiring.link, heading: 'This invitation has expired' },
    { who: 'Forger', url: forged.link, heading: 'This invitation link is not valid' },
    { who: 'Editor', url: roomUrl(roomId, retargeted(elsewhere.token, roomId)), heading: 'This invitation link is not valid' },
    { who: 'Wanderer', url: roomUrl(roomId, elsewhere.token), heading: 'This invitation is for another meeting' },
  ];
  // The 1 s link is used once its expiry has passed on the clock the server reads too.
  const wait = Date.parse(expiring.expiresAt) + 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

  for (const { who, url, heading } of cases) {
    await test.step(who, async () => {
      const page = await openAndJoin(browser, url, who);
      // Filtered: Next's route announcer is an alert too.
      const refusal = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: heading }) });
      await expect(refusal).toBeVisible();
      await expect(refusal).toContainText('Ask the organiser');
      await expect(refusal.getByRole('link', { name: 'Back to home' })).toHaveAttribute('href', '/');
      await expect(page.getByRole('button', { name: 'Leave meeting' })).toHaveCount(0);
      await expect(page.getByLabel('Your name')).toHaveCount(0);
      if (who === 'Nolink') {
        for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
          await page.setViewportSize(viewport);
          await page.screenshot({ path: testInfo.outputPath(`refused-${viewport.width}x${viewport.height}.png`) });
        }
      }
      // Nobody in the call ever saw them, and the server holds no peer for them.
      await expect(tile(host, who)).toHaveCount(0);
      expect(await livePeerNames(roomId)).toEqual(['Host']);
      await page.getByRole('link', { name: 'Back to home' }).click();
      await expect(page).toHaveURL(`${server.baseUrl}/`);
      await page.context().close();
    });
  }
  await host.context().close();
});

test('a signaling client is refused without a link, while streams stay open', async () => {
  const socket = await connectSocket(server.baseUrl);
  try {
    const roomId = uniqueRoomId('tokens');
    const refused = await socket.emitWithAck('join-room', { roomId, displayName: 'Script' });
    expect(refused).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } });
    expect(await livePeerNames(roomId)).toEqual([]);
    // Studio and watch pages are not call rooms: a join secret does not close them.
    const streamId = uniqueRoomId('stream');
    const started = await socket.emitWithAck('stream:start', { streamId, displayName: 'Studio' });
    expect(started).toMatchObject({ ok: true, data: { streamId, role: 'streamer' } });
  } finally {
    socket.disconnect();
  }
});
