/*
 * Hardening of the signaling layer (issue 8) against a real Socket.IO server
 * on loopback and real mediasoup workers: sockets per address, throttled
 * client-caused warnings, and the batch requests' checks and cost.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack, ConsumeBatchItem, JoinRoomResult } from '@/lib/protocol';
import { BATCH_MAX_ITEMS } from '@/lib/protocol';
import { loadConfig, type AppConfig } from '@/server/config';
import { log } from '@/server/log';
import { loopbackSettings, useSfuHarness } from '@/server/sfu/testing/sfuHarness';
import { startSignaling, type SignalingServer } from './testing/signalingHarness';

// server/log reads LOG_LEVEL when first imported (above, for the spies): keep per-peer info lines out of the output.
vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'warn';
});

const SETTINGS = loopbackSettings();

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 1, rtcMinPort: 46200, rtcMaxPort: 46299 });

const BASE_ENV = { NODE_ENV: 'test', STUN_URLS: '', JOIN_RATE_PER_MINUTE: '600' } as const;

function configWith(env: Record<string, string>, limits: Partial<AppConfig['limits']> = {}): AppConfig {
  const config = loadConfig({ ...BASE_ENV, ...env } as unknown as NodeJS.ProcessEnv);
  return { ...config, limits: { ...config.limits, ...limits } };
}

let server: SignalingServer | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = null;
});

async function start(config: AppConfig): Promise<SignalingServer> {
  server = await startSignaling(sfu.registry, config);
  return server;
}

function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`request failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

const warnLines = (spy: { mock: { calls: unknown[][] } }, message: string) => spy.mock.calls.filter((call) => call[1] === message);

describe('sockets per address', () => {
  it('refuses the socket over the cap with a clear connect_error and admits one again after a disconnect', async () => {
    const s = await start(configWith({ MAX_SOCKETS_PER_IP: '3' }));
    const open = await Promise.all([s.open(), s.open(), s.open()]);
    expect(open.every((socket) => socket.connected)).toBe(true);

    const refused = await s.open().then(
      () => null,
      (error: Error) => error,
    );
    expect(refused?.message).toMatch(/Too many connections from your address \(at most 3\)/);

    open[0]!.disconnect();
    // The server counts the disconnect as soon as it sees it; until then a new socket is still refused.
    await expect
      .poll(() => s.open().then((socket) => socket.connected, () => false), { timeout: 5000, interval: 100 })
      .toBe(true);
    await expect(s.open()).rejects.toThrow(/Too many connections/);
  });

  it('has no cap at 0 (behind a reverse proxy every socket has its address)', async () => {
    const s = await start(configWith({ MAX_SOCKETS_PER_IP: '0' }));
    const sockets = await Promise.all(Array.from({ length: 60 }, () => s.open()));
    expect(sockets.every((socket) => socket.connected)).toBe(true);
  });
});

describe('client-caused warnings', () => {
  it('logs a few lines per socket and in all, answers every unknown event, and reports the rest once', async () => {
    const warn = vi.spyOn(log, 'warn');
    const windowMs = 400;
    const s = await start(configWith({}, { clientWarnings: { perSocket: 3, total: 8, windowMs } }));
    const [a, b, c] = await Promise.all([s.open(), s.open(), s.open()]);

    const flood = (socket: Socket, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => socket.timeout(5000).emitWithAck(`no-such-event-${i}`, {})));
    const answers = await flood(a, 40);
    expect(answers).toHaveLength(40);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    expect(warnLines(warn, 'unknown event')).toHaveLength(3);

    // Requests without an acknowledgement; the acknowledged one after them proves they were all handled.
    for (let i = 0; i < 10; i++) b.emit('send-chat', { text: 'no ack' });
    expect(await b.timeout(5000).emitWithAck('leave-room', {})).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
    expect(warnLines(warn, 'request without acknowledgement ignored')).toHaveLength(3);

    // The total cap: 6 lines so far, so the third socket gets only 2.
    await flood(c, 10);
    expect(warnLines(warn, 'unknown event')).toHaveLength(5);

    await expect.poll(() => warnLines(warn, 'suppressed 52 client warnings').length, { timeout: windowMs * 5 }).toBe(1);
    expect(warnLines(warn, 'suppressed 52 client warnings')[0]![2]).toMatchObject({ suppressed: 52, sockets: 3 });
    expect(warn.mock.calls.filter((call) => String(call[1]).startsWith('suppressed'))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- batch requests

function audioRtp(ssrc: number) {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    encodings: [{ ssrc }],
  };
}

function videoRtp(ssrc: number) {
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }] }],
    encodings: [{ ssrc }],
  };
}

let nextSsrc = 1000;

interface TestPeer {
  socket: Socket;
  joined: JoinRoomResult;
}

async function joinAs(s: SignalingServer, roomId: string, displayName: string): Promise<TestPeer> {
  const socket = await s.open();
  return { socket, joined: data(await s.ask(socket, 'join-room', { roomId, displayName })) };
}

/** A send transport and producers with made-up RTP parameters: enough for consumers, no media needed. */
async function publish(s: SignalingServer, peer: TestPeer, sources: ('mic' | 'camera')[]): Promise<string[]> {
  const send = data(await s.ask(peer.socket, 'create-webrtc-transport', { direction: 'send' }));
  const ids: string[] = [];
  for (const source of sources) {
    const kind = source === 'mic' ? 'audio' : 'video';
    const rtpParameters = kind === 'audio' ? audioRtp(nextSsrc++) : videoRtp(nextSsrc++);
    ids.push(data(await s.ask(peer.socket, 'produce', { transportId: send.id, kind, source, rtpParameters })).id);
  }
  return ids;
}

async function recvTransport(s: SignalingServer, peer: TestPeer): Promise<string> {
  return data(await s.ask(peer.socket, 'create-webrtc-transport', { direction: 'recv' })).id;
}

const failures = (results: ConsumeBatchItem[]) => results.map((r) => (r.ok ? 'ok' : r.error.code));

describe('consume-batch and resume-consumers', () => {
  it('check every item like the single request: only this room\'s producers, only the caller\'s consumers', async () => {
    const s = await start(configWith({}));
    const alice = await joinAs(s, 'batch-room', 'Alice');
    const [aliceMic, aliceCam] = await publish(s, alice, ['mic', 'camera']);
    const eve = await joinAs(s, 'batch-other-room', 'Eve');
    const [eveMic] = await publish(s, eve, ['mic']);
    const bob = await joinAs(s, 'batch-room', 'Bob');
    const [bobMic] = await publish(s, bob, ['mic']);
    const carol = await joinAs(s, 'batch-room', 'Carol');
    const bobRecv = await recvTransport(s, bob);
    const carolRecv = await recvTransport(s, carol);
    const rtpCapabilities = bob.joined.routerRtpCapabilities;

    const asked = [aliceMic!, aliceCam!, eveMic!, bobMic!, 'no-such-producer'];
    const { results } = data(await s.ask(bob.socket, 'consume-batch', { transportId: bobRecv, rtpCapabilities, producerIds: asked }));
    // In the order asked; another room's producer and the caller's own are "not found", as for `consume`.
    expect(failures(results)).toEqual(['ok', 'ok', 'not_found', 'not_found', 'not_found']);
    expect(results.map((r) => (r.ok ? r.data.producerId : r.producerId))).toEqual(asked);
    const bobConsumers = results.flatMap((r) => (r.ok ? [r.data.id] : []));

    // Asked again: each is refused as a duplicate, as a second `consume` would be.
    const again = data(await s.ask(bob.socket, 'consume-batch', { transportId: bobRecv, rtpCapabilities, producerIds: [aliceMic!, aliceCam!] }));
    expect(failures(again.results)).toEqual(['limit_exceeded', 'limit_exceeded']);
    // Someone else's transport is "not found" for every item.
    const foreign = data(await s.ask(bob.socket, 'consume-batch', { transportId: carolRecv, rtpCapabilities, producerIds: [bobMic!] }));
    expect(failures(foreign.results)).toEqual(['not_found']);

    const carolConsumer = data(await s.ask(carol.socket, 'consume', { transportId: carolRecv, producerId: aliceMic!, rtpCapabilities })).id;
    const resumed = data(await s.ask(bob.socket, 'resume-consumers', { consumerIds: [...bobConsumers, carolConsumer] }));
    expect(resumed.results).toEqual([
      { ok: true, consumerId: bobConsumers[0] },
      { ok: true, consumerId: bobConsumers[1] },
      { ok: false, consumerId: carolConsumer, error: expect.objectContaining({ code: 'not_found' }) },
    ]);
    const room = sfu.registry.get('batch-room')!;
    const consumerPaused = (peerId: string) => Object.fromEntries(room.getPeer(peerId)!.snapshot().consumers.map((c) => [c.id, c.paused]));
    expect(consumerPaused(bob.joined.peerId)).toEqual({ [bobConsumers[0]!]: false, [bobConsumers[1]!]: false });
    // Carol's consumer was not Bob's to resume.
    expect(consumerPaused(carol.joined.peerId)).toEqual({ [carolConsumer]: true });
  });

  it('refuse empty, duplicate and oversized id lists, and calls before joining', async () => {
    const s = await start(configWith({}));
    const bob = await joinAs(s, 'batch-shape-room', 'Bob');
    const transportId = await recvTransport(s, bob);
    const rtpCapabilities = bob.joined.routerRtpCapabilities;
    const consumeBatch = (producerIds: string[]) => s.ask(bob.socket, 'consume-batch', { transportId, rtpCapabilities, producerIds });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `producer-${i}`);
    expect(await consumeBatch([])).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await consumeBatch(['same', 'same'])).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await consumeBatch(ids(BATCH_MAX_ITEMS + 1))).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await s.ask(bob.socket, 'resume-consumers', { consumerIds: ['x', 'x'] })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const stranger = await s.open();
    expect(await s.ask(stranger, 'resume-consumers', { consumerIds: ['x'] })).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
  });

  it('cost a request per ten items, so a batch is no way around the request budget', async () => {
    // No refill: what is spent stays spent, whatever the test's pace.
    const s = await start(configWith({}, { requestBurst: 25, requestsPerSecond: 0 }));
    const bob = await joinAs(s, 'batch-cost-room', 'Bob');
    const transportId = await recvTransport(s, bob);
    const producerIds = Array.from({ length: BATCH_MAX_ITEMS }, (_, i) => `producer-${i}`);
    const batch = () => s.ask(bob.socket, 'consume-batch', { transportId, rtpCapabilities: bob.joined.routerRtpCapabilities, producerIds });
    // 2 spent; each full batch costs 1 + 10.
    const first = data(await batch());
    expect(first.results.every((r) => !r.ok && r.error.code === 'not_found')).toBe(true);
    expect((await batch()).ok).toBe(true);
    // 24 spent: the next batch is refused as a whole, and so is the next single request.
    expect(await batch()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await s.ask(bob.socket, 'resume-consumer', { consumerId: 'x' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});

describe("a consumer's score and layers", () => {
  it("go to the consumer's own peer only, not to the rest of the room", async () => {
    const s = await start(configWith({}));
    const [alice, bob, carol] = [await s.open(), await s.open(), await s.open()];
    const joined = await Promise.all(
      (
        [
          [alice, 'Alice'],
          [bob, 'Bob'],
          [carol, 'Carol'],
        ] as const
      ).map(async ([socket, name]) => data(await s.ask(socket, 'join-room', { roomId: 'score-room', displayName: name }))),
    );
    const heard = new Map<string, string[]>();
    for (const [name, socket] of [['Alice', alice], ['Bob', bob], ['Carol', carol]] as const) {
      heard.set(name, []);
      for (const event of ['consumer-score', 'consumer-layers-changed'] as const) socket.on(event, () => heard.get(name)!.push(event));
    }
    // The SFU side of Bob's consumer reports, as mediasoup's 'score' and 'layerschange' make it do.
    // (emit is protected: only the Peer itself reports; the test stands in for its consumer.)
    const bobPeer = sfu.registry.get('score-room')!.getPeer(joined[1]!.peerId)! as unknown as { emit(event: string, data: unknown): void };
    bobPeer.emit('consumer-score', { consumerId: 'c1', kind: 'video', score: 7, producerScore: 9 });
    bobPeer.emit('consumer-layers-changed', { consumerId: 'c1', layers: { spatialLayer: 1, temporalLayer: 0 } });
    // A chat message after them, delivered to everyone, marks that the events had their chance to arrive.
    const delivered = Promise.all([alice, carol].map((socket) => new Promise((resolve) => socket.once('chat-message', resolve))));
    data(await s.ask(bob, 'send-chat', { text: 'sync' }));
    await delivered;
    expect(heard.get('Bob')).toEqual(['consumer-score', 'consumer-layers-changed']);
    expect(heard.get('Alice')).toEqual([]);
    expect(heard.get('Carol')).toEqual([]);
  });
});
