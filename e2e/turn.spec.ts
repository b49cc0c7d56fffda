import { createHmac } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { cameraVideo, connectSocket, expectDecoding, uniqueRoomId } from './helpers';
import { removeDatabase, startServer, type ServerProcess } from './serverProcess';
import { startTurnServer, type TurnProcess } from './turnServer';

/*
 * A call behind a firewall that lets no UDP reach the server directly: every
 * page forces `iceTransportPolicy: 'relay'` (`?ice=relay`), so media can only
 * flow through coturn, with the time-limited credentials podium signs with
 * TURN_SECRET. The spec runs its own coturn and its own podium server (port,
 * database and RTC ports no other server uses) configured for it.
 */

const PORT = 3112;
const DB = 'data/e2e-turn.db';
const RTC_PORTS = { min: 45500, max: 45999 };
const RELAY_PORTS = { min: 46500, max: 46599 };
const TURN_SECRET = 'e2e-turn-static-auth-secret';
const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

let turn: TurnProcess;
let server: ServerProcess;
let turnUrl: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(90_000);
  turn = await startTurnServer({ secret: TURN_SECRET, realm: 'podium', relayPorts: RELAY_PORTS });
  turnUrl = `turn:127.0.0.1:${turn.port}?transport=udp`;
  removeDatabase(DB);
  server = startServer({
    port: PORT,
    database: DB,
    rtcPorts: RTC_PORTS,
    env: { TURN_URLS: turnUrl, TURN_SECRET, STUN_URLS: '', NODE_ID: 'turn-node' },
  });
  await server.waitHealthy();
});

test.afterAll(async () => {
  await server?.stop();
  await turn?.stop();
});

/** Test-side instrumentation: keeps every RTCPeerConnection the page makes, to read its stats. */
function recordPeerConnections() {
  const Native = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      all.push(this);
    }
  } as typeof RTCPeerConnection;
}

async function joinRelayOnly(browser: Browser, roomId: string, name: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(recordPeerConnections);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  await page.goto(`${server.baseUrl}/room/${roomId}?ice=relay`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible();
  return { page, close: () => context.close() };
}

interface SelectedPath {
  policy: string | undefined;
  localType: string;
  remoteAddress: string;
}

/** For each connected peer connection: its ICE policy and the local candidate of its selected pair. */
function selectedPaths(page: Page): Promise<SelectedPath[]> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const paths: SelectedPath[] = [];
    for (const pc of all) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      let pairId: string | undefined;
      stats.forEach((report) => {
        if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
      });
      const pair = pairId ? stats.get(pairId) : undefined;
      const local = pair ? stats.get(pair.localCandidateId) : undefined;
      const remote = pair ? stats.get(pair.remoteCandidateId) : undefined;
      paths.push({
        policy: pc.getConfiguration().iceTransportPolicy,
        localType: local?.candidateType ?? 'none',
        remoteAddress: remote ? `${remote.address}:${remote.port}` : 'none',
      });
    }
    return paths;
  });
}

async function adminJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: admin });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a relay-only call decodes video both ways through coturn', async ({ browser }) => {
  test.setTimeout(120_000);
  const roomId = uniqueRoomId('turn');
  const alice = await joinRelayOnly(browser, roomId, 'Alice');
  const bob = await joinRelayOnly(browser, roomId, 'Bob');
  try {
    await expectDecoding(cameraVideo(alice.page, 'Bob'));
    await expectDecoding(cameraVideo(bob.page, 'Alice'));

    // The browsers' side: every connected transport (send and receive) uses a relayed local candidate.
    for (const page of [alice.page, bob.page]) {
      await expect.poll(async () => (await selectedPaths(page)).length, { message: 'send and receive transports connected' }).toBeGreaterThanOrEqual(2);
      const paths = await selectedPaths(page);
      for (const path of paths) expect(path).toMatchObject({ policy: 'relay', localType: 'relay' });
    }

    // The server's side: each transport's remote address is a port of coturn's relay range, not the browser.
    const { peers } = await adminJson<{ peers: { id: string; displayName: string }[] }>(`/analytics/rooms/${roomId}`);
    expect(peers.map((p) => p.displayName).sort()).toEqual(['Alice', 'Bob']);
    for (const peer of peers) {
      await expect
        .poll(async () => {
          const detail = await adminJson<{ transports: { iceSelectedTuple: { remoteIp: string; remotePort: number } | null }[] }>(
            `/analytics/rooms/${roomId}/peers/${peer.id}`,
          );
          const tuples = detail.transports.map((t) => t.iceSelectedTuple);
          return tuples.length >= 2 && tuples.every((t) => t !== null && t.remotePort >= RELAY_PORTS.min && t.remotePort <= RELAY_PORTS.max);
        }, { message: `${peer.displayName}'s transports reach the server from coturn's relay ports` })
        .toBe(true);
      // coturn itself: an allocation for the time-limited user `<expiry>:<peer id>` it accepted with the shared secret.
      expect(turn.log()).toMatch(new RegExp(`user <\\d+:${escapeRegExp(peer.id)}>: incoming packet ALLOCATE processed, success`));
    }
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

test('/api/ice-servers answers only a joined participant, with TURN credentials in its peer id', async () => {
  const url = `${server.baseUrl}/api/ice-servers`;
  const ask = (authorization?: string) => fetch(url, { headers: authorization ? { Authorization: authorization } : {} });

  const none = await ask();
  expect(none.status).toBe(401);
  expect((await none.json()).error.code).toBe('unauthorized');
  const guess = await ask('Bearer not-a-resume-token-0123456789');
  expect(guess.status).toBe(403);
  expect((await guess.json()).error.code).toBe('forbidden');

  const socket = await connectSocket(server.baseUrl);
  try {
    const joined = await socket.timeout(5000).emitWithAck('join-room', { roomId: uniqueRoomId('turn-ice'), displayName: 'Probe' });
    expect(joined.ok).toBe(true);
    const { peerId, resumeToken, iceServers: fromAck } = joined.data as {
      peerId: string;
      resumeToken: string;
      iceServers: { urls: string[]; username?: string; credential?: string }[];
    };
    const granted = await ask(`Bearer ${resumeToken}`);
    expect(granted.status).toBe(200);
    const { iceServers } = (await granted.json()) as { iceServers: { urls: string[]; username: string; credential: string }[] };
    expect(iceServers).toHaveLength(1);
    const [turnServer] = iceServers;
    expect(turnServer!.urls).toEqual([turnUrl]);
    const [expiry, user] = turnServer!.username.split(':');
    expect(user).toBe(peerId);
    // Valid for TURN_TTL_SECONDS (an hour by default) from now, give or take the clock tick.
    expect(Math.abs(Number(expiry) - (Math.floor(Date.now() / 1000) + 3600))).toBeLessThanOrEqual(5);
    expect(turnServer!.credential).toBe(createHmac('sha1', TURN_SECRET).update(turnServer!.username).digest('base64'));
    expect(fromAck.map((s) => s.username?.split(':')[1])).toEqual([peerId]);

    // Once the participant has left, its token is worth nothing.
    expect((await socket.timeout(5000).emitWithAck('leave-room', {})).ok).toBe(true);
    await expect.poll(async () => (await ask(`Bearer ${resumeToken}`)).status).toBe(403);
  } finally {
    socket.close();
  }
});
