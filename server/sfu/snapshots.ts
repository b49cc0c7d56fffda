import type { types } from 'mediasoup';

/*
 * Plain-data views of mediasoup objects, so nothing outside server/sfu ever
 * holds a mediasoup object. Analytics, REST and tests read these.
 */

export interface TransportSnapshot {
  id: string;
  direction: string;
  iceState: string;
  dtlsState: string;
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

export function snapshotTransport(t: types.WebRtcTransport): TransportSnapshot {
  return {
    id: t.id,
    direction: String(t.appData.direction),
    iceState: t.iceState,
    dtlsState: t.dtlsState,
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
