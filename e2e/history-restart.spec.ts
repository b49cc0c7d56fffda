import { expect, test } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { uniqueRoomId } from './helpers';
import { removeDatabase, startServer } from './serverProcess';

/*
 * History outlives the process: telemetry, events and sessions written by
 * one server run are read back by the next. This test runs its own server
 * (its own port and database) so it can stop and start it.
 */

const PORT = 3107;
const BASE = `http://localhost:${PORT}`;
const DB = 'data/e2e-restart.db';
const headers = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

const startRestartServer = () =>
  startServer({ port: PORT, database: DB, rtcPorts: { min: 45000, max: 45499 }, env: { NODE_ID: 'restart-node', RESUME_GRACE_MS: '1000' } });

const get = async (path: string) => {
  const response = await fetch(`${BASE}${path}`, { headers });
  expect(response.status, path).toBe(200);
  return response.json();
};

test('telemetry, events and sessions are still there after a restart', async ({ browser }) => {
  test.setTimeout(150_000);
  removeDatabase(DB);
  let server = startRestartServer();
  try {
    await server.waitHealthy();
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
    // Bob's network dies, and he is not back within the (1 s) grace period: an event for the log.
    await contexts[1]!.setOffline(true);
    await expect
      .poll(async () => (await get(`/analytics/events?roomId=${roomId}&type=peer-dropped`)).events.length, { timeout: 30_000 })
      .toBe(1);
    await contexts[1]!.close();
    const before = {
      telemetry: (await get(`/analytics/rooms/${roomId}/peers/${alice.id}/telemetry`)).telemetry,
      events: (await get(`/analytics/events?roomId=${roomId}`)).events,
    };
    await contexts[0]!.close();

    await server.stop();
    server = startRestartServer();
    await server.waitHealthy();

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
    await server.stop();
  }
});
