import type {
  ConsumerView,
  PeerConnectionState,
  PeerView,
  ProducerLayerView,
  ProducerView,
  RoomDetail,
  RoomSummary,
  TransportView,
} from '@/lib/analytics/types';
import type {
  ConsumerSnapshot,
  PeerSnapshot,
  ProducerSnapshot,
  RoomSnapshot,
  RtpStreamStats,
  TransportSnapshot,
  TransportStats,
} from '@/server/sfu/snapshots';
import { NO_ICE_DTLS } from '@/server/sfu/snapshots';

/*
 * Pure builders of the analytics JSON (lib/analytics/types) from the SFU's
 * snapshots (live state: paused, scores, layers) and the collector's latest
 * getStats() samples (counters and rates). REST, pushes, the CLI and the
 * metrics all go through these, so a number reads the same everywhere.
 */

interface Sampled<T> {
  stats: T;
  at: number;
}

/** The collector's latest samples, by object id. */
export interface LatestStats {
  transports: ReadonlyMap<string, Sampled<TransportStats>>;
  producers: ReadonlyMap<string, Sampled<RtpStreamStats[]>>;
  consumers: ReadonlyMap<string, Sampled<RtpStreamStats>>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : iso(ms));
const lossPercent = (fractionLost: number) => Math.round((fractionLost / 256) * 1000) / 10;

export function transportView(t: TransportSnapshot, peerId: string, latest: LatestStats): TransportView {
  const sample = latest.transports.get(t.id);
  const s = sample?.stats;
  return {
    id: t.id,
    peerId,
    direction: t.direction,
    iceState: t.iceState,
    dtlsState: t.dtlsState,
    iceSelectedTuple: t.iceSelectedTuple ?? s?.iceSelectedTuple ?? null,
    iceRestarts: t.iceRestarts,
    recvBitrate: s?.recvBitrate ?? 0,
    sendBitrate: s?.sendBitrate ?? 0,
    bytesReceived: s?.bytesReceived ?? 0,
    bytesSent: s?.bytesSent ?? 0,
    availableOutgoingBitrate: s?.availableOutgoingBitrate ?? null,
    statsAt: isoOrNull(sample?.at),
  };
}

/** The worst state of a peer's transports, as a person would describe the connection. */
export function connectionState(transports: readonly TransportSnapshot[]): PeerConnectionState {
  if (transports.length === 0) return 'new';
  if (transports.some((t) => t.dtlsState === 'failed')) return 'failed';
  if (transports.some((t) => t.iceState === 'disconnected')) return 'disconnected';
  // Plain-RTP transports (load tools) have no DTLS: they count as connected.
  if (transports.every((t) => t.dtlsState === 'connected' || t.dtlsState === NO_ICE_DTLS)) return 'connected';
  return 'connecting';
}

function peerBitrate(peer: PeerSnapshot, latest: LatestStats): { up: number; down: number } {
  let up = 0;
  let down = 0;
  for (const t of peer.transports) {
    const s = latest.transports.get(t.id)?.stats;
    up += s?.recvBitrate ?? 0;
    down += s?.sendBitrate ?? 0;
  }
  return { up, down };
}

export function peerView(peer: PeerSnapshot, latest: LatestStats): PeerView {
  return {
    id: peer.id,
    displayName: peer.displayName,
    joinedAt: iso(peer.joinedAt),
    userAgent: peer.userAgent,
    connectionState: connectionState(peer.transports),
    transportCount: peer.transports.length,
    producerCount: peer.producers.length,
    consumerCount: peer.consumers.length,
    bitrate: peerBitrate(peer, latest),
  };
}

function layerViews(p: ProducerSnapshot, streams: readonly RtpStreamStats[]): ProducerLayerView[] {
  const encodings = p.simulcastLayers;
  return streams
    .map((s) => {
      const byRid = encodings.findIndex((e) => e.rid !== undefined && e.rid === s.rid);
      const bySsrc = encodings.findIndex((e) => e.ssrc === s.ssrc);
      return {
        rid: s.rid,
        ssrc: s.ssrc,
        spatialLayer: Math.max(0, byRid >= 0 ? byRid : bySsrc),
        score: s.score,
        bitrate: s.bitrate,
        packets: s.packetCount,
        bytes: s.byteCount,
        packetsLost: s.packetsLost,
        lossPercent: lossPercent(s.fractionLost),
        jitterMs: s.jitterMs,
        nackCount: s.nackCount,
        pliCount: s.pliCount,
        firCount: s.firCount,
      };
    })
    .sort((a, b) => a.spatialLayer - b.spatialLayer);
}

/** How many unpaused consumers currently receive each spatial layer of a producer. */
export function consumersPerLayer(p: ProducerSnapshot, consumers: readonly ConsumerSnapshot[]): number[] {
  const layers = Math.max(1, p.simulcastLayers.length);
  const counts = Array.from({ length: layers }, () => 0);
  for (const c of consumers) {
    if (c.producerId !== p.id || c.paused || c.producerPaused) continue;
    if (p.type === 'simple') counts[0]!++;
    else if (c.currentLayers) counts[Math.min(layers - 1, c.currentLayers.spatialLayer)]!++;
  }
  return counts;
}

export function producerView(
  p: ProducerSnapshot,
  names: ReadonlyMap<string, string>,
  roomConsumers: readonly ConsumerSnapshot[],
  latest: LatestStats,
): ProducerView {
  const sample = latest.producers.get(p.id);
  const layers = layerViews(p, sample?.stats ?? []);
  return {
    id: p.id,
    peerId: p.peerId,
    peerName: names.get(p.peerId) ?? '',
    kind: p.kind,
    source: p.source,
    type: p.type,
    paused: p.paused,
    codec: p.codec,
    score: p.score,
    rtpParameters: p.rtpParameters,
    simulcastLayers: p.simulcastLayers,
    layers,
    bitrate: layers.reduce((sum, l) => sum + l.bitrate, 0),
    consumersPerLayer: consumersPerLayer(p, roomConsumers),
    statsAt: isoOrNull(sample?.at),
  };
}

export function consumerView(c: ConsumerSnapshot, names: ReadonlyMap<string, string>, latest: LatestStats): ConsumerView {
  const sample = latest.consumers.get(c.id);
  const s = sample?.stats;
  return {
    id: c.id,
    peerId: c.peerId,
    peerName: names.get(c.peerId) ?? '',
    producerId: c.producerId,
    producerPeerId: c.producerPeerId,
    producerPeerName: names.get(c.producerPeerId) ?? '',
    kind: c.kind,
    source: c.source,
    type: c.type,
    paused: c.paused,
    producerPaused: c.producerPaused,
    score: c.score,
    producerScore: c.producerScore,
    producerScores: c.producerScores,
    currentLayers: c.currentLayers,
    preferredLayers: c.preferredLayers,
    bitrate: s?.bitrate ?? 0,
    packets: s?.packetCount ?? 0,
    bytes: s?.byteCount ?? 0,
    packetsLost: s?.packetsLost ?? 0,
    lossPercent: s ? lossPercent(s.fractionLost) : 0,
    nackCount: s?.nackCount ?? 0,
    pliCount: s?.pliCount ?? 0,
    firCount: s?.firCount ?? 0,
    roundTripTimeMs: s?.roundTripTime ?? null,
    statsAt: isoOrNull(sample?.at),
  };
}

const nameMap = (room: RoomSnapshot) => new Map(room.peers.map((p) => [p.id, p.displayName]));
const allConsumers = (room: RoomSnapshot) => room.peers.flatMap((p) => p.consumers);

export function roomSummary(room: RoomSnapshot, nodeId: string, latest: LatestStats): RoomSummary {
  let inbound = 0;
  let outbound = 0;
  for (const peer of room.peers) {
    const b = peerBitrate(peer, latest);
    inbound += b.up;
    outbound += b.down;
  }
  return {
    id: room.id,
    nodeId,
    workerIndex: room.workerIndex,
    workerPid: room.workerPid,
    createdAt: iso(room.createdAt),
    peerCount: room.peers.length,
    transportCount: room.peers.reduce((n, p) => n + p.transports.length, 0),
    producerCount: room.peers.reduce((n, p) => n + p.producers.length, 0),
    consumerCount: room.peers.reduce((n, p) => n + p.consumers.length, 0),
    bitrate: { inbound, outbound },
  };
}

export function roomProducers(room: RoomSnapshot, latest: LatestStats): ProducerView[] {
  const names = nameMap(room);
  const consumers = allConsumers(room);
  return room.peers.flatMap((peer) => peer.producers.map((p) => producerView(p, names, consumers, latest)));
}

export function roomConsumers(room: RoomSnapshot, latest: LatestStats): ConsumerView[] {
  const names = nameMap(room);
  return allConsumers(room).map((c) => consumerView(c, names, latest));
}

export function roomDetail(room: RoomSnapshot, nodeId: string, latest: LatestStats): RoomDetail {
  return {
    ...roomSummary(room, nodeId, latest),
    activeSpeakerId: room.activeSpeakerId,
    peers: room.peers.map((p) => peerView(p, latest)),
    producers: roomProducers(room, latest),
    consumers: roomConsumers(room, latest),
  };
}

/** One peer's live objects, without telemetry (the collector adds its samples). */
export function peerObjects(room: RoomSnapshot, peer: PeerSnapshot, latest: LatestStats) {
  const names = nameMap(room);
  const consumers = allConsumers(room);
  return {
    ...peerView(peer, latest),
    roomId: room.id,
    transports: peer.transports.map((t) => transportView(t, peer.id, latest)),
    producers: peer.producers.map((p) => producerView(p, names, consumers, latest)),
    consumers: peer.consumers.map((c) => consumerView(c, names, latest)),
  };
}
