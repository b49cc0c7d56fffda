import type { types } from 'mediasoup';

/*
 * Plain-data views of mediasoup objects, so nothing outside server/sfu ever
 * holds a mediasoup object. Analytics, REST and tests read these.
 */

export interface TransportSnapshot {
  id: string;
  direction: 'send' | 'recv';
  iceState: string;
  dtlsState: string;
  iceSelectedTuple: TupleSnapshot | null;
  /** ICE restarts the client asked for on this transport. */
  iceRestarts: number;
  closed: boolean;
}

export interface ProducerSnapshot {
  id: string;
  peerId: string;
  kind: types.MediaKind;
  source: string;
  type: string;
  paused: boolean;
  score: { ssrc: number; rid?: string; score: number }[];
  codec: string | null;
  rtpParameters: types.RtpParameters;
  simulcastLayers: { rid?: string; ssrc?: number; scaleResolutionDownBy?: number; maxBitrate?: number }[];
}

export interface ConsumerSnapshot {
  id: string;
  peerId: string;
  producerId: string;
  producerPeerId: string;
  kind: types.MediaKind;
  source: string;
  type: string;
  paused: boolean;
  producerPaused: boolean;
  score: number;
  producerScore: number;
  producerScores: number[];
  currentLayers: { spatialLayer: number; temporalLayer?: number } | null;
  preferredLayers: { spatialLayer: number; temporalLayer?: number } | null;
}

export interface PeerSnapshot {
  id: string;
  roomId: string;
  displayName: string;
  userAgent: string | null;
  joinedAt: number;
  transports: TransportSnapshot[];
  producers: ProducerSnapshot[];
  consumers: ConsumerSnapshot[];
}

export interface RoomSnapshot {
  id: string;
  workerIndex: number;
  workerPid: number;
  createdAt: number;
  activeSpeakerId: string | null;
  peers: PeerSnapshot[];
}

/** Browsers get WebRtcTransports; load tools and benchmarks get PlainTransports (RTP without ICE/DTLS). */
export type PeerTransport = types.WebRtcTransport | types.PlainTransport;

/** Only a PlainTransport has a `tuple`; mediasoup 3.12 transports carry no type field. */
export function isPlain(transport: PeerTransport): transport is types.PlainTransport {
  return 'tuple' in transport;
}

export function iceRestartsOf(transport: PeerTransport): number {
  const n = transport.appData.iceRestarts;
  return typeof n === 'number' ? n : 0;
}

/** What a plain-RTP transport reports where a WebRtcTransport has ICE and DTLS states. */
export const NO_ICE_DTLS = 'n/a';

export function snapshotTransport(t: PeerTransport): TransportSnapshot {
  const plain = isPlain(t);
  return {
    id: t.id,
    direction: t.appData.direction === 'send' ? 'send' : 'recv',
    iceState: plain ? NO_ICE_DTLS : t.iceState,
    dtlsState: plain ? NO_ICE_DTLS : t.dtlsState,
    iceSelectedTuple: plain ? remoteTuple(t.tuple) : snapshotTuple(t.iceSelectedTuple),
    iceRestarts: iceRestartsOf(t),
    closed: t.closed,
  };
}

export function snapshotProducer(p: types.Producer, peerId: string): ProducerSnapshot {
  return {
    id: p.id,
    peerId,
    kind: p.kind,
    source: String(p.appData.source),
    type: p.type,
    paused: p.paused,
    score: p.score.map((s) => ({ ssrc: s.ssrc, rid: s.rid, score: s.score })),
    codec: p.rtpParameters.codecs[0]?.mimeType ?? null,
    rtpParameters: p.rtpParameters,
    simulcastLayers: (p.rtpParameters.encodings ?? []).map((e) => ({
      rid: e.rid,
      ssrc: e.ssrc,
      scaleResolutionDownBy: e.scaleResolutionDownBy,
      maxBitrate: e.maxBitrate,
    })),
  };
}

export function snapshotConsumer(c: types.Consumer, peerId: string): ConsumerSnapshot {
  return {
    id: c.id,
    peerId,
    producerId: c.producerId,
    producerPeerId: String(c.appData.producerPeerId),
    kind: c.kind,
    source: String(c.appData.source),
    type: c.type,
    paused: c.paused,
    producerPaused: c.producerPaused,
    score: c.score.score,
    producerScore: c.score.producerScore,
    producerScores: c.score.producerScores ?? [],
    currentLayers: c.currentLayers ?? null,
    preferredLayers: c.preferredLayers ?? null,
  };
}

// ---- stats: plain copies of what getStats() answers -------------------------

export interface TupleSnapshot {
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  protocol: string;
}

export interface TransportStats {
  transportId: string;
  timestamp: number;
  bytesReceived: number;
  bytesSent: number;
  recvBitrate: number;
  sendBitrate: number;
  availableOutgoingBitrate: number | null;
  iceState: string;
  dtlsState: string;
  iceSelectedTuple: TupleSnapshot | null;
}

/** One RTP stream as mediasoup counts it (cumulative counters, current rates). */
export interface RtpStreamStats {
  ssrc: number;
  rid: string | null;
  kind: string;
  mimeType: string;
  packetCount: number;
  byteCount: number;
  bitrate: number;
  packetsLost: number;
  /** 0-255 as in RTCP. */
  fractionLost: number;
  nackCount: number;
  pliCount: number;
  firCount: number;
  score: number;
  /** Interarrival jitter in ms (mediasoup reports it in RTP timestamp units). */
  jitterMs: number;
  roundTripTime: number | null;
}

export function snapshotTuple(t: types.TransportTuple | undefined): TupleSnapshot | null {
  if (!t) return null;
  return { localIp: t.localIp, localPort: t.localPort, remoteIp: t.remoteIp ?? '', remotePort: t.remotePort ?? 0, protocol: t.protocol };
}

/** The byte and bitrate counters every transport kind reports alike. */
function transportCounters(s: types.WebRtcTransportStat | types.PlainTransportStat) {
  return {
    transportId: s.transportId,
    timestamp: s.timestamp,
    bytesReceived: s.bytesReceived,
    bytesSent: s.bytesSent,
    recvBitrate: s.recvBitrate,
    sendBitrate: s.sendBitrate,
    availableOutgoingBitrate: s.availableOutgoingBitrate ?? null,
  };
}

export function plainTransportStats(s: types.WebRtcTransportStat): TransportStats {
  return { ...transportCounters(s), iceState: s.iceState, dtlsState: s.dtlsState, iceSelectedTuple: snapshotTuple(s.iceSelectedTuple) };
}

/** A plain transport's tuple only names a path once its remote is known (connect() or comedia). */
function remoteTuple(t: types.TransportTuple | undefined): TupleSnapshot | null {
  return t?.remoteIp ? snapshotTuple(t) : null;
}

export function plainRtpTransportStats(s: types.PlainTransportStat): TransportStats {
  return { ...transportCounters(s), iceState: NO_ICE_DTLS, dtlsState: NO_ICE_DTLS, iceSelectedTuple: remoteTuple(s.tuple) };
}

/** RFC 3550 jitter counts RTP timestamp ticks; a 90 kHz video tick is 1/90 ms. */
export function rtpTicksToMs(ticks: number, clockRate: number): number {
  return clockRate > 0 ? (ticks / clockRate) * 1000 : 0;
}

export function plainStreamStats(s: types.ProducerStat | types.ConsumerStat, clockRate: number): RtpStreamStats {
  return {
    ssrc: s.ssrc,
    rid: 'rid' in s ? (s.rid ?? null) : null,
    kind: s.kind,
    mimeType: s.mimeType,
    packetCount: s.packetCount,
    byteCount: s.byteCount,
    bitrate: s.bitrate,
    packetsLost: s.packetsLost,
    fractionLost: s.fractionLost,
    nackCount: s.nackCount,
    pliCount: s.pliCount,
    firCount: s.firCount,
    score: s.score,
    jitterMs: 'jitter' in s ? rtpTicksToMs(Number(s.jitter) || 0, clockRate) : 0,
    roundTripTime: s.roundTripTime ?? null,
  };
}
