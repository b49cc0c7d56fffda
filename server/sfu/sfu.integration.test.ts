/*
 * Integration tests of the SFU layer against real mediasoup workers: room
 * placement, limits, consume rules, close cascades (checked against
 * mediasoup's own object counts) and worker death.
 * testing/sfuHarness loads the workers (and says why it loads them lazily).
 */
import type { types } from 'mediasoup';
import { describe, expect, it, vi } from 'vitest';
import { AppError, type ErrorCode, type MediaSource, type ProducerInfo } from '@/lib/protocol';
import type { Peer } from './Peer';
import type { Room } from './Room';
import { expectRejects, loopbackSettings, useSfuHarness } from './testing/sfuHarness';

const SETTINGS = loopbackSettings({
  maxIncomingBitrate: 1_500_000,
  maxPeersPerRoom: 2,
  peerLimits: { maxProducers: 3 },
});

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 2, rtcMinPort: 42000, rtcMaxPort: 42999 });

// ---------------------------------------------------------------- helpers

function expectThrows(fn: () => unknown, code: ErrorCode): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

function audioRtp(ssrc: number): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    encodings: [{ ssrc }],
  };
}

function simulcastVideoRtp(firstSsrc: number): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 101,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    encodings: [0, 1, 2].map((i) => ({ ssrc: firstSsrc + i, scalabilityMode: 'L1T3' })),
  };
}

let ssrcSeed = 10_000_000;

async function produce(peer: Peer, transportId: string, source: MediaSource): Promise<ProducerInfo> {
  ssrcSeed += 10;
  const kind: types.MediaKind = source === 'mic' || source === 'screen-audio' ? 'audio' : 'video';
  return peer.produce({
    transportId,
    kind,
    source,
    rtpParameters: kind === 'audio' ? audioRtp(ssrcSeed) : simulcastVideoRtp(ssrcSeed),
  });
}

/** Alice publishes mic + camera on a send transport; Bob has a recv transport to consume them. */
async function publisherAndViewer(roomId: string) {
  const room = await sfu.registry.getOrCreate(roomId);
  const alice = room.addPeer({ id: `${roomId}-alice`, displayName: 'Alice' });
  const bob = room.addPeer({ id: `${roomId}-bob`, displayName: 'Bob' });
  const aliceSend = await alice.createTransport('send');
  const bobRecv = await bob.createTransport('recv');
  const mic = await produce(alice, aliceSend.id, 'mic');
  const camera = await produce(alice, aliceSend.id, 'camera');
  return { room, alice, bob, aliceSend, bobRecv, mic, camera };
}

// ------------------------------------------------------------------ tests

describe('WorkerPool + MediasoupCounters', () => {
  it('starts two live workers that the sfu.counters saw', () => {
    expect(sfu.pool.size).toBe(2);
    expect(sfu.pool.workers().map((w) => w.alive)).toEqual([true, true]);
    expect(new Set(sfu.pool.workers().map((w) => w.pid)).size).toBe(2);
    expect(sfu.counters.counts.workers).toBe(2);
  });
});

describe('RoomRegistry.getOrCreate', () => {
  it('gives two concurrent first joins the same room and one router', async () => {
    const routersBefore = sfu.counters.counts.routers;
    const [a, b] = await Promise.all([sfu.registry.getOrCreate('concurrent'), sfu.registry.getOrCreate('concurrent')]);
    expect(a).toBe(b);
    expect(sfu.registry.rooms()).toEqual([a]);
    expect(sfu.counters.counts.routers).toBe(routersBefore + 1);
  });

  it('places each new room on the least-loaded worker', async () => {
    expect(sfu.registry.workerLoads()).toEqual([
      { index: 0, load: 0 },
      { index: 1, load: 0 },
    ]);
    const first = await sfu.registry.getOrCreate('load-a');
    expect(first.workerIndex).toBe(0); // tie: lowest index
    first.addPeer({ id: 'load-a1', displayName: 'A1' });
    first.addPeer({ id: 'load-a2', displayName: 'A2' });

    const second = await sfu.registry.getOrCreate('load-b');
    expect(second.workerIndex).toBe(1);
    expect(sfu.registry.workerLoads()).toEqual([
      { index: 0, load: 2 },
      { index: 1, load: 1 }, // an empty room counts one
    ]);

    // Round-robin would go back to worker 0; least-loaded stays on 1.
    const third = await sfu.registry.getOrCreate('load-c');
    expect(third.workerIndex).toBe(1);
    expect(sfu.registry.workerLoads()).toEqual([
      { index: 0, load: 2 },
      { index: 1, load: 2 },
    ]);
  });

  it('closes a room and drops it from the sfu.registry when its last peer leaves', async () => {
    const room = await sfu.registry.getOrCreate('last-leaves');
    const onClose = vi.fn();
    room.on('close', onClose);
    const a = room.addPeer({ id: 'll-a', displayName: 'A' });
    const b = room.addPeer({ id: 'll-b', displayName: 'B' });

    a.close();
    expect(room.closed).toBe(false);
    expect(sfu.registry.get('last-leaves')).toBe(room);

    const routersBefore = sfu.counters.counts.routers;
    b.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(room.closed).toBe(true);
    expect(sfu.registry.get('last-leaves')).toBeUndefined();
    expect(sfu.registry.rooms()).not.toContain(room);
    expect(sfu.counters.counts.routers).toBe(routersBefore - 1);

    const again = await sfu.registry.getOrCreate('last-leaves');
    expect(again).not.toBe(room);
    expect(again.closed).toBe(false);
  });
});

describe('Room.addPeer', () => {
  it("refuses a peer past maxPeers with 'room_full'", async () => {
    const room = await sfu.registry.getOrCreate('full');
    const a = room.addPeer({ id: 'full-a', displayName: 'A' });
    room.addPeer({ id: 'full-b', displayName: 'B' });
    expectThrows(() => room.addPeer({ id: 'full-c', displayName: 'C' }), 'room_full');
    expect(room.peerCount).toBe(2);
    expect(room.getPeer('full-c')).toBeUndefined();

    a.close();
    expect(room.addPeer({ id: 'full-c', displayName: 'C' }).id).toBe('full-c');
    expect(room.peerCount).toBe(2);
  });
});

describe('Peer limits', () => {
  it("refuses a 5th transport with 'limit_exceeded'", async () => {
    const room = await sfu.registry.getOrCreate('limits-transports');
    const peer = room.addPeer({ id: 'lt', displayName: 'LT' });
    const transportsBefore = sfu.counters.counts.transports;
    for (const direction of ['send', 'recv', 'send', 'recv'] as const) await peer.createTransport(direction);
    await expectRejects(peer.createTransport('send'), 'limit_exceeded');
    expect(peer.snapshot().transports).toHaveLength(4);
    expect(sfu.counters.counts.transports).toBe(transportsBefore + 4);
  });

  it("refuses to produce on a receive transport with 'invalid_payload'", async () => {
    const room = await sfu.registry.getOrCreate('limits-recv');
    const peer = room.addPeer({ id: 'lr', displayName: 'LR' });
    const recv = await peer.createTransport('recv');
    await expectRejects(produce(peer, recv.id, 'mic'), 'invalid_payload');
    expect(peer.producerInfos()).toEqual([]);
  });

  it("refuses a second producer of the same source with 'limit_exceeded'", async () => {
    const room = await sfu.registry.getOrCreate('limits-source');
    const peer = room.addPeer({ id: 'ls', displayName: 'LS' });
    const send = await peer.createTransport('send');
    const mic = await produce(peer, send.id, 'mic');
    expect(mic.kind).toBe('audio');
    await expectRejects(produce(peer, send.id, 'mic'), 'limit_exceeded');
    expect(peer.producerInfos().map((p) => p.id)).toEqual([mic.id]);
    // Another source is still fine.
    const camera = await produce(peer, send.id, 'camera');
    expect(peer.snapshot().producers.find((p) => p.id === camera.id)?.type).toBe('simulcast');
  });
});

describe('Room.consume', () => {
  it("answers 'not_found' for your own producer and for an unknown id", async () => {
    const { room, alice, bob, mic, bobRecv } = await publisherAndViewer('consume-missing');
    const aliceRecv = await alice.createTransport('recv');
    const caps = room.rtpCapabilities;
    await expectRejects(room.consume(alice, { transportId: aliceRecv.id, producerId: mic.id, rtpCapabilities: caps }), 'not_found');
    await expectRejects(
      room.consume(bob, { transportId: bobRecv.id, producerId: '00000000-0000-4000-8000-000000000000', rtpCapabilities: caps }),
      'not_found',
    );
    expect(bob.snapshot().consumers).toEqual([]);
  });

  it('gives a paused consumer of another peer, which resumeConsumer resumes', async () => {
    const { room, bob, bobRecv, mic } = await publisherAndViewer('consume-paused');
    const consumer = await room.consume(bob, { transportId: bobRecv.id, producerId: mic.id, rtpCapabilities: room.rtpCapabilities });
    expect(consumer.producerId).toBe(mic.id);
    expect(consumer.kind).toBe('audio');
    const serverView = () => bob.snapshot().consumers.find((c) => c.id === consumer.id);
    expect(serverView()?.paused).toBe(true);
    await bob.resumeConsumer(consumer.id);
    expect(serverView()?.paused).toBe(false);
  });

  it("sets preferred layers on a simulcast consumer, and refuses them on audio with 'invalid_payload'", async () => {
    const { room, bob, bobRecv, mic, camera } = await publisherAndViewer('consume-layers');
    const caps = room.rtpCapabilities;
    const video = await room.consume(bob, { transportId: bobRecv.id, producerId: camera.id, rtpCapabilities: caps });
    const serverView = (id: string) => bob.snapshot().consumers.find((c) => c.id === id);
    expect(serverView(video.id)?.type).toBe('simulcast');
    await bob.setPreferredLayers(video.id, 1, 1);
    expect(serverView(video.id)?.preferredLayers).toEqual({ spatialLayer: 1, temporalLayer: 1 });

    const audio = await room.consume(bob, { transportId: bobRecv.id, producerId: mic.id, rtpCapabilities: caps });
    expect(serverView(audio.id)?.type).toBe('simple');
    await expectRejects(bob.setPreferredLayers(audio.id, 0, 0), 'invalid_payload');
  });

  it("refuses a second consumer of the same producer with 'limit_exceeded'", async () => {
    const { room, bob, bobRecv, camera } = await publisherAndViewer('consume-dup');
    const request = { transportId: bobRecv.id, producerId: camera.id, rtpCapabilities: room.rtpCapabilities };
    const consumersBefore = sfu.counters.counts.consumers;
    await room.consume(bob, request);
    await expectRejects(room.consume(bob, request), 'limit_exceeded');
    expect(bob.snapshot().consumers).toHaveLength(1);
    expect(sfu.counters.counts.consumers).toBe(consumersBefore + 1);
  });
});

describe('close cascades', () => {
  it('closing the producing peer closes its consumers elsewhere and leaks nothing', async () => {
    const room = await sfu.registry.getOrCreate('cascade');
    const before = sfu.counters.counts;

    const alice = room.addPeer({ id: 'cascade-alice', displayName: 'Alice' });
    const bob = room.addPeer({ id: 'cascade-bob', displayName: 'Bob' });
    const aliceSend = await alice.createTransport('send');
    await alice.createTransport('recv');
    const bobRecv = await bob.createTransport('recv');
    const mic = await produce(alice, aliceSend.id, 'mic');
    const camera = await produce(alice, aliceSend.id, 'camera');
    const caps = room.rtpCapabilities;
    const c1 = await room.consume(bob, { transportId: bobRecv.id, producerId: mic.id, rtpCapabilities: caps });
    const c2 = await room.consume(bob, { transportId: bobRecv.id, producerId: camera.id, rtpCapabilities: caps });
    expect(sfu.counters.counts).toEqual({ ...before, transports: before.transports + 3, producers: before.producers + 2, consumers: before.consumers + 2 });

    const consumerClosed = vi.fn();
    bob.on('consumer-closed', consumerClosed);
    const peerRemoved = vi.fn();
    room.on('peer-removed', peerRemoved);

    alice.close();
    expect(alice.closed).toBe(true);
    expect(room.getPeer(alice.id)).toBeUndefined();
    expect(peerRemoved).toHaveBeenCalledWith(alice, 'closed');
    await vi.waitFor(() => expect(consumerClosed).toHaveBeenCalledTimes(2), { timeout: 3000 });
    expect(consumerClosed.mock.calls.map(([data]) => data).sort((x, y) => x.consumerId.localeCompare(y.consumerId))).toEqual(
      [
        { consumerId: c1.id, producerId: mic.id, cause: 'producer-closed' },
        { consumerId: c2.id, producerId: camera.id, cause: 'producer-closed' },
      ].sort((x, y) => x.consumerId.localeCompare(y.consumerId)),
    );
    expect(bob.snapshot().consumers).toEqual([]);
    // Only Bob's recv transport is left.
    expect(sfu.counters.counts).toEqual({ ...before, transports: before.transports + 1 });

    // Closing again is harmless: no error, no second 'close', nothing changes.
    const closedAgain = vi.fn();
    alice.on('close', closedAgain);
    expect(() => alice.close()).not.toThrow();
    expect(closedAgain).not.toHaveBeenCalled();
    expect(peerRemoved).toHaveBeenCalledTimes(1);
    expect(room.closed).toBe(false);

    bob.close();
    expect(room.closed).toBe(true);
    expect(sfu.registry.get('cascade')).toBeUndefined();
    expect(sfu.counters.counts).toEqual({ ...before, routers: before.routers - 1 });
    const roomClosedAgain = vi.fn();
    room.on('close', roomClosedAgain);
    expect(() => bob.close()).not.toThrow();
    expect(() => room.close()).not.toThrow();
    expect(roomClosedAgain).not.toHaveBeenCalled();
    expect(sfu.counters.counts).toEqual({ ...before, routers: before.routers - 1 });
    await expectRejects(bob.createTransport('recv'), 'not_in_room');
  });
});

describe('WebRtcServer mode', () => {
  it('puts every transport of a worker on that worker\'s one WebRtcServer port', { timeout: 20_000 }, async () => {
    const { WorkerPool } = await import('./WorkerPool');
    const base = 43100;
    const serverPool = await WorkerPool.create({
      numWorkers: 2,
      logLevel: 'warn',
      rtcMinPort: 43200,
      rtcMaxPort: 43299,
      listenIp: '127.0.0.1',
      announcedIp: undefined,
      webRtcServerPort: base,
    });
    try {
      expect([0, 1].map((i) => serverPool.slot(i).webRtcServer !== undefined)).toEqual([true, true]);
      const serverRegistry = sfu.createRegistry(serverPool, SETTINGS);
      const first = await serverRegistry.getOrCreate('webrtcserver-a');
      const second = await serverRegistry.getOrCreate('webrtcserver-b');
      const portsOf = async (room: Room, peerId: string) => {
        const peer = room.addPeer({ id: peerId, displayName: peerId });
        const transports = [await peer.createTransport('send'), await peer.createTransport('recv')];
        return new Set(transports.flatMap((t) => t.iceCandidates.map((c) => c.port)));
      };
      expect([...(await portsOf(first, 'a'))]).toEqual([base + first.workerIndex]);
      expect([...(await portsOf(second, 'b'))]).toEqual([base + second.workerIndex]);
      serverRegistry.closeAll();
    } finally {
      serverPool.close();
    }
  });
});

// Last: it replaces a worker of the shared sfu.pool.
describe('worker death', () => {
  it('closes the rooms on a killed worker and replaces the worker', { timeout: 20_000 }, async () => {
    const doomed = await sfu.registry.getOrCreate('doomed');
    const survivor = await sfu.registry.getOrCreate('survivor');
    expect(survivor.workerIndex).not.toBe(doomed.workerIndex);
    const peer = doomed.addPeer({ id: 'doomed-peer', displayName: 'D' });
    await peer.createTransport('send');

    const index = doomed.workerIndex;
    const oldWorker = sfu.pool.slot(index).worker;
    const oldPid = oldWorker.pid;
    const died = vi.fn();
    sfu.pool.on('worker-died', died);
    const closed = new Promise<void>((resolve) => doomed.once('close', () => resolve()));

    process.kill(oldPid, 'SIGKILL');
    await closed;
    expect(died).toHaveBeenCalledWith({ index, pid: oldPid, error: expect.any(String) });
    expect(oldWorker.died).toBe(true);
    expect(doomed.closed).toBe(true);
    expect(peer.closed).toBe(true);
    expect(sfu.registry.get('doomed')).toBeUndefined();
    expect(survivor.closed).toBe(false);
    expect(sfu.registry.get('survivor')).toBe(survivor);

    await vi.waitFor(() => expect(sfu.pool.slot(index).worker.pid).not.toBe(oldPid), { timeout: 15_000, interval: 50 });
    const replacement = sfu.pool.slot(index).worker;
    expect(replacement.closed).toBe(false);
    expect(sfu.counters.counts.workers).toBe(2);

    // The replaced slot is the least loaded now, and it works.
    const reborn = await sfu.registry.getOrCreate('reborn');
    expect(reborn.workerIndex).toBe(index);
    expect(reborn.snapshot().workerPid).toBe(replacement.pid);
    const p = reborn.addPeer({ id: 'reborn-peer', displayName: 'R' });
    const send = await p.createTransport('send');
    const mic = await produce(p, send.id, 'mic');
    expect(p.snapshot().producers.map((x) => x.id)).toEqual([mic.id]);
  });

  it('places a join made before the dead worker is replaced on a live worker', { timeout: 20_000 }, async () => {
    const doomed = await sfu.registry.getOrCreate('crash');
    const index = doomed.workerIndex;
    const oldPid = sfu.pool.slot(index).worker.pid;
    const closed = new Promise<void>((resolve) => doomed.once('close', () => resolve()));
    process.kill(oldPid, 'SIGKILL');
    await closed;

    // A client rejoining as soon as its room closes: the emptied (dead) worker looks least loaded.
    const rejoined = await sfu.registry.getOrCreate('crash');
    expect(rejoined).not.toBe(doomed);
    expect(rejoined.snapshot().workerPid).not.toBe(oldPid);
    expect(sfu.pool.slot(rejoined.workerIndex).worker.closed).toBe(false);
    const peer = rejoined.addPeer({ id: 'crash-peer', displayName: 'C' });
    expect((await peer.createTransport('recv')).id).toEqual(expect.any(String));

    await vi.waitFor(() => expect(sfu.pool.slot(index).worker.pid).not.toBe(oldPid), { timeout: 15_000, interval: 50 });
  });
});

describe('analytics sources: stats, labels, late objects, failed joins', () => {
  it('answers getStats() as plain data for transports, producers and consumers', async () => {
    const { room, alice, bob, aliceSend, bobRecv, camera } = await publisherAndViewer('stats');
    const consumer = await room.consume(bob, { transportId: bobRecv.id, producerId: camera.id, rtpCapabilities: room.rtpCapabilities });
    expect(alice.statsTargets()).toEqual({ transports: [aliceSend.id], producers: expect.arrayContaining([camera.id]), consumers: [] });
    const transport = await alice.transportStats(aliceSend.id);
    expect(transport).toMatchObject({ transportId: aliceSend.id, bytesReceived: 0, iceState: 'new', dtlsState: 'new', iceSelectedTuple: null });
    // No RTP has arrived: mediasoup reports no streams yet for the producer.
    expect(await alice.producerStats(camera.id)).toEqual([]);
    const outbound = await bob.consumerStats(consumer.id);
    expect(outbound).toMatchObject({ packetCount: 0, byteCount: 0, kind: 'video', mimeType: 'video/VP8' });
    expect(JSON.parse(JSON.stringify(outbound))).toEqual(outbound);
    // Ids of another peer's objects are simply unknown here.
    expect(await bob.transportStats(aliceSend.id)).toBeUndefined();
    expect(await bob.producerStats(camera.id)).toBeUndefined();
    expect(bob.consumerSnapshot(consumer.id)).toMatchObject({ id: consumer.id, paused: true, producerId: camera.id });
  });

  it('counts live objects by type and kind from mediasoup observers', async () => {
    const before = sfu.counters.labeled;
    const { room, bob, bobRecv, camera, mic } = await publisherAndViewer('labels');
    await room.consume(bob, { transportId: bobRecv.id, producerId: camera.id, rtpCapabilities: room.rtpCapabilities });
    await room.consume(bob, { transportId: bobRecv.id, producerId: mic.id, rtpCapabilities: room.rtpCapabilities });
    const after = sfu.counters.labeled;
    const grew = (a: Record<string, number>, b: Record<string, number>, key: string) => (b[key] ?? 0) - (a[key] ?? 0);
    expect(grew(before.transports, after.transports, 'webrtc')).toBe(2);
    expect(grew(before.producers, after.producers, 'video:simulcast')).toBe(1);
    expect(grew(before.producers, after.producers, 'audio:simple')).toBe(1);
    expect(grew(before.consumers, after.consumers, 'video:simulcast')).toBe(1);
    expect(grew(before.consumers, after.consumers, 'audio:simple')).toBe(1);
    room.close();
    expect(sfu.counters.labeled.consumers['video:simulcast'] ?? 0).toBe(before.consumers['video:simulcast'] ?? 0);
  });

  it('closes a producer or consumer at once when its peer left while the worker made it', async () => {
    const { room, alice, bob, aliceSend, bobRecv, camera } = await publisherAndViewer('late');
    const before = sfu.counters.counts;
    const producing = produce(alice, aliceSend.id, 'screen');
    const consuming = room.consume(bob, { transportId: bobRecv.id, producerId: camera.id, rtpCapabilities: room.rtpCapabilities });
    alice.close('left');
    bob.close('left');
    await expectRejects(producing, 'not_in_room');
    await expectRejects(consuming, 'not_in_room');
    await vi.waitFor(() => expect(sfu.counters.counts.producers).toBe(before.producers - 2));
    expect(sfu.counters.counts.consumers).toBe(before.consumers);
    expect(sfu.counters.counts.transports).toBe(before.transports - 2);
  });

  it('tells why a peer ended and reports transport state changes as plain data', async () => {
    const room = await sfu.registry.getOrCreate('reasons');
    const peer = room.addPeer({ id: 'reasons-a', displayName: 'A', userAgent: 'TestAgent/1' });
    expect(peer.snapshot().userAgent).toBe('TestAgent/1');
    const removed = vi.fn();
    room.on('peer-removed', removed);
    peer.close('disconnected: ping timeout');
    expect(removed).toHaveBeenCalledWith(peer, 'disconnected: ping timeout');
  });

  it('closes a room that a failed join left empty, and only then', async () => {
    const room = await sfu.registry.getOrCreate('failed-join');
    const routers = sfu.counters.counts.routers;
    sfu.registry.closeIfEmpty(room);
    expect(room.closed).toBe(true);
    expect(sfu.registry.get('failed-join')).toBeUndefined();
    expect(sfu.counters.counts.routers).toBe(routers - 1);
    const busy = await sfu.registry.getOrCreate('busy-join');
    busy.addPeer({ id: 'busy-a', displayName: 'A' });
    sfu.registry.closeIfEmpty(busy);
    expect(busy.closed).toBe(false);
  });
});
