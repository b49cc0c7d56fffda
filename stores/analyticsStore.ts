import { create } from 'zustand';
import type {
  AnalyticsEvent,
  EventType,
  FunnelView,
  PeerDetail,
  RoomDetail,
  RoomHistoryRow,
  RoomSummary,
  ServerOverview,
  SessionRecord,
  TelemetrySample,
} from '@/lib/analytics/types';
import type { StreamAlert, StreamStatsBroadcast } from '@/lib/studio/types';

/*
 * Everything the analytics page renders. Only the analytics client (client/)
 * writes here; components read through selectors and act through
 * `useAnalyticsActions()`.
 */

/**
 * live: connected and a push arrived within the last 3 s; connecting: the
 * first connect; reconnecting: lost and retrying, or connected but pushes
 * stopped; offline: the browser is offline, the server is unreachable after
 * several tries, or it refused the session.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** A REST answer for one `key` (a room id, a filter...): kept while it refreshes. */
export interface Resource<T> {
  key: string | null;
  data: T | null;
  loading: boolean;
  error: string | null;
}

export const emptyResource: Resource<never> = { key: null, data: null, loading: false, error: null };

/** The room's in/out bitrate, one point per push (unix seconds, bits/s). */
export interface BitrateSeries {
  t: number[];
  inbound: number[];
  outbound: number[];
}

export const emptySeries: BitrateSeries = { t: [], inbound: [], outbound: [] };

/**
 * loading: asked, no answer yet; live: pushes arrive; ended: it was live and is
 * gone (the last numbers stay on screen); absent: not live when asked.
 */
export type WatchStatus = 'idle' | 'loading' | 'live' | 'ended' | 'absent';

export interface WatchedRoom {
  roomId: string | null;
  status: WatchStatus;
  detail: RoomDetail | null;
  series: BitrateSeries;
  /** When it was seen gone (ISO). */
  endedAt: string | null;
  /** When its last push arrived (ms). */
  pushedAt: number | null;
}

export interface WatchedPeer {
  peerId: string | null;
  status: WatchStatus;
  /** Live from pushes, or what the database remembers once the peer left. */
  detail: PeerDetail | null;
  endedAt: string | null;
}

export interface EventFilter {
  roomId?: string;
  type?: EventType;
}

/** GET /analytics/history/rooms lists these. */
export type HistoryRoom = RoomHistoryRow;

/** A live stream as the server's `stream:*` pushes describe it. */
export interface LiveStream {
  latest: StreamStatsBroadcast;
  /** When this browser received `latest` and put it in the store (ms); 30 s without one and the stream is dropped. */
  shownAt?: number;
  /** The last 5 alerts, newest first. */
  alerts: StreamAlert[];
  viewerCount: number;
  /** The last 5 minutes of bitrate for a sparkline (unix seconds of the server's receipt, kbps). */
  history: { t: number[]; bitrate: number[] };
}

/** Keyed by stream id (its SFU room is `stream:<id>`). */
export type LiveStreams = Record<string, LiveStream>;

export interface AnalyticsState {
  connection: ConnectionStatus;
  /** Why the connection is not live, for people ("Admin sign-in required"). */
  connectionProblem: string | null;
  /** The server refused the session cookie: the admin must sign in again. */
  signedOut: boolean;
  lastPushAt: number | null;
  overview: ServerOverview | null;
  rooms: RoomSummary[] | null;
  room: WatchedRoom;
  peer: WatchedPeer;
  /** Why the last watch request failed (a bad room id, not an admin socket). */
  watchError: string | null;
  /** The newest events for the overview: loaded once, then live. */
  recentEvents: Resource<AnalyticsEvent[]>;
  /** The event log tab under its filter (key = the filter), with live additions. */
  eventLog: Resource<AnalyticsEvent[]>;
  funnel: Resource<FunnelView>;
  historyRooms: Resource<HistoryRoom[]>;
  /** Sessions of one room (key = room id). */
  sessions: Resource<SessionRecord[]>;
  /** 10 s samples of one participant (key = "room/peer"), newest first. */
  telemetry: Resource<TelemetrySample[]>;
  /** Streams live now, from pushes; a stream not updated for 30 s ended and is dropped. */
  streams: LiveStreams;
}

export const initialAnalyticsState: AnalyticsState = {
  connection: 'connecting',
  connectionProblem: null,
  signedOut: false,
  lastPushAt: null,
  overview: null,
  rooms: null,
  room: { roomId: null, status: 'idle', detail: null, series: emptySeries, endedAt: null, pushedAt: null },
  peer: { peerId: null, status: 'idle', detail: null, endedAt: null },
  watchError: null,
  recentEvents: emptyResource,
  eventLog: emptyResource,
  funnel: emptyResource,
  historyRooms: emptyResource,
  sessions: emptyResource,
  telemetry: emptyResource,
  streams: {},
};

export const useAnalyticsStore = create<AnalyticsState>()(() => initialAnalyticsState);

/** What the page may ask of the analytics client. None of these reject. */
export interface AnalyticsActions {
  /** Connect (first caller) and keep the live feed; the returned function lets go (last one disconnects). */
  open(): () => void;
  /** What to push besides the overview; null ids watch nothing. Re-sent after every reconnect. */
  watch(roomId: string | null, peerId: string | null): void;
  loadEvents(filter: EventFilter): void;
  /** Join funnel over the last `hours`. */
  loadFunnel(hours: number): void;
  loadHistoryRooms(): void;
  loadSessions(roomId: string): void;
  loadTelemetry(roomId: string, peerId: string): void;
}
