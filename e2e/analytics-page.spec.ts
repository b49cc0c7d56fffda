import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatLayers } from '../lib/analytics/format';
import { E2E_ADMIN_TOKEN } from '../playwright.config';
import { adminGet, connectSocket, joinAs, signInToAnalytics, stallSocket, uniqueRoomId } from './helpers';

/*
 * The admin analytics page in a real browser against the real server: the
 * sign-in round trip, then a live call seen from the page, with numbers that
 * must match what the REST API says and a mute that shows without a reload.
 */

type Json = any;
const SHOTS = '/tmp/analytics-shots';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const { width } = page.viewportSize()!;
  await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
}

test('sign-in: /analytics asks for the token, refuses a wrong one, lets the right one in, signs out', async ({ page, context }) => {
  await page.goto('/analytics');
  await expect(page).toHaveURL(/\/analytics\/sign-in$/);
  const token = page.getByLabel('Admin token');
  await expect(token).toHaveAttribute('type', 'password');

  await token.fill('not-the-admin-token-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/analytics\/sign-in\?error=wrong-token$/);
  const refusal = page.getByRole('alert').filter({ hasText: 'That admin token is not right' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('ADMIN_TOKEN');

  await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  await expect(page.getByRole('status', { name: 'Live' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'mediasoup workers' }).locator('tbody tr').first()).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/analytics\/sign-in\?signed-out=1$/);
  await expect(page.getByText('Signed out.')).toBeVisible();
  await page.goto('/analytics');
  await expect(page).toHaveURL(/\/analytics\/sign-in$/);
});

test('a live call on the page: the room, its peers, producers and consumers as the server counts them, a mute without reload', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const roomId = uniqueRoomId('page');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInToAnalytics(page);

  // The overview lists the room live.
  const roomRow = page.getByRole('table', { name: 'Live rooms' }).locator(`tr[data-room-id="${roomId}"]`);
  await expect(roomRow).toBeVisible();
  await expect(page.getByRole('status', { name: 'Live' })).toBeVisible();
  await shoot(page, 'overview');

  // Drill down: both peers, mic + camera each, each consuming the other's two.
  await roomRow.getByRole('link', { name: roomId }).click();
  await expect(page).toHaveURL(new RegExp(`\\?room=${roomId}$`));
  const peers = page.getByRole('table', { name: 'Peers in this room' });
  await expect(peers.getByRole('link', { name: 'Alice' })).toBeVisible();
  await expect(peers.getByRole('link', { name: 'Bob' })).toBeVisible();
  const producers = page.getByRole('table', { name: 'Producers in this room: what each peer sends' });
  const consumers = page.getByRole('table', { name: 'Consumers in this room: what each peer receives' });
  await expect(producers.locator('tbody tr')).toHaveCount(4);
  await expect(consumers.locator('tbody tr')).toHaveCount(4);

  // A video consumer's score and layers on the page are the server's.
  await expect
    .poll(
      async () => {
        const { consumers: list } = await adminGet(request, `/analytics/rooms/${roomId}/consumers`);
        const video = list.find((c: Json) => c.kind === 'video' && c.currentLayers);
        if (!video) return 'no video consumer with layers yet';
        const row = consumers.locator(`tr[data-consumer-id="${video.id}"]`);
        const shown = {
          score: await row.locator('[data-field="score"]').innerText(),
          current: await row.locator('[data-field="current-layers"]').innerText(),
          preferred: await row.locator('[data-field="preferred-layers"]').innerText(),
          producerScores: await row.locator('[data-field="producer-scores"]').innerText(),
        };
        const server = {
          score: String(video.score),
          current: formatLayers(video.currentLayers),
          preferred: formatLayers(video.preferredLayers),
          producerScores: video.producerScores.join(' / '),
        };
        return JSON.stringify(shown) === JSON.stringify(server) ? 'same' : `page ${JSON.stringify(shown)} vs server ${JSON.stringify(server)}`;
      },
      { timeout: 20_000 },
    )
    .toBe('same');
  await expect(page.getByRole('status', { name: 'Live' })).toBeVisible();
  await shoot(page, 'room');

  // Alice mutes: her mic producer shows paused, pushed, no reload.
  const { producers: list } = await adminGet(request, `/analytics/rooms/${roomId}/producers`);
  const mic = list.find((p: Json) => p.peerName === 'Alice' && p.source === 'mic');
  const micRow = producers.locator(`tr[data-producer-id="${mic.id}"]`);
  await expect(micRow).toContainText('Sending');
  await alice.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(micRow).toContainText('Paused', { timeout: 5_000 });
  expect((await adminGet(request, `/analytics/rooms/${roomId}/producers/${mic.id}`)).paused).toBe(true);

  // One peer's page: its two transports, connected.
  await peers.getByRole('link', { name: 'Alice' }).click();
  const transports = page.getByRole('table', { name: "This peer's WebRTC transports" });
  await expect(transports.locator('tbody tr')).toHaveCount(2);
  await expect(transports.locator('tbody tr').first()).toContainText(/connected|completed/);
  await page.goBack();
  await expect(peers).toBeVisible();

  // The phone-sized page: the same views, tables scrolling sideways.
  await page.setViewportSize({ width: 390, height: 800 });
  await shoot(page, 'room');
  await page.goto('/analytics');
  await expect(roomRow).toBeVisible();
  await shoot(page, 'overview');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Everyone leaves: the watched room says it ended.
  await page.goto(`/analytics?room=${roomId}`);
  await expect(peers.getByRole('link', { name: 'Bob' })).toBeVisible();
  await alice.page.getByRole('button', { name: 'Leave meeting' }).click();
  await bob.page.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Room ended' })).toBeVisible({ timeout: 15_000 });
  await alice.close();
  await bob.close();
});

test('a peer whose network dies mid-call appears on the open events page as a drop, pushed without a reload', async ({
  browser,
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const roomId = uniqueRoomId('pagedrop');
  const alice = await joinAs(browser, roomId, 'Alice');
  const ghost = await connectSocket(baseURL!);
  const joined = await ghost.timeout(5000).emitWithAck('join-room', { roomId, displayName: 'Ghost' });
  expect(joined.ok).toBe(true);

  await signInToAnalytics(page);
  await page.goto(`/analytics?tab=events&room=${roomId}`);
  const log = page.getByRole('table', { name: 'Events, newest first' });
  const drop = log.locator('tr[data-event-type="peer-dropped"]');
  // Watching before the drop: the row must arrive by push, not by loading the page.
  await expect(page.getByRole('status', { name: 'Live' })).toBeVisible();
  await expect(drop).toHaveCount(0);

  stallSocket(ghost);
  // Heartbeat (~8 s) plus the resume grace period (15 s).
  await expect(drop).toHaveCount(1, { timeout: 35_000 });
  await expect(drop).toContainText('Ghost');
  await expect(drop).toContainText('ping timeout');
  await expect(drop.getByRole('link', { name: roomId })).toBeVisible();
  await shoot(page, 'events');

  ghost.close();
  await alice.close();
});
