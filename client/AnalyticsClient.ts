import { io } from 'socket.io-client';
import type { AnalyticsEvent, FunnelView, PeerDetail, RoomDetail, RoomSummary, ServerOverview, SessionRecord, TelemetrySample } from '@/lib/analytics/types';
import { AppError } from '@/lib/protocol/errors';
import type { StreamAlert, StreamStatsBroadcast } from '@/lib/studio/types';
import {
  initialAnalyticsState,
  useAnalyticsStore,
  type AnalyticsActions,
  type EventFilter,
  type HistoryRoom,
  type LiveStreams,
} from '@/stores/analyticsStore';
import { connectionProblem, connectionStatus, type ConnectionFacts } from './analytics/connection';
import { addEvent, EVENT_LOG_LIMIT, filterKey, matchesFilter, RECENT_EVENTS } from './analytics/events';
import { ResourceLoader } from './analytics/ResourceLoader';
import { getJson } from './analytics/rest';
import { withoutEndedStreams, withStreamAlert, withStreamStats, withStreamViewers } from './analytics/streams';
import {
  peerAfterRoom,
  peerNotLive,
  peerSignature,
  peerWithDetail,
  roomAfterOverview,
  roomNotLive,
  roomWithDetail,
  watchingPeer,
  watchingRoom,
} from './analytics/watchState';
import { request, type ClientSocket } from './signalingClient';

/** Telemetry is aggregated every 10 s: asking more often would only repeat the same samples. */
const TELEMETRY_REFRESH_MS = 10_000;
/** An hour of 10 s windows, both directions. */
const TELEMETRY_LIMIT = 720;
const enc = encodeURIComponent;

const roomPath = (roomId: string) => `/analytics/rooms/${enc(roomId)}`;
const peerPath = (roomId: string, peerId: string) => `${roomPath(roomId)}/peers/${enc(peerId)}`;

function emptyWhenNotFound<T>(empty: T) {
  return (error: unknown): T => {
    if (error instanceof AppError && error.code === 'not_found') return empty;
    throw error;
  };
}

/**
 * The one owner of the analytics socket and the REST fetches. It writes what
 * it learns into the analytics store; the page calls `actions` and renders
 * the store.
 */
export class AnalyticsClient {
  #socket: ClientSocket | null = null;
  #users = 0;
  #closeTimer: ReturnType<typeof setTimeout> | null = null;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #telemetryTimer: ReturnType<typeof setInterval> | null = null;
  #failures = 0;
  #refused = false;
  #lastError: string | null = null;
  #watch: { roomId: string | null; peerId: string | null } = { roomId: null, peerId: null };
  /** Only the newest watch request may apply its answer. */
  #watchRequest = 0;
  #eventFilter: EventFilter | null = null;
  #peersInRoom = '';
  readonly #loader = new ResourceLoader((error) => this.#onRestError(error));

  readonly actions: AnalyticsActions = {
    open: () => this.#open(),
    watch: (roomId, peerId) => this.#setWatch(roomId, peerId),
    loadEvents: (filter) => this.#loadEvents(filter),
    loadFunnel: (hours) => this.#loadFunnel(hours),
    loadHistoryRooms: () =>
      void this.#loader.load('historyRooms', 'all', async () => (await getJson<{ rooms: HistoryRoom[] }>('/analytics/history/rooms')).rooms),
    loadSessions: (roomId) => this.#loadSessions(roomId),
    loadTelemetry: (roomId, peerId) => this.#loadTelemetry(roomId, peerId),
  };

  #report(message: string, error: unknown): void {
    console.error(`[podium] ${message}`, error);
  }

  #onRestError(error: unknown): void {
    this.#report('analytics request failed', error);
    // The session cookie expired or the server's token changed: no retry will help.
    if (error instanceof AppError && error.code === 'unauthorized') {
      this.#refused = true;
      this.#lastError = error.message;
      this.#updateConnection();
    }
  }

  // ---- the socket -----------------------------------------------------------

  #open(): () => void {
    this.#users++;
    if (this.#closeTimer) clearTimeout(this.#closeTimer);
    this.#closeTimer = null;
    if (!this.#socket) this.#connect();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#users--;
      // Deferred: React's StrictMode closes and reopens at once; that must not drop the socket.
      if (this.#users === 0) this.#closeTimer = setTimeout(() => this.#close(), 0);
    };
  }

  #connect(): void {
    // auth.analytics asks for an admin socket: without the session cookie the server refuses it.
    const socket: ClientSocket = io({ transports: ['websocket'], autoConnect: false, auth: { analytics: true }, reconnectionDelayMax: 3000 });
    this.#socket = socket;
    socket.on('connect', () => this.#onConnect());
    socket.on('disconnect', () => this.#updateConnection());
    socket.on('connect_error', (error) => this.#onConnectError(socket, error));
    socket.on('analytics:overview', (data) => this.#onOverview(data));
    socket.on('analytics:room', (detail) => this.#onRoom(detail));
    socket.on('analytics:peer', (detail) => this.#onPeer(detail));
    socket.on('analytics:event', (event) => this.#onEvent(event));
    socket.on('stream:stats:update', (update) => this.#onStreamStats(update));
    socket.on('stream:alert', (alert) => this.#onStreamAlert(alert));
    socket.on('stream:viewers', ({ streamId, viewerCount }) => this.#setStreams(withStreamViewers(this.#streams(), streamId, viewerCount)));
    window.addEventListener('online', this.#updateConnection);
    window.addEventListener('offline', this.#updateConnection);
    this.#ticker = setInterval(this.#tick, 1000);
    this.#loadRecentEvents();
    socket.connect();
  }

  #close(): void {
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    window.removeEventListener('online', this.#updateConnection);
    window.removeEventListener('offline', this.#updateConnection);
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
    this.#stopTelemetry();
    this.#watch = { roomId: null, peerId: null };
    this.#eventFilter = null;
    this.#failures = 0;
    this.#refused = false;
    useAnalyticsStore.setState(initialAnalyticsState);
  }

  #onConnect(): void {
    this.#failures = 0;
    this.#refused = false;
    this.#lastError = null;
    void this.#sendWatch();
    // Whatever happened while we were away is in the database: catch up.
    if (useAnalyticsStore.getState().lastPushAt !== null) {
      this.#loadRecentEvents();
      if (this.#eventFilter) this.#loadEvents(this.#eventFilter);
    }
    this.#updateConnection();
  }

  #onConnectError(socket: ClientSocket, error: Error): void {
    this.#failures++;
    this.#lastError = error.message;
    // Socket.IO retries network failures itself; a refusal by the server's middleware it does not.
    this.#refused = !socket.active;
    this.#updateConnection();
  }

  #facts(): ConnectionFacts {
    return {
      connected: this.#socket?.connected ?? false,
      lastPushAt: useAnalyticsStore.getState().lastPushAt,
      now: Date.now(),
      failures: this.#failures,
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      refused: this.#refused,
    };
  }

  readonly #tick = (): void => {
    this.#updateConnection();
    // A stream whose stats stopped coming ended.
    this.#setStreams(withoutEndedStreams(this.#streams(), Date.now()));
  };

  readonly #updateConnection = (): void => {
    const facts = this.#facts();
    const next = {
      connection: connectionStatus(facts),
      connectionProblem: connectionProblem(facts, this.#lastError),
      signedOut: this.#refused,
    };
    const s = useAnalyticsStore.getState();
    if (s.connection !== next.connection || s.connectionProblem !== next.connectionProblem || s.signedOut !== next.signedOut) {
      useAnalyticsStore.setState(next);
    }
  };

  // ---- pushes ---------------------------------------------------------------

  #onOverview({ server, rooms }: { server: ServerOverview; rooms: RoomSummary[] }): void {
    const now = Date.now();
    const s = useAnalyticsStore.getState();
    const room = roomAfterOverview(s.room, rooms, now);
    const peer = peerAfterRoom(s.peer, room, now);
    useAnalyticsStore.setState({ overview: server, rooms, lastPushAt: now, room, peer });
    this.#afterWatchChange(s.room.status, s.peer.status);
    this.#updateConnection();
  }

  #onRoom(detail: RoomDetail): void {
    const now = Date.now();
    const s = useAnalyticsStore.getState();
    const room = roomWithDetail(s.room, detail, now);
    if (room === s.room) return;
    const peer = peerAfterRoom(s.peer, room, now);
    useAnalyticsStore.setState({ room, peer, lastPushAt: now });
    this.#afterWatchChange(s.room.status, s.peer.status);
  }

  #onPeer(detail: PeerDetail): void {
    const s = useAnalyticsStore.getState();
    if (detail.roomId !== s.room.roomId) return;
    const peer = peerWithDetail(s.peer, detail);
    if (peer !== s.peer) useAnalyticsStore.setState({ peer, lastPushAt: Date.now() });
  }

  #onEvent(event: AnalyticsEvent): void {
    this.#loader.update('recentEvents', 'recent', (events) => addEvent(events, event, RECENT_EVENTS));
    const filter = this.#eventFilter;
    if (filter && matchesFilter(event, filter)) {
      this.#loader.update('eventLog', filterKey(filter), (events) => addEvent(events, event, EVENT_LOG_LIMIT));
    }
  }

  // ---- live streams ---------------------------------------------------------

  #streams(): LiveStreams {
    return useAnalyticsStore.getState().streams;
  }

  #setStreams(streams: LiveStreams): void {
    if (streams !== this.#streams()) useAnalyticsStore.setState({ streams });
  }

  #onStreamStats(update: StreamStatsBroadcast): void {
    this.#setStreams(withStreamStats(this.#streams(), update, Date.now()));
  }

  #onStreamAlert(alert: StreamAlert): void {
    this.#setStreams(withStreamAlert(this.#streams(), alert));
  }

  /** Follow-ups when who is in the room changed: its past sessions and the peer's last telemetry. */
  #afterWatchChange(roomBefore: string, peerBefore: string): void {
    const { room, peer } = useAnalyticsStore.getState();
    const signature = peerSignature(room.detail);
    const roomId = this.#watch.roomId;
    if (roomId && (signature !== this.#peersInRoom || (roomBefore === 'live' && room.status === 'ended'))) {
      this.#peersInRoom = signature;
      this.#loadSessions(roomId);
    }
    if (peerBefore === 'live' && peer.status === 'ended' && roomId && this.#watch.peerId) {
      this.#loadTelemetry(roomId, this.#watch.peerId);
    }
  }

  // ---- watching a room or a peer --------------------------------------------

  #setWatch(roomId: string | null, peerId: string | null): void {
    const target = { roomId, peerId: roomId ? peerId : null };
    if (target.roomId === this.#watch.roomId && target.peerId === this.#watch.peerId) return;
    const sameRoom = target.roomId === this.#watch.roomId;
    this.#watch = target;
    const s = useAnalyticsStore.getState();
    useAnalyticsStore.setState({
      room: sameRoom ? s.room : watchingRoom(target.roomId),
      peer: watchingPeer(target.peerId),
      watchError: null,
    });
    if (!sameRoom) {
      this.#peersInRoom = '';
      if (target.roomId) this.#loadSessions(target.roomId);
    }
    this.#stopTelemetry();
    if (target.roomId && target.peerId) this.#startTelemetry(target.roomId, target.peerId);
    void this.#sendWatch();
  }

  async #sendWatch(): Promise<void> {
    const socket = this.#socket;
    if (!socket?.connected) return; // sent on connect
    const requestId = ++this.#watchRequest;
    const { roomId, peerId } = this.#watch;
    try {
      const answer = await request(socket, 'analytics:watch', {
        ...(roomId ? { roomId } : {}),
        ...(roomId && peerId ? { peerId } : {}),
      });
      if (requestId !== this.#watchRequest) return;
      await this.#applyWatchAnswer(answer.room, answer.peer, requestId);
    } catch (error) {
      this.#report('analytics:watch failed', error);
      if (requestId === this.#watchRequest) {
        useAnalyticsStore.setState({ watchError: error instanceof Error ? error.message : 'The server refused the request' });
      }
    }
  }

  async #applyWatchAnswer(room: RoomDetail | null, peer: PeerDetail | null, requestId: number): Promise<void> {
    const now = Date.now();
    const { roomId, peerId } = this.#watch;
    const s = useAnalyticsStore.getState();
    const nextRoom = !roomId ? s.room : room ? roomWithDetail(s.room, room, now) : roomNotLive(s.room, now);
    useAnalyticsStore.setState({ room: nextRoom, watchError: null });
    if (!roomId || !peerId) return;
    if (peer) {
      useAnalyticsStore.setState({ peer: peerWithDetail(useAnalyticsStore.getState().peer, peer) });
      return;
    }
    // Not live: the database may remember the peer's session.
    const past = await getJson<PeerDetail>(peerPath(roomId, peerId)).catch(emptyWhenNotFound(null));
    if (requestId !== this.#watchRequest) return;
    useAnalyticsStore.setState({ peer: peerNotLive(useAnalyticsStore.getState().peer, past, Date.now()) });
  }

  #startTelemetry(roomId: string, peerId: string): void {
    this.#loadTelemetry(roomId, peerId);
    this.#telemetryTimer = setInterval(() => {
      const { status } = useAnalyticsStore.getState().peer;
      if (status === 'live' || status === 'loading') this.#loadTelemetry(roomId, peerId);
    }, TELEMETRY_REFRESH_MS);
  }

  #stopTelemetry(): void {
    if (this.#telemetryTimer) clearInterval(this.#telemetryTimer);
    this.#telemetryTimer = null;
  }

  // ---- REST -----------------------------------------------------------------

  #loadRecentEvents(): void {
    void this.#loader.load('recentEvents', 'recent', async () => {
      return (await getJson<{ events: AnalyticsEvent[] }>('/analytics/events', { limit: RECENT_EVENTS })).events;
    });
  }

  #loadEvents(filter: EventFilter): void {
    this.#eventFilter = filter;
    void this.#loader.load('eventLog', filterKey(filter), async () => {
      const query = { roomId: filter.roomId, type: filter.type, limit: EVENT_LOG_LIMIT };
      return (await getJson<{ events: AnalyticsEvent[] }>('/analytics/events', query)).events;
    });
  }

  #loadFunnel(hours: number): void {
    void this.#loader.load('funnel', String(hours), () => {
      const since = new Date(Date.now() - hours * 3600_000).toISOString();
      return getJson<FunnelView>('/analytics/funnel', { since });
    });
  }

  #loadSessions(roomId: string): void {
    void this.#loader.load('sessions', roomId, async () => {
      const answer = await getJson<{ sessions: SessionRecord[] }>(`${roomPath(roomId)}/sessions`).catch(emptyWhenNotFound({ sessions: [] }));
      return answer.sessions;
    });
  }

  #loadTelemetry(roomId: string, peerId: string): void {
    void this.#loader.load('telemetry', `${roomId}/${peerId}`, async () => {
      const path = `${peerPath(roomId, peerId)}/telemetry`;
      const answer = await getJson<{ telemetry: TelemetrySample[] }>(path, { limit: TELEMETRY_LIMIT }).catch(emptyWhenNotFound({ telemetry: [] }));
      return answer.telemetry;
    });
  }
}

let client: AnalyticsClient | null = null;

/** The page's single analytics client (created in the browser on first use). */
export function getAnalyticsClient(): AnalyticsClient {
  client ??= new AnalyticsClient();
  return client;
}
