import { expect, test } from '@playwright/test';
import { io } from 'socket.io-client';
import { E2E_ADMIN_TOKEN } from '../playwright.config';

function handshake(baseURL: string, options: Parameters<typeof io>[1]): Promise<string> {
  const socket = io(baseURL, { transports: ['websocket'], reconnection: false, ...options });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(`refused: ${error.message}`);
    });
  });
}

test('the signaling handshake checks the admin token and the page origin', async ({ baseURL }) => {
  expect(await handshake(baseURL!, { auth: { adminToken: 'guess' } })).toBe('refused: Invalid admin token');
  expect(await handshake(baseURL!, { auth: { adminToken: E2E_ADMIN_TOKEN } })).toBe('connected');
  expect(await handshake(baseURL!, {})).toBe('connected');
  expect(await handshake(baseURL!, { extraHeaders: { Origin: 'https://evil.example' } })).toMatch(/^refused/);
  expect(await handshake(baseURL!, { extraHeaders: { Origin: baseURL! } })).toBe('connected');
});

test('the analytics API wants the admin token and answers errors as JSON', async ({ request }) => {
  const none = await request.get('/analytics/rooms');
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe('unauthorized');

  const wrong = await request.get('/analytics/rooms', { headers: { Authorization: 'Bearer guess' } });
  expect(wrong.status()).toBe(403);
  expect((await wrong.json()).error.code).toBe('forbidden');

  const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
  const missing = await request.get('/analytics/rooms/no-such-room', { headers: admin });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toEqual({ code: 'not_found', message: 'Room no-such-room not found' });

  const metrics = await request.get('/metrics', { headers: admin });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/^mediasoup_workers\{node="[^"]+"\} 2$/m);

  // ICE servers are for participants only (the granted case is in turn.spec.ts).
  const ice = await request.get('/api/ice-servers');
  expect(ice.status()).toBe(401);
  expect((await ice.json()).error.code).toBe('unauthorized');
  const iceGuess = await request.get('/api/ice-servers', { headers: { Authorization: 'Bearer guess' } });
  expect(iceGuess.status()).toBe(403);
  expect((await iceGuess.json()).error.code).toBe('forbidden');
});
