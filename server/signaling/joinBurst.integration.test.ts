/*
 * A newcomer in a 50-person room must fit the per-socket request budget
 * (issue 8). Real signaling and real workers; every participant runs the
 * app's own client modules (createTransport, LocalPublisher, RemoteMedia) on
 * mediasoup-client's FakeHandler, which negotiates like a browser but sends
 * no media. The budget gets no refill here, so the burst alone must carry the
 * join: what is measured is the number of requests, not how fast they go.
 */
import { Device, FakeHandler, testFakeParameters } from 'mediasoup-client';
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import type { Socket } from 'socket.io-client';
import { afterEach, expect, it, vi } from 'vitest';
import type { JoinRoomResult } from '@/lib/protocol';
import { pickSpatialLayer } from '@/lib/simulcast';
import { LocalPublisher } from '@/client/LocalPublisher';
import { RemoteMedia } from '@/client/RemoteMedia';
import { request, type ClientSocket } from '@/client/signalingClient';
import { createTransport } from '@/client/transports';
import { loadConfig } from '@/server/config';
import { loopbackSettings, useSfuHarness } from '@/server/sfu/testing/sfuHarness';
import { startSignaling, type SignalingServer } from './testing/signalingHarness';

vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'warn';
});

const OTHERS = 49;
const ROOM = 'join-burst';

const SETTINGS = loopbackSettings({
  // The 49 and the newcomer, plus the single-request newcomer that shows the old way does not fit.
  maxPeersPerRoom: OTHERS + 2,
  // The fake handler never completes DTLS.
  peerLimits: { dtlsConnectTimeoutMs: 0 },
});

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 1, rtcMinPort: 46300, rtcMaxPort: 46499 });

const base = loadConfig({ NODE_ENV: 'test', STUN_URLS: '', JOIN_RATE_PER_MINUTE: '600', MAX_SOCKETS_PER_IP: '100' } as unknown as NodeJS.ProcessEnv);
const config = { ...base, limits: { ...base.limits, requestsPerSecond: 0 } };

let server: SignalingServer | null = null;
afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  server = null;
});

function fakeDevice(): Device {
  return new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) });
}

const track = (kind: 'audio' | 'video') => new FakeMediaStreamTrack({ kind }) as unknown as MediaStreamTrack;

/** What CallClient does on joining: join, load the device, both transports. */
async function enter(socket: Socket, displayName: string, onError: (message: string, error: unknown) => void) {
  const client = socket as unknown as ClientSocket;
  const joined: JoinRoomResult = await request(client, 'join-room', { roomId: ROOM, displayName });
  const device = fakeDevice();
  await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
  const [send, recv] = await Promise.all([
    createTransport(client, device, 'send', [], onError),
    createTransport(client, device, 'recv', [], onError),
  ]);
  return { client, joined, device, send, recv, publisher: new LocalPublisher(client, device, send) };
}

async function publisher(s: SignalingServer, i: number): Promise<void> {
  const fail = (message: string, error: unknown) => {
    throw new Error(`publisher ${i}: ${message}: ${String(error)}`);
  };
  const { publisher } = await enter(await s.open(), `Peer ${i}`, fail);
  await publisher.publish('mic', track('audio'));
  await publisher.publish('camera', track('video'));
}

/** Requests a socket sent, by name. */
function recordRequests(socket: Socket): Map<string, number> {
  const sent = new Map<string, number>();
  socket.onAnyOutgoing((name: string) => sent.set(name, (sent.get(name) ?? 0) + 1));
  return sent;
}

it('lets a newcomer in a room of 49 publishers consume, resume and size every stream within the burst', async () => {
  const s = (server = await startSignaling(sfu.registry, config));
  for (let i = 0; i < OTHERS; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, OTHERS - i) }, (_, k) => publisher(s, i + k)));
  }
  const room = sfu.registry.get(ROOM)!;
  expect(room.peers().flatMap((p) => p.producerInfos())).toHaveLength(OTHERS * 2);

  const socket = await s.open();
  const sent = recordRequests(socket);
  const errors: string[] = [];
  const onError = (message: string, error: unknown) => errors.push(`${message}: ${error instanceof Error ? error.message : String(error)}`);
  const { joined, device, publisher: own, recv } = await enter(socket, 'Newcomer', onError);
  const remote = new RemoteMedia(socket as unknown as ClientSocket, device, recv, onError);
  // As CallClient: every producer of the room at once, and the own tracks.
  const consuming = joined.peers.flatMap((peer) => peer.producers.map((p) => remote.add(p)));
  await Promise.all([...consuming, own.publish('mic', track('audio')), own.publish('camera', track('video'))]);

  // Then the grid reports every tile's size, and the layers follow.
  vi.stubGlobal('window', { devicePixelRatio: 1 });
  const tile = { width: 640, height: 360 };
  for (const peer of joined.peers) remote.setTileSize(peer.id, 'camera', tile.width, tile.height);
  const newcomer = () => room.getPeer(joined.peerId)!.snapshot();
  const wanted = pickSpatialLayer({ ...tile, pixelRatio: 1 });
  await expect
    .poll(() => newcomer().consumers.filter((c) => c.kind === 'video' && c.preferredLayers?.spatialLayer === wanted).length, { timeout: 10_000 })
    .toBe(OTHERS);

  expect(errors).toEqual([]);
  const consumers = newcomer().consumers;
  expect(consumers).toHaveLength(OTHERS * 2);
  expect(consumers.filter((c) => c.paused)).toEqual([]);
  expect(newcomer().producers).toHaveLength(2);
  // One batch each way, in place of two requests per producer.
  expect(sent.get('consume-batch')).toBe(1);
  expect(sent.get('resume-consumers')).toBe(1);
  expect(sent.has('consume')).toBe(false);
  expect(sent.has('resume-consumer')).toBe(false);
  expect(sent.get('set-preferred-layers')).toBe(OTHERS);
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  console.log(`newcomer-requests ${total} ${JSON.stringify(Object.fromEntries(sent))}`);
  // Batch items cost a tenth each on top (server/signaling/batch.ts); no refill, yet nothing was refused.
  expect(total).toBeLessThanOrEqual(config.limits.requestBurst);

  // The way it was: consume and resume-consumer for each producer. It runs out of budget.
  const single = await s.open();
  const asked = (name: string, payload: unknown) => single.timeout(10_000).emitWithAck(name, payload) as Promise<{ ok: boolean; error?: { code: string } }>;
  const singleJoin = (await asked('join-room', { roomId: ROOM, displayName: 'Old client' })) as unknown as { ok: true; data: JoinRoomResult };
  const transport = (await asked('create-webrtc-transport', { direction: 'recv' })) as unknown as { ok: true; data: { id: string } };
  const rtpCapabilities = singleJoin.data.routerRtpCapabilities;
  const answers = await Promise.all(
    joined.peers
      .flatMap((peer) => peer.producers)
      .map(async (p) => {
        const consumed = (await asked('consume', { transportId: transport.data.id, producerId: p.id, rtpCapabilities })) as unknown as
          | { ok: true; data: { id: string } }
          | { ok: false; error: { code: string } };
        if (!consumed.ok) return consumed.error.code;
        const resumed = await asked('resume-consumer', { consumerId: consumed.data.id });
        return resumed.ok ? 'ok' : resumed.error!.code;
      }),
  );
  expect(answers).toContain('rate_limited');
}, 90_000);
