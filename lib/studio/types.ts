/*
 * The studio contract (SPEC 4): what the streamer's browser measures and sends
 * as `stream:stats:update`, what the server pushes back, and what the studio
 * shows. Units are in the names' comments: bitrates kbps, times ms, loss %.
 */

export type QualityLimitationReason = 'none' | 'cpu' | 'bandwidth' | 'other';

/** One simulcast encoding as the browser sends it (outbound-rtp with a rid). */
export interface StreamLayerStats {
  rid: string;
  /** kbps */
  bitrate: number;
  fps: number;
  width: number;
  height: number;
  /** false when the browser stopped sending this encoding (inactive or no frames). */
  active?: boolean;
  /** Why this encoding is limited (outbound-rtp qualityLimitationReason). */
  qualityLimitationReason?: QualityLimitationReason;
}

/** Cumulative frame counters since the stream started (OBS-style "N / total"). */
export interface StreamFrameCounters {
  /** Frames the camera delivered (media-source `frames`). */
  captured: number;
  /** Frames the top layer encoded (outbound-rtp `framesEncoded` of the widest encoding). */
  encoded: number;
  /** Captured but never encoded: captured − encoded (never negative). */
  dropped: number;
  /** Frames encoded while the browser reported a quality limitation (approximated from durations × fps). */
  limited: number;
}

export interface StreamStats {
  /** Total outgoing media bitrate, video layers + audio, kbps. */
  bitrate: number;
  /** Frames per second of the widest active layer. */
  fps: number;
  /** Resolution of the widest active layer. */
  resolution: { width: number; height: number };
  /** Microphone level in dBov (media-source audioLevel → 20·log10); -100 for silence. */
  audioLevel: number;
  /** Packet loss reported by the server's receiver reports, %. */
  packetLoss: number;
  /** Round-trip time to the SFU, ms. */
  latency: number;
  /** Jitter seen by the SFU, ms. */
  jitter: number;
  /** Available bandwidth from the selected candidate pair, kbps. */
  bandwidth: { upload: number; download: number };
  qualityLimitationReason: QualityLimitationReason;
  layers: StreamLayerStats[];
  // ---- optional extras (the studio's own client always sends them) ----
  /** Average encode time per frame of the widest layer over the interval, ms. */
  encodeTimeMs?: number;
  /** The sum of the browser's per-encoding targetBitrate, kbps. */
  targetBitrate?: number;
  /** Retransmissions (NACK answers), kbps. */
  retransmitBitrate?: number;
  /** Audio (Opus) bitrate, kbps. */
  audioBitrate?: number;
  /** Frame rate the camera was asked for (track settings), for "source below target". */
  targetFps?: number;
  frames?: StreamFrameCounters;
}

/** `stream:stats:update` as the studio emits it. */
export interface StreamStatsUpdate {
  streamId: string;
  stats: StreamStats;
  /** Browser time of the getStats() sample, ms since the epoch. */
  timestamp: number;
}

export type QualityBand = 'good' | 'fair' | 'poor';

/** The band and, when it is not good, the reasons in words ("Packet loss 2.1 % (good is below 1 %)"). */
export interface BandResult {
  band: QualityBand;
  reasons: string[];
}

export type AlertType = 'high-loss' | 'low-fps' | 'bitrate-drop';

export interface StreamAlert {
  id: string;
  streamId: string;
  type: AlertType;
  severity: 'warning' | 'error';
  /** One sentence: what happened, with the number. */
  message: string;
  value: number;
  threshold: number;
  /** ms since the epoch */
  at: number;
}

export type IssueType = 'network' | 'encoder' | 'source';

/** YouTube Live's health model: what is wrong, how bad, why, what to do. */
export interface StreamIssue {
  /** Stable key per condition ("network:loss"), so first-seen survives updates. */
  key: string;
  type: IssueType;
  severity: 'warning' | 'critical';
  reason: string;
  fix: string;
  /** ms since the epoch when this condition was first seen in the current run. */
  firstSeenAt: number;
}

/** What the server pushes to the studio and analytics for every accepted update. */
export interface StreamStatsBroadcast extends StreamStatsUpdate {
  /** Server time the update was accepted. */
  receivedAt: number;
  band: QualityBand;
  reasons: string[];
  viewerCount: number;
}

/** `stream:stats:current`: the last accepted stats and the viewer count. */
export interface StreamStatsCurrent {
  streamId: string;
  live: boolean;
  stats: (StreamStats & { lastUpdated: number }) | null;
  band: QualityBand | null;
  viewerCount: number;
}

/** The server's own view of the stream's producers (SPEC 4 "server view"). */
export interface ServerLayerView {
  rid: string | null;
  spatialLayer: number;
  /** mediasoup score 0-10 */
  score: number;
  /** bits/s as the SFU receives it */
  bitrate: number;
  bytes: number;
  packets: number;
  /** viewers whose consumer currently receives this spatial layer */
  viewers: number;
}

export interface StreamServerView {
  streamId: string;
  at: number;
  viewerCount: number;
  video: { producerId: string; paused: boolean; codec: string | null; layers: ServerLayerView[]; bitrate: number } | null;
  audio: { producerId: string; paused: boolean; score: number; bitrate: number } | null;
}

/** One stored sample, as the history endpoint answers it (oldest first). */
export interface StreamSampleRecord {
  at: number;
  bitrate: number;
  fps: number;
  width: number;
  height: number;
  packetLoss: number;
  latency: number;
  jitter: number;
  audioLevel: number;
  uploadKbps: number;
  qualityLimitationReason: QualityLimitationReason;
  band: QualityBand;
  layers: StreamLayerStats[];
}

export interface StreamHistory {
  streamId: string;
  samples: StreamSampleRecord[];
  alerts: StreamAlert[];
}
