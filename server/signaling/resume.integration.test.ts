/*
 * Session resume, second-tab replacement and chat history against real
 * signaling (Socket.IO server and clients on loopback) and a real mediasoup
 * worker: a lost socket keeps its peer for the grace period and resumes as the
 * same participant; past it, the peer and its objects are gone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/config';
import { loopbackSettings, useSfuHarness } from '@/server/sfu/testing/sfuHarness';
import type { Signaling } from './attachSignaling';

const SETTINGS = loopbackSettings();
const GRACE_MS = 600;

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 1, rtcMinPort: 44800, rtcMaxPort: 44899 });

type Ack<T = Record<string, unknown>> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
interface Joined {
  peerId: string;
  resumeToken: string;
  resumeGraceMs: number;
  chat: { text: string; peerId: string }[];
  peers: { id: string; reconnecting?: boolean }[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSignaling(): Promise<{ url: string; signaling: Signaling }> {
  const { attachSignaling } = await import('./attachSignaling');
  const config = loadConfig({ NODE_ENV: 'test', STUN_URLS: '', JOIN_RATE_PER_MINUTE: '600', RESUME_GRACE_MS: String(GRACE_MS) });
  const server = http.createServer();
  const signaling = attachSignaling(server, { config, rooms: sfu.registry, sessions: null, nodeId: 'resume-test' }, 'resume-test-admin-token-0123');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await signaling.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, signaling };
}

function open(url: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  cleanups.push(() => void socket.disconnect());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The connection drops without a goodbye, as when the network goes: the server sees 'transport close'. */
const vanish = (socket: Socket) => socket.io.engine.close();

const ask = <T>(socket: Socket, event: string, payload?: unknown) =>
  socket.timeout(10_000).emitWithAck(event, payload ?? {}) as Promise<Ack<T>>;

async function join(socket: Socket, roomId: string, displayName: string, identity?: string): Promise<Joined> {
  const answer = await ask<Joined>(socket, 'join-room', { roomId, displayName, ...(identity ? { identity } : {}) });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** Every notification of these names a socket receives, in order. */
type Seen = { name: string; data: { peerId?: string; peer?: { id: string } } };
function record(socket: Socket, names: string[]): Seen[] {
  const seen: Seen[] = [];
  for (const name of names) socket.on(name, (data) => seen.push({ name, data }));
  return seen;
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const liveCounts = () => {
  const { transports, producers, consumers } = sfu.counters.counts;
  return { transports, producers, consumers };
};

describe('session resume', () => {
  it('keeps a vanished peer for the grace period and resumes it as the same participant with its objects', async () => {
    const { url, signaling } = await startSignaling();
    const alice = await open(url);
    const bobFirst = await open(url);
    await join(alice, 'resume-room', 'Alice');
    const seen = record(alice, ['participant-reconnecting', 'participant-resumed', 'participant-left', 'participant-joined']);
    const bob = await join(bobFirst, 'resume-room', 'Bob');
    expect(bob.resumeGraceMs).toBe(GRACE_MS);
    const transport = await ask<{ id: string }>(bobFirst, 'create-webrtc-transport', { direction: 'recv' });
    expect(transport.ok).toBe(true);
    expect(signaling.participantCredential(bob.resumeToken)).toEqual({ peerId: bob.peerId, roomId: 'resume-room' });

    vanish(bobFirst);
    await until(() => seen.some((e) => e.name === 'participant-reconnecting'));
    // Alice's view of the room while Bob is away: still there, marked reconnecting.
    const carol = await open(url);
    const carolJoin = await join(carol, 'resume-room', 'Carol');
    expect(carolJoin.peers.find((p) => p.id === bob.peerId)).toMatchObject({ reconnecting: true });

    const bobAgain = await open(url);
    const resumed = await ask<{ peerId: string; transportIds: string[]; peers: { id: string }[] }>(bobAgain, 'resume-session', {
      resumeToken: bob.resumeToken,
    });
    expect(resumed.ok).toBe(true);
    if (!resumed.ok) return;
    expect(resumed.data.peerId).toBe(bob.peerId);
    expect(resumed.data.transportIds).toEqual([transport.ok && transport.data.id]);
    expect(resumed.data.peers.map((p) => p.id).sort()).toHaveLength(2);
    await until(() => seen.some((e) => e.name === 'participant-resumed'));

    // Well past the grace period: still in, never left.
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(seen.filter((e) => (e.data.peerId ?? e.data.peer?.id) === bob.peerId).map((e) => e.name)).toEqual([
      'participant-joined',
      'participant-reconnecting',
      'participant-resumed',
    ]);
    expect(sfu.registry.get('resume-room')?.peerCount).toBe(3);
    // A resumed participant works as before.
    expect((await ask(bobAgain, 'send-chat', { text: 'back' })).ok).toBe(true);
  });

  it('ends the peer, closing its objects, when it is not back within the grace period; the token no longer resumes', async () => {
    const { url, signaling } = await startSignaling();
    const before = liveCounts();
    const alice = await open(url);
    await join(alice, 'expire-room', 'Alice');
    const seen = record(alice, ['participant-reconnecting', 'participant-left']);
    const bobSocket = await open(url);
    const bob = await join(bobSocket, 'expire-room', 'Bob');
    expect((await ask(bobSocket, 'create-webrtc-transport', { direction: 'send' })).ok).toBe(true);
    expect((await ask(bobSocket, 'create-webrtc-transport', { direction: 'recv' })).ok).toBe(true);
    expect(liveCounts().transports).toBe(before.transports + 2);

    vanish(bobSocket);
    await until(() => seen.some((e) => e.name === 'participant-left'), GRACE_MS * 5);
    expect(seen.map((e) => e.name)).toEqual(['participant-reconnecting', 'participant-left']);
    expect(liveCounts()).toEqual(before);
    expect(signaling.participantCredential(bob.resumeToken)).toBeNull();

    const late = await open(url);
    const refused = await ask(late, 'resume-session', { resumeToken: bob.resumeToken });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A token never issued, and a malformed one.
    expect(await ask(late, 'resume-session', { resumeToken: 'x'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ask(late, 'resume-session', { resumeToken: 'bad token!' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('ends at once a participant whose client closes its own socket: it left on purpose', async () => {
    const { url } = await startSignaling();
    const before = liveCounts();
    const alice = await open(url);
    await join(alice, 'goodbye-room', 'Alice');
    const seen = record(alice, ['participant-reconnecting', 'participant-left']);
    const bobSocket = await open(url);
    await join(bobSocket, 'goodbye-room', 'Bob');
    expect((await ask(bobSocket, 'create-webrtc-transport', { direction: 'send' })).ok).toBe(true);
    bobSocket.disconnect();
    await until(() => seen.some((e) => e.name === 'participant-left'));
    expect(seen.map((e) => e.name)).toEqual(['participant-left']);
    expect(liveCounts()).toEqual(before);
  });

  it('takes over from a socket the server has not yet noticed is dead', async () => {
    const { url } = await startSignaling();
    const first = await open(url);
    const bob = await join(first, 'takeover-room', 'Bob');
    const second = await open(url);
    const resumed = await ask<{ peerId: string }>(second, 'resume-session', { resumeToken: bob.resumeToken });
    expect(resumed).toMatchObject({ ok: true, data: { peerId: bob.peerId } });
    await until(() => first.disconnected);
    expect(sfu.registry.get('takeover-room')?.peerCount).toBe(1);
    // The old socket closing must not end the participant that moved on.
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(sfu.registry.get('takeover-room')?.getPeer(bob.peerId)).toBeDefined();
  });

  it('leaves at once on leave-room: no grace period for a participant who said goodbye', async () => {
    const { url } = await startSignaling();
    const alice = await open(url);
    await join(alice, 'bye-room', 'Alice');
    const seen = record(alice, ['participant-reconnecting', 'participant-left']);
    const bobSocket = await open(url);
    const bob = await join(bobSocket, 'bye-room', 'Bob');
    expect((await ask(bobSocket, 'leave-room')).ok).toBe(true);
    await until(() => seen.length > 0);
    expect(seen.map((e) => e.name)).toEqual(['participant-left']);
    expect(await ask(bobSocket, 'resume-session', { resumeToken: bob.resumeToken })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('second tab and chat history', () => {
  it('replaces the older session of the same identity: it is told, and nobody sees it twice', async () => {
    const { url } = await startSignaling();
    const alice = await open(url);
    await join(alice, 'tabs-room', 'Alice');
    const seen = record(alice, ['participant-joined', 'participant-left']);
    const tabOne = await open(url);
    const replaced = record(tabOne, ['session-replaced']);
    const first = await join(tabOne, 'tabs-room', 'Bob', 'browser-identity-1');
    const tabTwo = await open(url);
    const second = await join(tabTwo, 'tabs-room', 'Bob', 'browser-identity-1');

    await until(() => replaced.length === 1 && seen.length === 3);
    expect(seen).toEqual([
      { name: 'participant-joined', data: expect.objectContaining({ peer: expect.objectContaining({ id: first.peerId }) }) },
      { name: 'participant-left', data: { peerId: first.peerId } },
      { name: 'participant-joined', data: expect.objectContaining({ peer: expect.objectContaining({ id: second.peerId }) }) },
    ]);
    const room = sfu.registry.get('tabs-room')!;
    expect(room.peers().map((p) => p.displayName).sort()).toEqual(['Alice', 'Bob']);
    // The second tab sees Alice only, not its own older self.
    expect(second.peers.map((p) => p.id)).not.toContain(first.peerId);
    // Another identity, or none, is another participant.
    const other = await open(url);
    await join(other, 'tabs-room', 'Bob', 'browser-identity-2');
    expect(room.peerCount).toBe(3);
  });

  it('gives a late joiner the meeting chat so far, oldest first', async () => {
    const { url } = await startSignaling();
    const alice = await open(url);
    const aliceJoin = await join(alice, 'chat-room', 'Alice');
    expect(aliceJoin.chat).toEqual([]);
    expect((await ask(alice, 'send-chat', { text: 'first' })).ok).toBe(true);
    expect((await ask(alice, 'send-chat', { text: 'second' })).ok).toBe(true);
    const bob = await open(url);
    const bobJoin = await join(bob, 'chat-room', 'Bob');
    expect(bobJoin.chat.map((m) => [m.text, m.peerId])).toEqual([
      ['first', aliceJoin.peerId],
      ['second', aliceJoin.peerId],
    ]);
    // Another room's chat is not this one's.
    const carol = await open(url);
    expect((await join(carol, 'chat-room-2', 'Carol')).chat).toEqual([]);
  });
});
