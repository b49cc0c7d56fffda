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

  await context.close();
  await alice.close();
});
