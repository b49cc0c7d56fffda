import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { E2E_ADMIN_TOKEN, E2E_PORT } from '../playwright.config';
import { uniqueRoomId } from './helpers';

/*
 * The `podium-stats` bin as a person runs it: a child process against the
 * real server, with a real participant in a real room.
 */

const REPO = path.resolve(__dirname, '..');
const BASE_URL = `http://localhost:${E2E_PORT}`;
const PEER_NAME = 'Cli Watcher';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function podiumStats(args: string[]): Promise<Run> {
  // A clean environment: only the flags say where to connect and with which token.
  const env = { ...process.env };
  delete env.ADMIN_TOKEN;
  delete env.PODIUM_URL;
  const child = spawn(process.execPath, ['bin/podium-stats.mjs', ...args], { cwd: REPO, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`podium-stats ${args.join(' ')} did not exit within 30 s`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const asAdmin = (...args: string[]) => podiumStats([...args, '--url', BASE_URL, '--token', E2E_ADMIN_TOKEN]);

async function unusedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test.describe('podium-stats against the running server', () => {
  const roomId = uniqueRoomId('cli');
  let peer: Socket;

  test.beforeAll(async () => {
    // A participant without a browser: joining and opening a transport is enough to make the room.
    peer = io(BASE_URL, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      peer.once('connect', () => resolve());
      peer.once('connect_error', reject);
    });
    const joined = await peer.timeout(5000).emitWithAck('join-room', { roomId, displayName: PEER_NAME });
    expect(joined.ok).toBe(true);
    expect((await peer.timeout(5000).emitWithAck('create-webrtc-transport', { direction: 'recv' })).ok).toBe(true);
  });

  test.afterAll(() => {
    peer?.close();
  });

  test('rooms prints the room', async () => {
    const run = await asAdmin('rooms');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(roomId);
  });

  test('rooms --json parses and holds the room with its peer', async () => {
    const run = await asAdmin('rooms', '--json');
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { rooms: { id: string; peerCount: number }[] };
    expect(body.rooms.find((r) => r.id === roomId)).toMatchObject({ id: roomId, peerCount: 1 });
  });

  test('all <id> prints the room and the peer', async () => {
    const run = await asAdmin('all', roomId);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(roomId);
    expect(run.stdout).toContain(PEER_NAME);
    for (const section of ['Peers', 'Producers', 'Consumers']) expect(run.stdout).toMatch(new RegExp(`^${section}$`, 'm'));
  });

  test('all <id> --json combines the room, its producers and its consumers', async () => {
    const run = await asAdmin('all', roomId, '--json');
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.room.id).toBe(roomId);
    expect(body.room.peers.map((p: { displayName: string }) => p.displayName)).toEqual([PEER_NAME]);
    expect(body.producers).toEqual([]);
    expect(body.consumers).toEqual([]);
  });

  test('an unknown room exits non-zero with the server message', async () => {
    const run = await asAdmin('room', `${roomId}-missing`);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${roomId}-missing`);
  });

  test('a wrong token exits non-zero with one line about the token', async () => {
    const run = await podiumStats(['rooms', '--url', BASE_URL, '--token', 'not-the-admin-token']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/token/i);
    expect(run.stderr).not.toContain(roomId);
  });
});

test('an unreachable server exits non-zero with one line naming the URL', async () => {
  const url = `http://127.0.0.1:${await unusedLoopbackPort()}`;
  const run = await podiumStats(['server', '--url', url, '--token', E2E_ADMIN_TOKEN]);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(url);
  expect(run.stderr).toContain('--url');
});
