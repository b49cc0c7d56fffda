import type {
  AnalyticsEvent,
  PeerDetail,
  RoomDetail,
  RoomSummary,
  ServerOverview,
  TelemetrySample,
} from '@/lib/analytics/types';
import { Subscriptions } from '@/lib/Subscriptions';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { runLimited } from '@/lib/runLimited';
import { log } from '@/server/log';
import type { MediasoupCounters } from '@/server/sfu/MediasoupCounters';
import type { Peer } from '@/server/sfu/Peer';
import type { Room } from '@/server/sfu/Room';
import type { RoomRegistry } from '@/server/sfu/RoomRegistry';
import type { RoomSnapshot, RtpStreamStats, TransportStats } from '@/server/sfu/snapshots';
import type { WorkerPool } from '@/server/sfu/WorkerPool';
import { DEFAULT_DROP_SETTINGS, DropDetector, type DropSettings, type Subject } from './DropDetector';
import { lastStage, reach, type Milestones, type MilestonePatch } from './JoinMilestones';
import type { MetricsSnapshot, MetricsSource } from './metricsSource';
import { SeriesRing } from './ServerSeries';
import { TelemetryWindow } from './telemetryWindow';
import { peerObjects, roomConsumers, roomDetail, roomProducers, roomSummary, type LatestStats } from './views';
import { WorkerMonitor } from './WorkerMonitor';

export interface CollectorSettings {
  nodeId: string;
  /** Live pushes and low-score checks. */
  tickMs: number;
  /** getStats() of every transport and producer, worker usage, a series point. */
  statsMs: number;
  /** getStats() of every consumer (the most numerous objects). */
  consumerStatsMs: number;
  /** Per-participant telemetry window (SPEC 5: 10 s). */
  telemetryMs: number;
  /** getStats() requests in flight at once. */
  concurrency: number;
  /** Overview points kept for the sparklines. */
  seriesPoints: number;
  /** Telemetry samples kept in memory per peer (the database has the rest). */
  recentSamples: number;
  /** A join with no media after this long counts as failed. */
  joinStallMs: number;
  drops: DropSettings;
  /** Addresses of our TURN servers: a transport whose remote is one of them is relayed. */
  relayIps: ReadonlySet<string>;
}

export const DEFAULT_COLLECTOR_SETTINGS: Omit<CollectorSettings, 'nodeId'> = {
  tickMs: 1000,
  statsMs: 2000,
  consumerStatsMs: 5000,
  telemetryMs: 10_000,
  concurrency: 8,
  seriesPoints: 300,
  recentSamples: 60,
  joinStallMs: 30_000,
  drops: DEFAULT_DROP_SETTINGS,
  relayIps: new Set(),
};

interface CollectorEvents {
  /** After each tick's checks: time to push live views. */
  tick: [];
  event: [event: AnalyticsEvent];
  telemetry: [samples: TelemetrySample[]];
  milestone: [data: { roomId: string; peerId: string; patch: MilestonePatch }];
}

interface PeerState {
  roomId: string;
  name: string;
  window: TelemetryWindow;
  recent: TelemetrySample[];
  milestones: Milestones;
  stallChecked: boolean;
  transportIds: Set<string>;
  subscriptions: Subscriptions;
}

type Sampled<T> = { stats: T; at: number };

/**
 * The one analytics collector: follows the SFU through its typed events,
 * samples getStats() on a schedule with a concurrency cap (never dump()),
 * and serves every analytics reader — REST, live pushes, /metrics,
 * telemetry and the CLI — from the same numbers.
 */
export class Collector extends TypedEmitter<CollectorEvents> implements MetricsSource {
  readonly #settings: CollectorSettings;
  readonly #rooms: RoomRegistry;
  readonly #pool: WorkerPool;
  readonly #counters: MediasoupCounters;
  readonly #workers: WorkerMonitor;
  readonly #series: SeriesRing;
  readonly #drops: DropDetector;
  readonly #peers = new Map<string, PeerState>();
  readonly #transports = new Map<string, Sampled<TransportStats>>();
  readonly #producers = new Map<string, Sampled<RtpStreamStats[]>>();
  readonly #consumers = new Map<string, Sampled<RtpStreamStats>>();
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #busy = new Set<string>();
  readonly #subscriptions = new Subscriptions();
  readonly #roomSubscriptions = new Map<Room, Subscriptions>();
  readonly #startedAt = Date.now();
  #closed = false;

  constructor(deps: { rooms: RoomRegistry; pool: WorkerPool; counters: MediasoupCounters }, settings: CollectorSettings) {
    super();
    this.#settings = settings;
    this.#rooms = deps.rooms;
    this.#pool = deps.pool;
    this.#counters = deps.counters;
    this.#workers = new WorkerMonitor(deps.pool);
    this.#series = new SeriesRing(settings.seriesPoints);
    this.#drops = new DropDetector(settings.nodeId, settings.drops, (event) => this.#event(event));
    for (const room of deps.rooms.rooms()) this.#watchRoom(room);
    this.#subscriptions.add(deps.rooms.subscribe('room-created', (room) => this.#watchRoom(room)));
    this.#subscriptions.add(deps.pool.subscribe('worker-died', (info) => this.#drops.workerDied(info)));
  }

  get nodeId(): string {
    return this.#settings.nodeId;
  }

  get latest(): LatestStats {
    return { transports: this.#transports, producers: this.#producers, consumers: this.#consumers };
  }

  /** Starts the schedules; every timer is unref'd so it never holds the process. */
  start(): void {
    const s = this.#settings;
    this.#every(s.tickMs, () => this.#tick());
    this.#every(s.statsMs, () => this.#once('stats', () => this.#sampleStats()));
    this.#every(s.consumerStatsMs, () => this.#once('consumers', () => this.#sampleConsumers()));
    this.#every(s.telemetryMs, () => this.#closeTelemetryWindows());
    void this.#once('stats', () => this.#sampleStats());
  }

  #every(ms: number, run: () => unknown): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.#timers.push(timer);
  }

  /** A sweep that is still running when its next turn comes is skipped, not doubled. */
  async #once(name: string, run: () => Promise<void>): Promise<void> {
    if (this.#busy.has(name) || this.#closed) return;
    this.#busy.add(name);
    try {
      await run();
    } catch (error) {
      log.error('analytics', `${name} sweep failed`, { error: String(error) });
    } finally {
      this.#busy.delete(name);
    }
  }

  /** An incident found outside the SFU's own numbers (a stream alert): logged, stored and pushed like the rest. */
  report(event: AnalyticsEvent): void {
    this.#event(event);
  }

  #event(event: AnalyticsEvent): void {
    log.info('analytics', `event ${event.type}: ${event.cause}`, { room: event.roomId, peer: event.peerId, object: event.objectId });
    this.emit('event', event);
  }

  // ---- following the SFU ---------------------------------------------------

  #watchRoom(room: Room): void {
    const subs = new Subscriptions();
    this.#roomSubscriptions.set(room, subs);
    for (const peer of room.peers()) this.#watchPeer(room, peer);
    subs.add(room.subscribe('peer-added', (peer) => this.#watchPeer(room, peer)));
    subs.add(room.subscribe('peer-removed', (peer, reason) => this.#peerRemoved(room.id, peer, reason)));
    // A closed room drops its own listeners; only our record of them goes.
    subs.add(room.subscribe('close', () => this.#roomSubscriptions.delete(room)));
  }

  #subject(roomId: string, peer: Peer): Subject {
    return { roomId, peerId: peer.id, peerName: peer.displayName };
  }

  #watchPeer(room: Room, peer: Peer): void {
    const roomId = room.id;
    const subs = new Subscriptions();
    this.#peers.set(peer.id, {
      roomId,
      name: peer.displayName,
      window: new TelemetryWindow(),
      recent: [],
      milestones: { joinedAt: peer.joinedAt, relayed: false },
      stallChecked: false,
      transportIds: new Set(),
      subscriptions: subs,
    });
    const subject = this.#subject(roomId, peer);
    subs.add(peer.subscribe('transport-state', (change) => {
      this.#peers.get(peer.id)?.transportIds.add(change.transportId);
      this.#drops.transportState(subject, change);
      if (change.dtlsState === 'connected') {
        const relayed = this.#settings.relayIps.has(change.iceSelectedTuple?.remoteIp ?? '');
        this.#milestone(roomId, peer.id, { transportsConnectedAt: Date.now(), relayed });
      }
    }));
    subs.add(peer.subscribe('transport-closed', ({ transportId, direction }) => {
      this.#transports.delete(transportId);
      this.#drops.transportClosed(subject, transportId, direction);
    }));
    subs.add(peer.subscribe('producer-closed', (producerId) => {
      const window = this.#peers.get(peer.id)?.window;
      for (const s of this.#producers.get(producerId)?.stats ?? []) window?.forget(`${producerId}:${s.ssrc}`);
      this.#producers.delete(producerId);
      this.#drops.producerClosed(producerId);
    }));
    subs.add(peer.subscribe('consumer-closed', ({ consumerId, producerId, cause }) => {
      this.#peers.get(peer.id)?.window.forget(consumerId);
      this.#consumers.delete(consumerId);
      this.#drops.consumerClosed(subject, consumerId, producerId, cause);
    }));
    subs.add(peer.subscribe('producer-first-rtp', () => this.#milestone(roomId, peer.id, { firstMediaSentAt: Date.now() })));
    subs.add(peer.subscribe('consumer-first-rtp', () => this.#milestone(roomId, peer.id, { firstMediaReceivedAt: Date.now() })));
  }

  #milestone(roomId: string, peerId: string, patch: MilestonePatch): void {
    const state = this.#peers.get(peerId);
    if (!state) return;
    const changed = reach(state.milestones, patch);
    if (changed) this.emit('milestone', { roomId, peerId, patch: changed });
  }

  #peerRemoved(roomId: string, peer: Peer, reason: string): void {
    // Its objects' samples go at the next sweep's prune; its ICE timers go now.
    const state = this.#peers.get(peer.id);
    this.#peers.delete(peer.id);
    state?.subscriptions.clear();
    const subject = this.#subject(roomId, peer);
    const connectedSeconds = Math.round((Date.now() - peer.joinedAt) / 1000);
    this.#drops.peerRemoved(subject, reason, { connectedSeconds, transportIds: [...(state?.transportIds ?? [])] });
    if (!state) return;
    // The last, partial window still counts: it is the end of the call.
    this.#emitTelemetry(state.window.close(Date.now(), { nodeId: this.nodeId, roomId, peerId: peer.id }));
    if (!state.stallChecked && state.milestones.firstMediaReceivedAt === undefined && !reason.startsWith('server-shutdown')) {
      this.#drops.joinFailed(subject, lastStage(state.milestones), connectedSeconds);
    }
  }

  // ---- schedules -----------------------------------------------------------

  #snapshots(): RoomSnapshot[] {
    return this.#rooms.snapshots();
  }

  #tick(): void {
    const now = Date.now();
    this.#drops.scores(this.#snapshots(), now);
    this.#checkStalledJoins(now);
    this.emit('tick');
  }

  #checkStalledJoins(now: number): void {
    for (const [peerId, state] of this.#peers) {
      if (state.stallChecked || state.milestones.firstMediaReceivedAt !== undefined) continue;
      if (now - state.milestones.joinedAt < this.#settings.joinStallMs) continue;
      // Only someone with something to receive can fail to receive it.
      const room = this.#rooms.get(state.roomId);
      const othersPublish = room?.peers().some((p) => p.id !== peerId && p.statsTargets().producers.length > 0);
      if (!othersPublish) continue;
      state.stallChecked = true;
      const waited = Math.round((now - state.milestones.joinedAt) / 1000);
      this.#drops.joinFailed({ roomId: state.roomId, peerId, peerName: state.name }, lastStage(state.milestones), waited);
    }
  }

  #onStatsError(kind: string, id: string): (error: unknown) => void {
    return (error) => log.debug('analytics', `getStats of a ${kind} failed (closed meanwhile?)`, { id, error: String(error) });
  }

  async #sampleStats(): Promise<void> {
    const jobs: (() => Promise<void>)[] = [];
    const live = new Set<string>();
    for (const room of this.#rooms.rooms()) {
      for (const peer of room.peers()) {
        const targets = peer.statsTargets();
        for (const id of targets.transports) jobs.push(() => this.#sampleTransport(peer, id));
        for (const id of targets.producers) jobs.push(() => this.#sampleProducer(room.id, peer, id));
        for (const id of [...targets.transports, ...targets.producers]) live.add(id);
      }
    }
    prune(this.#transports, live);
    prune(this.#producers, live);
    await Promise.all([
      runLimited(jobs, this.#settings.concurrency, (error) => this.#onStatsError('transport or producer', '')(error)),
      this.#workers.sample(),
    ]);
    this.#pushSeriesPoint();
  }

  async #sampleTransport(peer: Peer, transportId: string): Promise<void> {
    if (this.#closed) return;
    const stats = await peer.transportStats(transportId).catch(this.#onStatsError('transport', transportId));
    if (stats && !peer.closed) this.#transports.set(transportId, { stats, at: Date.now() });
  }

  async #sampleProducer(roomId: string, peer: Peer, producerId: string): Promise<void> {
    if (this.#closed) return;
    const streams = await peer.producerStats(producerId).catch(this.#onStatsError('producer', producerId));
    const state = this.#peers.get(peer.id);
    if (!streams || !state || peer.closed) return;
    const now = Date.now();
    this.#producers.set(producerId, { stats: streams, at: now });
    for (const s of streams) state.window.addSample('upstream', streamCounters(`${producerId}:${s.ssrc}`, s), now);
    const snap = peer.producerSnapshot(producerId);
    if (snap) this.#drops.producerSample(this.#subject(roomId, peer), producerId, snap.kind, snap.paused, streams, now);
  }

  async #sampleConsumers(): Promise<void> {
    const jobs: (() => Promise<void>)[] = [];
    const live = new Set<string>();
    for (const room of this.#rooms.rooms()) {
      for (const peer of room.peers()) {
        for (const id of peer.statsTargets().consumers) {
          live.add(id);
          jobs.push(() => this.#sampleConsumer(room.id, peer, id));
        }
      }
    }
    prune(this.#consumers, live);
    await runLimited(jobs, this.#settings.concurrency, (error) => this.#onStatsError('consumer', '')(error));
  }

  async #sampleConsumer(roomId: string, peer: Peer, consumerId: string): Promise<void> {
    if (this.#closed) return;
    const stats = await peer.consumerStats(consumerId).catch(this.#onStatsError('consumer', consumerId));
    const state = this.#peers.get(peer.id);
    if (!stats || !state || peer.closed) return;
    const now = Date.now();
    this.#consumers.set(consumerId, { stats, at: now });
    state.window.addSample('downstream', streamCounters(consumerId, stats), now);
    const snap = peer.consumerSnapshot(consumerId);
    if (snap) this.#drops.consumerSample(this.#subject(roomId, peer), consumerId, snap.paused || snap.producerPaused, stats, now);
  }

  #closeTelemetryWindows(): void {
    const now = Date.now();
    const samples: TelemetrySample[] = [];
    for (const [peerId, state] of this.#peers) {
      const closed = state.window.close(now, { nodeId: this.nodeId, roomId: state.roomId, peerId });
      state.recent.unshift(...closed);
      state.recent.length = Math.min(state.recent.length, this.#settings.recentSamples);
      samples.push(...closed);
    }
    this.#emitTelemetry(samples);
  }

  #emitTelemetry(samples: TelemetrySample[]): void {
    if (samples.length > 0) this.emit('telemetry', samples);
  }

  #pushSeriesPoint(): void {
    const bitrate = this.#nodeBitrate();
    const counts = this.#counters.counts;
    const cpu = this.#workers.views(new Map()).reduce((sum, w) => sum + (w.cpuPercent ?? 0), 0);
    this.#series.push({
      t: Math.round(Date.now() / 1000),
      inboundBps: bitrate.inbound,
      outboundBps: bitrate.outbound,
      peers: this.#peers.size,
      consumers: counts.consumers,
      workerCpuPercent: Math.round(cpu * 10) / 10,
    });
  }

  #nodeBitrate(): { inbound: number; outbound: number } {
    let inbound = 0;
    let outbound = 0;
    for (const { stats } of this.#transports.values()) {
      inbound += stats.recvBitrate;
      outbound += stats.sendBitrate;
    }
    return { inbound, outbound };
  }

  // ---- views ---------------------------------------------------------------

  serverOverview(): ServerOverview {
    const snapshots = this.#snapshots();
    const load = new Map<number, { rooms: number; consumers: number }>();
    for (const room of snapshots) {
      const entry = load.get(room.workerIndex) ?? { rooms: 0, consumers: 0 };
      entry.rooms++;
      entry.consumers += room.peers.reduce((n, p) => n + p.consumers.length, 0);
      load.set(room.workerIndex, entry);
    }
    const counts = this.#counters.counts;
    return {
      nodeId: this.nodeId,
      uptimeSeconds: Math.round((Date.now() - this.#startedAt) / 1000),
      collectedAt: new Date().toISOString(),
      workers: this.#workers.views(load),
      totals: { ...counts, rooms: snapshots.length, peers: snapshots.reduce((n, r) => n + r.peers.length, 0) },
      bitrate: this.#nodeBitrate(),
      series: this.#series.read(),
    };
  }

  rooms(): RoomSummary[] {
    return this.#snapshots().map((r) => roomSummary(r, this.nodeId, this.latest));
  }

  #roomSnapshot(roomId: string): RoomSnapshot | undefined {
    const room = this.#rooms.get(roomId);
    return room && !room.closed ? room.snapshot() : undefined;
  }

  room(roomId: string): RoomDetail | undefined {
    const snap = this.#roomSnapshot(roomId);
    return snap && roomDetail(snap, this.nodeId, this.latest);
  }

  producers(roomId: string) {
    const snap = this.#roomSnapshot(roomId);
    return snap && roomProducers(snap, this.latest);
  }

  consumers(roomId: string) {
    const snap = this.#roomSnapshot(roomId);
    return snap && roomConsumers(snap, this.latest);
  }

  peer(roomId: string, peerId: string): PeerDetail | undefined {
    const snap = this.#roomSnapshot(roomId);
    const peer = snap?.peers.find((p) => p.id === peerId);
    if (!snap || !peer) return undefined;
    return { ...peerObjects(snap, peer, this.latest), live: true, telemetry: [...(this.#peers.get(peerId)?.recent ?? [])] };
  }

  metricsSnapshot(): MetricsSnapshot {
    const snapshots = this.#snapshots();
    const labeled = this.#counters.labeled;
    const split = (label: string) => label.split(':') as ['audio' | 'video', string];
    const scores: MetricsSnapshot['scores'] = [];
    for (const peer of snapshots.flatMap((r) => r.peers)) {
      for (const p of peer.producers) for (const s of p.score) scores.push({ role: 'producer', kind: p.kind, score: s.score });
      for (const c of peer.consumers) scores.push({ role: 'consumer', kind: c.kind, score: c.score });
    }
    const bitrate = this.#nodeBitrate();
    return {
      nodeId: this.nodeId,
      workers: this.#workers.views(new Map()).map((w) => ({
        index: w.index,
        pid: w.pid,
        alive: w.alive,
        cpuPercent: w.cpuPercent,
        userMs: w.cpu.userMs,
        systemMs: w.cpu.systemMs,
        memoryKb: w.memoryKb,
      })),
      routers: this.#counters.counts.routers,
      rooms: snapshots.length,
      peers: snapshots.reduce((n, r) => n + r.peers.length, 0),
      transports: Object.entries(labeled.transports).map(([type, count]) => ({ type: type as MetricsSnapshot['transports'][number]['type'], count })),
      producers: Object.entries(labeled.producers).map(([label, count]) => ({ kind: split(label)[0], type: split(label)[1], count })),
      consumers: Object.entries(labeled.consumers).map(([label, count]) => ({ kind: split(label)[0], type: split(label)[1], count })),
      scores,
      ...this.#drops.totals,
      inboundBitrate: bitrate.inbound,
      outboundBitrate: bitrate.outbound,
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#subscriptions.clear();
    for (const subs of this.#roomSubscriptions.values()) subs.clear();
    this.#roomSubscriptions.clear();
    for (const state of this.#peers.values()) state.subscriptions.clear();
    this.#peers.clear();
    this.#drops.close();
    this.removeAllListeners();
  }
}

/** Drops samples of objects that no longer exist. */
function prune(map: Map<string, unknown>, live: ReadonlySet<string>): void {
  for (const id of map.keys()) if (!live.has(id)) map.delete(id);
}

function streamCounters(key: string, s: RtpStreamStats) {
  return {
    key,
    packets: s.packetCount,
    bytes: s.byteCount,
    packetsLost: s.packetsLost,
    nackCount: s.nackCount,
    pliCount: s.pliCount,
    firCount: s.firCount,
    jitterMs: s.jitterMs,
    roundTripTimeMs: s.roundTripTime,
  };
}
