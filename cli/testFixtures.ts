import type {
  ConsumerView,
  PeerView,
  ProducerLayerView,
  ProducerView,
  RoomDetail,
  RoomSummary,
  ServerOverview,
  WorkerView,
} from '../lib/analytics/types';

/*
 * Analytics bodies for the CLI's tests, shaped by the contract types. Values
 * are derived from a seed so tests compare against the fixture, never against
 * numbers typed into the test.
 */

const iso = (msAgo: number, now: Date) => new Date(now.getTime() - msAgo).toISOString();

export function workerView(index: number): WorkerView {
  return {
    index,
    pid: 4000 + index * 17,
    alive: true,
    cpuPercent: 3.25 + index * 11.5,
    memoryKb: 24_576 + index * 2048,
    cpu: { userMs: 1200 + index, systemMs: 300 + index },
    rooms: index + 1,
    consumers: 2 + index * 3,
  };
}

export function serverOverview(now: Date): ServerOverview {
  return {
    nodeId: 'node-test',
    uptimeSeconds: 7_385,
    collectedAt: now.toISOString(),
    workers: [workerView(0), workerView(1)],
    totals: { workers: 2, routers: 3, rooms: 3, peers: 7, transports: 14, producers: 12, consumers: 21 },
    bitrate: { inbound: 3_456_789, outbound: 12_345_678 },
    series: { t: [], inboundBps: [], outboundBps: [], peers: [], consumers: [], workerCpuPercent: [] },
  };
}

export function roomSummary(id: string, now: Date, seed = 1): RoomSummary {
  return {
    id,
    nodeId: 'node-test',
    workerIndex: seed % 2,
    workerPid: 4000 + seed,
    createdAt: iso(seed * 250_000, now),
    peerCount: seed + 1,
    transportCount: (seed + 1) * 2,
    producerCount: seed * 2,
    consumerCount: seed * 3,
    bitrate: { inbound: seed * 1_100_000, outbound: seed * 2_300_000 },
  };
}

export function peerView(id: string, displayName: string, now: Date, seed = 1): PeerView {
  return {
    id,
    displayName,
    joinedAt: iso(seed * 61_000, now),
    userAgent: 'Mozilla/5.0 Chrome/156',
    connectionState: seed % 2 ? 'connected' : 'connecting',
    transportCount: 2,
    producerCount: 2,
    consumerCount: seed,
    bitrate: { up: seed * 987_000, down: seed * 654_000 },
  };
}

function layer(rid: string, spatialLayer: number, seed: number): ProducerLayerView {
  return {
    rid,
    ssrc: 1000 + spatialLayer,
    spatialLayer,
    score: 10 - spatialLayer,
    bitrate: (spatialLayer + 1) * 123_000 + seed * 7_000,
    packets: 5000 + spatialLayer,
    bytes: 4_200_000 + spatialLayer * 1000,
    packetsLost: spatialLayer * 3,
    lossPercent: spatialLayer * 0.7,
    jitterMs: 4 + spatialLayer,
    nackCount: spatialLayer * 5,
    pliCount: spatialLayer + 1,
    firCount: spatialLayer,
  };
}

export function producerView(id: string, peer: PeerView, seed = 1): ProducerView {
  const layers = ['l', 'm', 'h'].map((rid, i) => layer(rid, i, seed));
  return {
    id,
    peerId: peer.id,
    peerName: peer.displayName,
    kind: 'video',
    source: 'camera',
    type: 'simulcast',
    paused: seed % 2 === 0,
    codec: 'video/VP8',
    score: layers.map((l) => ({ ssrc: l.ssrc, rid: l.rid ?? undefined, score: l.score })),
    rtpParameters: {},
    simulcastLayers: layers.map((l, i) => ({ rid: l.rid ?? undefined, ssrc: l.ssrc, scaleResolutionDownBy: 4 / 2 ** i, maxBitrate: 100_000 * 3 ** i })),
    layers,
    bitrate: layers.reduce((sum, l) => sum + l.bitrate, 0),
    consumersPerLayer: [0, seed, 1],
    statsAt: null,
  };
}

export function consumerView(id: string, receiver: PeerView, producer: ProducerView, seed = 1): ConsumerView {
  return {
    id,
    peerId: receiver.id,
    peerName: receiver.displayName,
    producerId: producer.id,
    producerPeerId: producer.peerId,
    producerPeerName: producer.peerName,
    kind: producer.kind,
    source: producer.source,
    type: producer.type,
    paused: false,
    producerPaused: true,
    score: 7 + (seed % 3),
    producerScore: 9,
    producerScores: producer.score.map((s) => s.score),
    currentLayers: { spatialLayer: 1, temporalLayer: 2 },
    preferredLayers: { spatialLayer: 2, temporalLayer: 2 },
    bitrate: seed * 456_000,
    packets: 3000 + seed,
    bytes: 2_500_000 + seed,
    packetsLost: seed,
    lossPercent: seed * 0.3,
    nackCount: seed * 2,
    pliCount: seed,
    firCount: 0,
    roundTripTimeMs: 12 + seed,
    statsAt: null,
  };
}

/** A room with Alice and Bob, each publishing a camera that the other consumes. */
export function roomDetail(id: string, now: Date): RoomDetail {
  const alice = peerView('peer-alice', 'Alice', now, 1);
  const bob = peerView('peer-bob', 'Bob', now, 2);
  const aliceCam = producerView('producer-alice-cam', alice, 1);
  const bobCam = producerView('producer-bob-cam', bob, 2);
  const peers = [alice, bob];
  const producers = [aliceCam, bobCam];
  const consumers = [consumerView('consumer-bob-gets-alice', bob, aliceCam, 1), consumerView('consumer-alice-gets-bob', alice, bobCam, 2)];
  return {
    ...roomSummary(id, now, 2),
    peerCount: peers.length,
    transportCount: peers.reduce((n, p) => n + p.transportCount, 0),
    producerCount: producers.length,
    consumerCount: consumers.length,
    activeSpeakerId: alice.id,
    peers,
    producers,
    consumers,
  };
}
