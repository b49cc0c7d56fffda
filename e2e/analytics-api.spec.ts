import { expect, test, type APIRequestContext } from '@playwright/test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { adminGet, adminHeaders, cameraVideo, connectSocket, stallSocket, expectDecoding, joinAs, peerIdOf, uniqueRoomId } from './helpers';

/*
 * The analytics REST API and /metrics against real calls: what the numbers
 * say must be what the participants do.
 */

type Json = any;
const room = (request: APIRequestContext, roomId: string): Promise<Json> => adminGet(request, `/analytics/rooms/${roomId}`);

test('REST answers what two participants do: counts, layers, bitrates, a mute, telemetry', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const roomId = uniqueRoomId('analytics');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  const aliceId = await peerIdOf(bob.page, 'Alice');

  // Counts: 2 peers, each with a send and a receive transport, mic + camera, and 2 consumers.
  await expect
    .poll(async () => {
      const r = await room(request, roomId);
      return [r.peerCount, r.transportCount, r.producerCount, r.consumerCount];
    })
    .toEqual([2, 4, 4, 4]);

  const detail = await room(request, roomId);
  for (const peer of detail.peers) {
    expect(peer.userAgent).toContain('Chrome');
    expect(peer.connectionState).toBe('connected');
  }
  expect(detail.peers.map((p: Json) => p.displayName).sort()).toEqual(['Alice', 'Bob']);

  // Alice's camera: VP8 simulcast, three layers measured with bitrate and score, consumed by Bob.
  await expect
    .poll(async () => {
      const { producers } = await adminGet(request, `/analytics/rooms/${roomId}/producers`);
      const camera = producers.find((p: Json) => p.peerId === aliceId && p.source === 'camera');
      return camera?.layers.filter((l: Json) => l.bitrate > 0 && l.score > 0).length ?? 0;
    }, { timeout: 20_000 })
    .toBe(3);
  const { producers } = await adminGet(request, `/analytics/rooms/${roomId}/producers`);
  const camera = producers.find((p: Json) => p.peerId === aliceId && p.source === 'camera');
  expect(camera).toMatchObject({ kind: 'video', type: 'simulcast', codec: 'video/VP8', paused: false, peerName: 'Alice' });
  expect(camera.layers.map((l: Json) => l.spatialLayer)).toEqual([0, 1, 2]);
  expect(camera.bitrate).toBe(camera.layers.reduce((sum: number, l: Json) => sum + l.bitrate, 0));
  expect(camera.consumersPerLayer.reduce((a: number, b: number) => a + b, 0)).toBe(1);
  const one = await adminGet(request, `/analytics/rooms/${roomId}/producers/${camera.id}`);
  expect(one.id).toBe(camera.id);

  // Bob's consumer of that camera: bitrate from the SFU, layers current and preferred.
  await expect
    .poll(async () => {
      const { consumers } = await adminGet(request, `/analytics/rooms/${roomId}/consumers`);
      return consumers.find((c: Json) => c.producerId === camera.id)?.bitrate ?? 0;
    }, { timeout: 20_000 })
    .toBeGreaterThan(0);
  const { consumers } = await adminGet(request, `/analytics/rooms/${roomId}/consumers`);
  const bobsView = consumers.find((c: Json) => c.producerId === camera.id);
  expect(bobsView).toMatchObject({ peerName: 'Bob', producerPeerName: 'Alice', paused: false, producerPaused: false });
  expect(bobsView.currentLayers).not.toBeNull();
  expect(bobsView.producerScores).toHaveLength(3);
  expect((await adminGet(request, `/analytics/rooms/${roomId}/consumers/${bobsView.id}`)).id).toBe(bobsView.id);

  // The node: workers with CPU % from deltas and memory, and the bitrate through it.
  await expect.poll(async () => (await adminGet(request, '/analytics/server')).workers.every((w: Json) => w.cpuPercent !== null)).toBe(true);
  const server = await adminGet(request, '/analytics/server');
  expect(server.workers.length).toBeGreaterThan(0);
  for (const w of server.workers) {
    expect(w.pid).toBeGreaterThan(0);
    expect(w.memoryKb).toBeGreaterThan(1000);
    expect(w.cpuPercent).toBeGreaterThanOrEqual(0);
  }
  expect(server.workers.reduce((n: number, w: Json) => n + w.consumers, 0)).toBeGreaterThanOrEqual(4);
  expect(server.bitrate.inbound).toBeGreaterThan(100_000);
  expect(server.bitrate.outbound).toBeGreaterThan(100_000);
  expect(server.series.t.length).toBeGreaterThan(0);

  // A mute is the producer paused on the server, and Bob's consumer sees it paused at the producer.
  await alice.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect
    .poll(async () => {
      const { producers: now } = await adminGet(request, `/analytics/rooms/${roomId}/producers`);
      const { consumers: cons } = await adminGet(request, `/analytics/rooms/${roomId}/consumers`);
      const mic = now.find((p: Json) => p.peerId === aliceId && p.source === 'mic');
      return [mic?.paused, cons.find((c: Json) => c.producerId === mic?.id)?.producerPaused];
    }, { timeout: 2_000 })
    .toEqual([true, true]);

  // Telemetry: 10 s windows per participant, upstream and downstream, newest first. A stream
  // counts from its second sample, so the second window is the first full one.
  await expect
    .poll(async () => (await adminGet(request, `/analytics/rooms/${roomId}/peers/${aliceId}`)).telemetry.length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(4);
  const peer = await adminGet(request, `/analytics/rooms/${roomId}/peers/${aliceId}`);
  expect(peer.live).toBe(true);
  expect(peer.transports.map((t: Json) => t.direction).sort()).toEqual(['recv', 'send']);
  const send = peer.transports.find((t: Json) => t.direction === 'send');
  expect(send).toMatchObject({ iceState: expect.stringMatching(/connected|completed/), dtlsState: 'connected' });
  // The server listens on 127.0.0.1 (playwright.config.ts); the browser's side is whichever host address it picked.
  expect(send.iceSelectedTuple).toMatchObject({ localIp: '127.0.0.1', protocol: 'udp', remoteIp: expect.stringMatching(/^[\d.:a-f]+$/) });
  const up = peer.telemetry.find((s: Json) => s.direction === 'upstream');
  const down = peer.telemetry.find((s: Json) => s.direction === 'downstream');
  expect(up.bitrate).toBeGreaterThan(100_000);
  expect(up.packets).toBeGreaterThan(0);
  expect(down.bitrate).toBeGreaterThan(50_000);
  expect(up.windowMs).toBeGreaterThan(5000);
  const times = peer.telemetry.map((s: Json) => Date.parse(s.at));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  const stored = await adminGet(request, `/analytics/rooms/${roomId}/peers/${aliceId}/telemetry`);
  expect(stored.telemetry.length).toBeGreaterThanOrEqual(1);

  // The join funnel of both sessions: connected, sent and received media.
  const { sessions } = await adminGet(request, `/analytics/rooms/${roomId}/sessions`);
  expect(sessions).toHaveLength(2);
  for (const s of sessions) {
    expect(s.transportsConnectedMs).toBeGreaterThan(0);
    expect(s.firstMediaSentMs).toBeGreaterThan(0);
    expect(s.firstMediaReceivedMs).toBeGreaterThan(0);
  }
  const funnel = await adminGet(request, '/analytics/funnel');
  const received = funnel.stages.find((s: Json) => s.stage === 'media-received');
  expect(received.count).toBeGreaterThanOrEqual(2);

  await Promise.all([alice.close(), bob.close()]);
});

test('/metrics parses as Prometheus text, matches the server, and carries no ids', async ({ browser, request }) => {
  const roomId = uniqueRoomId('metrics');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expect.poll(async () => (await room(request, roomId)).consumerCount).toBe(4);

  const response = await request.get('/metrics', { headers: adminHeaders });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/plain');
  const text = await response.text();
  const families: Json[] = parsePrometheusTextFormat(text);
  const byName = new Map(families.map((f) => [f.name, f]));
  const sum = (name: string) => (byName.get(name)?.metrics ?? []).reduce((n: number, m: Json) => n + Number(m.value), 0);
  const server = await adminGet(request, '/analytics/server');
  for (const name of ['mediasoup_workers', 'mediasoup_routers', 'mediasoup_transports', 'mediasoup_producers', 'mediasoup_consumers']) {
    expect(byName.has(name), name).toBe(true);
  }
  expect(sum('mediasoup_consumers')).toBe(server.totals.consumers);
  expect(sum('mediasoup_producers')).toBe(server.totals.producers);
  expect(sum('mediasoup_workers')).toBe(server.totals.workers);
  expect([...byName.keys()].some((n) => n.startsWith('nodejs_eventloop_lag'))).toBe(true);
  expect([...byName.keys()].some((n) => n.startsWith('nodejs_heap'))).toBe(true);

  // Low cardinality: no label value is a room, peer, producer or consumer id.
  const ids = new Set<string>([roomId]);
  const detail = await room(request, roomId);
  for (const x of [...detail.peers, ...detail.producers, ...detail.consumers]) ids.add(x.id);
  const labelValues = families.flatMap((f) => f.metrics.flatMap((m: Json) => Object.values(m.labels ?? {})));
  for (const value of labelValues) expect(ids.has(String(value)), `label value ${value}`).toBe(false);
  // The parser drops the labels of labelled histograms, so the raw text is checked too.
  for (const id of ids) expect(text.includes(id), `id ${id} in /metrics`).toBe(false);
  expect(labelValues.some((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(String(v)))).toBe(false);

  await Promise.all([alice.close(), bob.close()]);
});

test('a peer killed mid-call is a drop event once its grace period ends, filterable by room and type', async ({ browser, request, baseURL }) => {
  const roomId = uniqueRoomId('drop');
  const alice = await joinAs(browser, roomId, 'Alice');
  const ghost = await connectSocket(baseURL!);
  const joined = await ghost.timeout(5000).emitWithAck('join-room', { roomId, displayName: 'Ghost' });
  expect(joined.ok).toBe(true);
  const killedAt = Date.now();
  // The network under it stops: no FIN, no close frame. Only the heartbeat notices.
  stallSocket(ghost);

  await expect
    .poll(async () => (await adminGet(request, `/analytics/events?roomId=${roomId}&type=peer-dropped`)).events.length, {
      // Heartbeat (~8 s) plus the resume grace period (15 s).
      timeout: 30_000,
    })
    .toBe(1);
  const { events } = await adminGet(request, `/analytics/events?roomId=${roomId}&type=peer-dropped`);
  expect(Date.parse(events[0].at) - killedAt).toBeLessThan(30_000);
  expect(events[0]).toMatchObject({ roomId, peerId: joined.data.peerId, peerName: 'Ghost', type: 'peer-dropped', severity: 'warning' });
  expect(events[0].cause).toContain('ping timeout');
  expect(events[0].data.connectedSeconds).toBeGreaterThanOrEqual(0);
  // Filters: another type, another room.
  expect((await adminGet(request, `/analytics/events?roomId=${roomId}&type=worker-died`)).events).toEqual([]);
  expect((await adminGet(request, `/analytics/events?roomId=${roomId}-other`)).events).toEqual([]);
  const bad = await request.get('/analytics/events?type=nonsense&limit=0', { headers: adminHeaders });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('invalid_payload');

  ghost.close();
  await alice.close();
});

/**
 * Every router mediasoup holds belongs to a live room and every peer counted is
 * in one. (Comparing with a count taken before the test would race the rooms
 * that earlier tests are still closing.)
 */
async function expectNoOrphans(request: APIRequestContext): Promise<void> {
  await expect
    .poll(async () => {
      const [{ totals }, { rooms }] = await Promise.all([adminGet(request, '/analytics/server'), adminGet(request, '/analytics/rooms')]);
      const roomPeers = rooms.reduce((sum: number, r: Json) => sum + r.peerCount, 0);
      return { routers: totals.routers - rooms.length, peers: totals.peers - roomPeers };
    })
    .toEqual({ routers: 0, peers: 0 });
}

test('50 parallel join-room requests from one socket join once and leave no room behind', async ({ request, baseURL }) => {
  const roomId = uniqueRoomId('parallel');
  const socket = await connectSocket(baseURL!);
  const acks = await Promise.all(
    Array.from({ length: 50 }, (_, i) => socket.timeout(10_000).emitWithAck('join-room', { roomId: `${roomId}-${i % 5}`, displayName: 'Racer' })),
  );
  expect(acks.filter((a) => a.ok)).toHaveLength(1);
  expect(new Set(acks.filter((a) => !a.ok).map((a) => a.error.code))).toEqual(new Set(['already_joined']));
  const { rooms } = await adminGet(request, '/analytics/rooms');
  expect(rooms.filter((r: Json) => r.id.startsWith(roomId))).toHaveLength(1);

  socket.close();
  await expect.poll(async () => (await adminGet(request, '/analytics/rooms')).rooms.filter((r: Json) => r.id.startsWith(roomId)).length).toBe(0);
  await expectNoOrphans(request);
});

test('a socket that disconnects in the middle of its join leaves no room or router behind', async ({ request, baseURL }) => {
  const roomId = uniqueRoomId('gone');
  for (let i = 0; i < 5; i++) {
    const socket = await connectSocket(baseURL!);
    socket.emit('join-room', { roomId: `${roomId}-${i}`, displayName: 'Leaver' }, () => {});
    socket.disconnect();
  }
  await expect.poll(async () => (await adminGet(request, '/analytics/rooms')).rooms.filter((r: Json) => r.id.startsWith(roomId)).length).toBe(0);
  await expectNoOrphans(request);
});

