import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  RtpCapabilities,
  RtpParameters,
} from 'mediasoup-client/types';
import type { AnalyticsPushEvents, PeerDetail, RoomDetail } from '@/lib/analytics/types';
import type {
  StreamAlert,
  StreamServerView,
  StreamStatsBroadcast,
  StreamStatsCurrent,
  StreamStatsUpdate,
} from '@/lib/studio/types';
import type { AckCallback } from './ack';
import type { ErrorBody } from './errors';
import type { MediaKind, MediaSource, RequestName, RequestPayload } from './schemas';

/*
 * The one Socket.IO event map, used by the server (`new Server<...>`) and the
 * client (`io() as Socket<...>`). Requests carry an acknowledgement that always
 * answers `{ ok: true, data } | { ok: false, error }`; notifications carry none.
 */

export interface ProducerInfo {
  id: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

export interface PeerInfo {
  id: string;
  displayName: string;
  joinedAt: number;
  producers: ProducerInfo[];
  /** Lost its signaling and inside the grace period: shown as reconnecting, not gone. */
  reconnecting?: boolean;
}

export interface IceServerInfo {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface JoinRoomResult {
  peerId: string;
  roomId: string;
  routerRtpCapabilities: RtpCapabilities;
  peers: PeerInfo[];
  activeSpeakerId: string | null;
  iceServers: IceServerInfo[];
  /**
   * Secret of this participant's session: `resume-session` with it on a new
   * socket, within `resumeGraceMs` of losing the old one, continues as the same
   * peer with every server-side object kept. Also the Bearer credential for
   * `GET /api/ice-servers`.
   */
  resumeToken: string;
  resumeGraceMs: number;
  /** How long the meeting (the room) has been going, by the server's clock, for the meeting timer. */
  meetingElapsedMs: number;
  /** This meeting's chat so far (the newest messages, oldest first). */
  chat: ChatMessage[];
}

/** The session continued: the room as it is now, to reconcile what was missed. */
export interface ResumeSessionResult extends Omit<JoinRoomResult, 'routerRtpCapabilities'> {
  /** The peer's consumers the server still holds; any others were closed meanwhile. */
  consumerIds: string[];
  /** The peer's own producers still alive. */
  producerIds: string[];
  /** The peer's transports still alive. */
  transportIds: string[];
}

export interface TransportInfo {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface ConsumeResult {
  id: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  producerPaused: boolean;
}

export interface LayersInfo {
  spatialLayer: number;
  temporalLayer: number;
}

export interface ChatMessage {
  id: string;
  peerId: string;
  displayName: string;
  text: string;
  sentAt: number;
}

export type StreamRole = 'streamer' | 'viewer';

/** A stream joined as its streamer or as a viewer: the room join plus the stream's state. */
export interface StreamJoinResult extends JoinRoomResult {
  streamId: string;
  role: StreamRole;
  viewerCount: number;
  /**
   * Streamer only: a secret for this session that reads the stream's history
   * (`GET /api/streams/<id>/history`) after a reload.
   */
  ownerKey?: string;
}

// Batch requests: each item succeeds or fails on its own, as its single request would.
export type ConsumeBatchItem = { ok: true; data: ConsumeResult } | { ok: false; producerId: string; error: ErrorBody };
export type ResumeBatchItem = { ok: true; consumerId: string } | { ok: false; consumerId: string; error: ErrorBody };

export interface ResponseMap {
  'join-room': JoinRoomResult;
  'resume-session': ResumeSessionResult;
  'create-webrtc-transport': TransportInfo;
  'connect-webrtc-transport': Record<string, never>;
  produce: { id: string };
  consume: ConsumeResult;
  'resume-consumer': Record<string, never>;
  'pause-producer': Record<string, never>;
  'resume-producer': Record<string, never>;
  'close-producer': Record<string, never>;
  'set-preferred-layers': Record<string, never>;
  'restart-ice': { iceParameters: IceParameters };
  'send-chat': ChatMessage;
  'leave-room': Record<string, never>;
  'stream:start': StreamJoinResult;
  'stream:watch': StreamJoinResult;
  'analytics:watch': { room: RoomDetail | null; peer: PeerDetail | null };
  // Batch requests: one result per item, in the order asked.
  'consume-batch': { results: ConsumeBatchItem[] };
  'resume-consumers': { results: ResumeBatchItem[] };
}

/**
 * SPEC 4's stats events answer with events (`stream:stats:received`,
 * `stream:stats:current`, `error`); an acknowledgement, when given, gets the
 * same answer.
 */
export interface StreamStatsClientEvents {
  'stream:stats:update': (payload: StreamStatsUpdate, ack?: AckCallback<{ streamId: string; timestamp: number; receivedAt: number }>) => void;
  'stream:stats:get': (payload: { streamId: string }, ack?: AckCallback<StreamStatsCurrent>) => void;
}

export type ClientToServerEvents = {
  [K in RequestName]: (payload: RequestPayload<K>, ack: AckCallback<ResponseMap[K]>) => void;
} & StreamStatsClientEvents;

export interface ServerToClientEvents extends AnalyticsPushEvents {
  'participant-joined': (data: { peer: PeerInfo }) => void;
  'participant-left': (data: { peerId: string }) => void;
  /** The peer's signaling dropped; it has the grace period to come back. */
  'participant-reconnecting': (data: { peerId: string }) => void;
  /** The peer came back within the grace period, as the same participant. */
  'participant-resumed': (data: { peerId: string }) => void;
  /** This socket's participant was taken over by the same identity elsewhere (another tab). */
  'session-replaced': (data: { reason: string }) => void;
  /** The server is shutting down (SIGTERM): the call ends now and comes back once it has restarted. */
  'server-shutdown': (data: { reason: string }) => void;
  'new-producer': (data: ProducerInfo) => void;
  'producer-paused': (data: { producerId: string; peerId: string }) => void;
  'producer-resumed': (data: { producerId: string; peerId: string }) => void;
  'producer-closed': (data: { producerId: string; peerId: string }) => void;
  'consumer-closed': (data: { consumerId: string; producerId: string }) => void;
  'consumer-layers-changed': (data: { consumerId: string; layers: LayersInfo | null }) => void;
  'consumer-score': (data: { consumerId: string; score: number; producerScore: number }) => void;
  'active-speaker': (data: { peerId: string | null }) => void;
  'chat-message': (data: ChatMessage) => void;
  /** To the streamer and analytics viewers, for every accepted update. */
  'stream:stats:update': (data: StreamStatsBroadcast) => void;
  'stream:stats:received': (data: { streamId: string; timestamp: number; receivedAt: number }) => void;
  'stream:stats:current': (data: StreamStatsCurrent) => void;
  /** A refused stats event (unauthorised sender, invalid data). */
  error: (data: ErrorBody & { event: string }) => void;
  'stream:alert': (data: StreamAlert) => void;
  'stream:viewers': (data: { streamId: string; viewerCount: number }) => void;
  /** To the streamer every second: what the SFU sees of the stream. */
  'stream:server-view': (data: StreamServerView) => void;
  /** To viewers: the streamer ended the stream (or vanished). */
  'stream:ended': (data: { streamId: string; reason: string }) => void;
}

/** Per-socket state kept by Socket.IO (`socket.data`). */
export interface SocketData {
  peerId?: string;
  roomId?: string;
  /** Connected with a valid admin token: an analytics viewer. */
  admin?: boolean;
}
