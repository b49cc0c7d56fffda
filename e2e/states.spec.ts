import { expect, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { joinAs, tile, uniqueRoomId } from './helpers';

test('a full room says so and lets the person try again', async ({ page, baseURL }) => {
  const roomId = uniqueRoomId('full');
  const sockets: Socket[] = [];
  for (let i = 0; i < 4; i++) {
    const socket = io(baseURL!, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const joined = await socket.timeout(5000).emitWithAck('join-room', { roomId, displayName: `Seat ${i + 1}` });
    expect(joined.ok).toBe(true);
  }

  await page.goto(`/room/${roomId}`);
  await page.getByLabel('Your name').fill('Late Larry');
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This room is full' })).toBeVisible();

  sockets.pop()!.close();
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible();
  for (const socket of sockets) socket.close();
});

test('with camera and microphone denied the person can still join, shown muted with the camera off', async ({ browser }) => {
  const roomId = uniqueRoomId('denied');
  const alice = await joinAs(browser, roomId, 'Alice');

  // Dana clicks "Block": Chromium then rejects getUserMedia with NotAllowedError. Its fake-media
  // flags (which every other test needs) auto-accept the prompt, so the refusal is reproduced here.
  const context = await browser.newContext();
  await context.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  const page = await context.newPage();

  await page.goto(`/room/${roomId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'access was denied' })).toBeVisible();
  await page.getByLabel('Your name').fill('Dana');
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible();

  await expect(tile(alice.page, 'Dana').getByRole('img', { name: 'Dana is muted' })).toBeVisible();
  await expect(tile(alice.page, 'Dana').getByRole('img', { name: "Dana's camera is off" })).toBeVisible();
  await expect(tile(page, 'Alice')).toBeVisible();
  // Dana's own buttons agree with what the others see: off, marked blocked, saying how to allow them.
  for (const device of ['Microphone', 'Camera']) {
    const button = page.getByRole('button', { name: new RegExp(`^${device} blocked: allow it in your browser's site settings`) });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(page.getByRole('button', { name: 'Mute microphone' })).toHaveCount(0);

  await context.close();
  await alice.close();
});

test('a server that cannot be reached is said in plain words, and the join is retried by itself', async ({ page }) => {
  const roomId = uniqueRoomId('offline');
  await page.goto(`/room/${roomId}`);
  await page.getByLabel('Your name').fill('Olive');
  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  const problem = page.getByRole('alert').filter({ hasText: "Can't reach the meeting server" });
  await expect(problem).toBeVisible();
  await expect(problem).not.toContainText(/websocket|xhr|transport/i);
  await expect(problem.getByText(/Trying again in \d+ s/)).toBeVisible();
  await expect(problem.getByRole('button', { name: 'Try now' })).toBeVisible();

  // The network comes back; nobody clicks anything.
  await page.context().setOffline(false);
  await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible({ timeout: 20_000 });
  await expect(problem).toHaveCount(0);
});
