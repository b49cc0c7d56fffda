import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { uniqueRoomId } from './helpers';

/*
 * History outlives the process: telemetry, events and sessions written by
 * one server run are read back by the next. This test runs its own server
 * (its own port and database) so it can stop and start it.
 */

const PORT = 3107;
const BASE = `http://localhost:${PORT}`;
const DB = 'data/e2e-restart.db';
const headers = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

function startServer(): ChildProcess {
  // tsx as a loader in this very process: a signal reaches the server itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      DATABASE_URL: `file:./${DB}`,
      STUN_URLS: '',
      MEDIASOUP_NUM_WORKERS: '1',
      MEDIASOUP_RTC_MIN_PORT: '45000',
      MEDIASOUP_RTC_MAX_PORT: '45499',
      LOG_LEVEL: 'warn',
      NODE_ID: 'restart-node',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitHealthy(): Promise<void> {
  await expect
    .poll(async () => (await fetch(`${BASE}/api/health`).then((r) => r.status, () => 0)), { timeout: 60_000, intervals: [250] })
    .toBe(200);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const get = async (path: string) => {
  const response = await fetch(`${BASE}${path}`, { headers });
  expect(response.status, path).toBe(200);
  return response.json();
};

test('telemetry, events and sessions are still there after a restart', async ({ browser }) => {
  test.setTimeout(150_000);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB}${suffix}`, { force: true });
  let server = startServer();
  try {
    await waitHealthy();
    const roomId = uniqueRoomId('restart');
    const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
    for (const [i, context] of contexts.entries()) {
      const page = await context.newPage();
      await page.goto(`${BASE}/room/${roomId}`);
      await page.getByLabel('Your name').fill(i === 0 ? 'Alice' : 'Bob');
      await page.getByRole('button', { name: 'Join meeting' }).click();
      await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible();
    }
    const peers = () => get(`/analytics/rooms/${roomId}`).then((r) => r.peers as { id: string; displayName: string }[]);
    await expect.poll(async () => (await peers()).length).toBe(2);
    const alice = (await peers()).find((p) => p.displayName === 'Alice')!;
    // One 10 s telemetry window with media in it, stored.
    await expect
      .poll(async () => (await get(`/analytics/rooms/${roomId}/peers/${alice.id}/telemetry`)).telemetry.length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    // Bob's page goes away without a goodbye: an event for the log.
    await contexts[1]!.close();
    await expect
      .poll(async () => (await get(`/analytics/events?roomId=${roomId}&type=peer-dropped`)).events.length, { timeout: 15_000 })
      .toBe(1);
    const before = {
      telemetry: (await get(`/analytics/rooms/${roomId}/peers/${alice.id}/telemetry`)).telemetry,
      events: (await get(`/analytics/events?roomId=${roomId}`)).events,
    };
    await contexts[0]!.close();

    await stop(server);
    server = startServer();
    await waitHealthy();

    const after = await get(`/analytics/rooms/${roomId}/peers/${alice.id}/telemetry`);
    expect(after.telemetry.length).toBeGreaterThanOrEqual(before.telemetry.length);
    expect(after.telemetry.slice(-before.telemetry.length)).toEqual(before.telemetry);
    expect(after.telemetry[0]).toMatchObject({ nodeId: 'restart-node', roomId, peerId: alice.id });
    const events = (await get(`/analytics/events?roomId=${roomId}`)).events;
    for (const event of before.events) expect(events).toContainEqual(event);
    // The room has ended, yet its sessions and a departed peer's page remain readable.
    const { sessions } = await get(`/analytics/rooms/${roomId}/sessions`);
    expect(sessions.map((s: { displayName: string }) => s.displayName).sort()).toEqual(['Alice', 'Bob']);
    expect(sessions.every((s: { leftAt: string | null; nodeId: string }) => s.leftAt !== null && s.nodeId === 'restart-node')).toBe(true);
    const past = await get(`/analytics/rooms/${roomId}/peers/${alice.id}`);
    expect(past).toMatchObject({ live: false, displayName: 'Alice' });
    expect(past.telemetry.length).toBeGreaterThan(0);
    const { rooms } = await get('/analytics/history/rooms');
    expect(rooms.map((r: { id: string }) => r.id)).toContain(roomId);
  } finally {
    await stop(server);
  }
});
