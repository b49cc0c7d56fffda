/*
 * The analytics contract (SPEC 5): the JSON the REST API answers, the pushes
 * the live page receives over Socket.IO, and what the CLI prints. One set of
 * types for the server, the page and the CLI, so a number is the same number
 * everywhere. Times are ISO strings in REST bodies; bitrates are bits/s;
 * scores are mediasoup's 0-10.
 */

export type EventSeverity = 'info' | 'warning' | 'error';

/** Kinds of drop/incident events (SPEC 5 "drop detection"). */
export const EVENT_TYPES = [
  'peer-dropped', // socket gone without leave-room (ping timeout, transport error/close)
  'consumer-closed', // a consumer closed while its peer stayed (transport closed under it)
  'transport-closed', // a transport closed while its peer stayed (router/worker gone)
  'ice-disconnected',
  'ice-failed',
  'dtls-failed',
  'low-score', // score below the threshold for the hold time
  'bitrate-collapse', // bitrate below half of its recent average
  'high-loss', // packet loss above the threshold
  'worker-died',
  'join-failed', // a session that left without ever receiving media
  'stream-alert', // a studio alert (SPEC 4): loss, fps or a bitrate drop of a live stream
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface AnalyticsEvent {
  id: string;
  /** ISO time the condition was detected. */
  at: string;
  nodeId: string;
  type: EventType;
  severity: EventSeverity;
  roomId: string | null;
  peerId: string | null;
  /** Display name of the peer, when there is one. */
  peerName: string | null;
  /** The transport, producer or consumer the event is about, if any. */
  objectId: string | null;
  /** One sentence for people: what happened and why. */
  cause: string;
  /** The numbers that triggered it (score, threshold, seconds, kbps, loss %, ...). */
  data: Record<string, number | string | boolean | null>;
}

export interface EventQuery {
  roomId?: string;
  peerId?: string;
  type?: EventType;
  /** ISO time or unix ms: only events at or after it. */
  since?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

// ---- server -----------------------------------------------------------------

export interface WorkerView {
  index: number;
  pid: number;
  alive: boolean;
  /** CPU % of one core over the last sample interval (resource-usage deltas); null until two samples. */
  cpuPercent: number | null;
  /** Current resident memory in KiB (/proc), falling back to the peak (ru_maxrss). */
  memoryKb: number;
  /** Cumulative CPU ms (user, system) as mediasoup reports them. */
  cpu: { userMs: number; systemMs: number };
  rooms: number;
  consumers: number;
}

export interface ServerTotals {
  workers: number;
  routers: number;
  rooms: number;
  peers: number;
  transports: number;
  producers: number;
  consumers: number;
}

export interface Bitrates {
  /** What the SFU receives from browsers, bits/s. */
  inbound: number;
  /** What the SFU sends to browsers, bits/s. */
  outbound: number;
}

/** Time series for the overview sparklines; `t` is unix seconds. */
export interface ServerSeries {
  t: number[];
  inboundBps: number[];
  outboundBps: number[];
  peers: number[];
  consumers: number[];
  /** CPU % summed over the workers. */
  workerCpuPercent: number[];
}

export interface ServerOverview {
  nodeId: string;
  uptimeSeconds: number;
  collectedAt: string;
  workers: WorkerView[];
  totals: ServerTotals;
  bitrate: Bitrates;
  series: ServerSeries;
}

// ---- rooms, peers, media ----------------------------------------------------

export interface RoomSummary {
  id: string;
  nodeId: string;
  workerIndex: number;
  workerPid: number;
  createdAt: string;
  peerCount: number;
  transportCount: number;
  producerCount: number;
  consumerCount: number;
  bitrate: Bitrates;
}

export type PeerConnectionState = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

export interface PeerView {
  id: string;
  displayName: string;
  joinedAt: string;
  userAgent: string | null;
  /** The worst of its transports' ICE/DTLS states ('new' with no transport yet). */
  connectionState: PeerConnectionState;
  transportCount: number;
  producerCount: number;
  consumerCount: number;
  /** up: what the SFU receives from this peer; down: what it sends to it (bits/s). */
  bitrate: { up: number; down: number };
}

/** One RTP stream of a producer: one per simulcast layer, one for audio. */
export interface ProducerLayerView {
  rid: string | null;
  ssrc: number;
  /** Spatial layer index (position in the encodings). */
  spatialLayer: number;
  score: number;
  bitrate: number;
  packets: number;
  bytes: number;
  packetsLost: number;
  /** Loss over the last RTCP interval, 0-100. */
  lossPercent: number;
  jitterMs: number;
  nackCount: number;
  pliCount: number;
  firCount: number;
}

export interface ProducerView {
  id: string;
  peerId: string;
  peerName: string;
  kind: 'audio' | 'video';
  source: string;
  type: string;
  paused: boolean;
  codec: string | null;
  /** mediasoup's score per stream (SPEC 5 "score"). */
  score: { ssrc: number; rid?: string; score: number }[];
  rtpParameters: unknown;
  simulcastLayers: { rid?: string; ssrc?: number; scaleResolutionDownBy?: number; maxBitrate?: number }[];
  /** Measured per layer; empty until the first stats sample. */
  layers: ProducerLayerView[];
  /** Sum over the layers, bits/s. */
  bitrate: number;
  /** How many consumers currently receive each spatial layer (index = layer). */
  consumersPerLayer: number[];
  statsAt: string | null;
}

export interface LayersView {
  spatialLayer: number;
  temporalLayer?: number;
}

export interface ConsumerView {
  id: string;
  /** The peer that receives. */
  peerId: string;
  peerName: string;
  producerId: string;
  producerPeerId: string;
  producerPeerName: string;
  kind: 'audio' | 'video';
  source: string;
  type: string;
  paused: boolean;
  producerPaused: boolean;
  score: number;
  producerScore: number;
  producerScores: number[];
  currentLayers: LayersView | null;
  preferredLayers: LayersView | null;
  bitrate: number;
  packets: number;
  bytes: number;
  packetsLost: number;
  lossPercent: number;
  nackCount: number;
  pliCount: number;
  firCount: number;
  roundTripTimeMs: number | null;
  statsAt: string | null;
}

export interface TupleView {
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  protocol: string;
}

export interface TransportView {
  id: string;
  peerId: string;
  direction: 'send' | 'recv';
  iceState: string;
  dtlsState: string;
  iceSelectedTuple: TupleView | null;
  iceRestarts: number;
  recvBitrate: number;
  sendBitrate: number;
  bytesReceived: number;
  bytesSent: number;
  availableOutgoingBitrate: number | null;
  statsAt: string | null;
}

export interface RoomDetail extends RoomSummary {
  activeSpeakerId: string | null;
  peers: PeerView[];
  producers: ProducerView[];
  consumers: ConsumerView[];
}

export interface PeerDetail extends PeerView {
  roomId: string;
  /** false: the peer has left; the body comes from the database. */
  live: boolean;
  transports: TransportView[];
  producers: ProducerView[];
  consumers: ConsumerView[];
  /** Latest 10 s samples, newest first. */
  telemetry: TelemetrySample[];
}

// ---- history ----------------------------------------------------------------

export type TelemetryDirection = 'upstream' | 'downstream';

/** One participant, one direction, one 10 s window (LiveKit StatsWorker model). */
export interface TelemetrySample {
  /** ISO end of the window. */
  at: string;
  nodeId: string;
  roomId: string;
  peerId: string;
  direction: TelemetryDirection;
  windowMs: number;
  packets: number;
  bytes: number;
  bitrate: number;
  packetsLost: number;
  lossPercent: number;
  jitterMs: number;
  /** Largest round-trip time seen in the window. */
  maxDelayMs: number;
  nackCount: number;
  pliCount: number;
  firCount: number;
}

export interface SessionRecord {
  id: string;
  nodeId: string;
  roomId: string;
  peerId: string;
  displayName: string;
  userAgent: string | null;
  joinedAt: string;
  leftAt: string | null;
  leaveReason: string | null;
  /** Milliseconds from join to each stage; null when not reached. */
  transportsConnectedMs: number | null;
  firstMediaSentMs: number | null;
  firstMediaReceivedMs: number | null;
  relayed: boolean;
}

export const FUNNEL_STAGES = ['joined', 'transports-connected', 'media-sent', 'media-received'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelStageView {
  stage: FunnelStage;
  /** Sessions that reached this stage. */
  count: number;
  /** Time from join to this stage over the sessions that reached it, ms. */
  p50Ms: number | null;
  p95Ms: number | null;
  /** Histogram of the time to reach this stage: counts per upper bound (ms); the last bound is Infinity as null. */
  histogram: { leMs: number | null; count: number }[];
}

export interface FunnelView {
  since: string;
  sessions: number;
  stages: FunnelStageView[];
  /** Sessions that ended (or have waited 30 s) without receiving media. */
  failed: number;
  /** Failed sessions by the last stage they reached. */
  failedByLastStage: Record<FunnelStage, number>;
  relayed: number;
}

// ---- live pushes (Socket.IO, to admin sockets) -------------------------------

/** What an analytics viewer asks to be pushed, besides the overview and the event log. */
export interface AnalyticsWatch {
  roomId?: string;
  peerId?: string;
}

export interface AnalyticsPushEvents {
  /** Every tick (1 s): the overview and the room list. */
  'analytics:overview': (data: { server: ServerOverview; rooms: RoomSummary[] }) => void;
  /** Every tick, to sockets watching that room. */
  'analytics:room': (data: RoomDetail) => void;
  /** Every tick, to sockets watching that peer. */
  'analytics:peer': (data: PeerDetail) => void;
  /** As they happen. */
  'analytics:event': (data: AnalyticsEvent) => void;
}

/** A room as the history lists it. */
export interface RoomHistoryRow {
  id: string;
  nodeId: string;
  createdAt: string;
  lastActiveAt: string;
  sessionCount: number;
  /** Sessions not closed yet (people in the room now, unless the server died). */
  openSessions: number;
}
