/*
 * The Prometheus exporter behind /metrics. Names and labels follow the
 * mediasoup exporter of bbb-webrtc-sfu (BigBlueButton's SFU,
 * lib/mcs-core/lib/adapters/mediasoup/prom-metrics.js and docs/metrics.md) so
 * dashboards made for it work here; what it lacks is added under the same
 * `mediasoup_` prefix, and room and peer totals under `podium_`.
 *
 * Every family is filled from one MetricsSnapshot per scrape, taken by the
 * first collect() callback of the scrape. Labels are low-cardinality by
 * construction: kinds, types, roles and the worker index, never an id.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsSnapshot, MetricsSource } from './metricsSource';

export interface Metrics {
  registry: Registry;
  contentType: string;
  render(): Promise<string>;
}

// bbb-webrtc-sfu's `type` values for transports.
const TRANSPORT_TYPES: Record<MetricsSnapshot['transports'][number]['type'], string> = {
  webrtc: 'WebRtcTransport',
  plain: 'PlainTransport',
  pipe: 'PipeTransport',
  direct: 'DirectTransport',
};
const KINDS = ['audio', 'video'] as const;
const PRODUCER_TYPES = ['simple', 'simulcast', 'svc'];
const CONSUMER_TYPES = ['simple', 'simulcast', 'svc', 'pipe'];
// bbb-webrtc-sfu buckets its 0-10 scores at 1..10; a bucket at 0 is added
// because 0 (no packets at all) is the score an operator most needs to see.
const SCORE_BUCKETS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Runs `update` once per scrape, however many families ask for it. */
function oncePerScrape(update: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    // Registry.metrics() calls every family's collect() in one synchronous
    // pass, so the scrape is over by the next microtask.
    queueMicrotask(() => {
      done = false;
    });
    update();
  };
}

/**
 * Feeds Prometheus counters from totals that only grow. Unlike
 * counters.ts's counterDelta, a first sight counts in full: these totals
 * start with the process (or the worker), as the exported counter does.
 */
class CounterFeed {
  readonly #last = new Map<string, { origin: number; value: number }>();

  /** `origin` tells one run of the counted thing from the next (a worker's pid). */
  feed(counter: Counter<string>, labels: Record<string, string>, key: string, origin: number, total: number): void {
    const last = this.#last.get(key);
    const restarted = !last || last.origin !== origin || total < last.value;
    const delta = restarted ? total : total - last.value;
    this.#last.set(key, { origin, value: total });
    // inc(0) too: a series should exist from its first scrape, so rate() sees its start.
    counter.inc(labels, delta);
  }
}

/** A label value from a fixed set, so an unexpected string cannot explode cardinality. */
function known(value: string, allowed: readonly string[]): string {
  return allowed.includes(value) ? value : 'other';
}

function countsBy<T extends { count: number }>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + item.count);
  return counts;
}

/** The families this exporter adds to the registry, each filled by `collect`. */
function buildFamilies(registry: Registry, collect: () => void) {
  const registers = [registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers, collect });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers, collect });
  return {
    // From bbb-webrtc-sfu.
    workers: gauge('mediasoup_workers', 'Active mediasoup workers'),
    routers: gauge('mediasoup_routers', 'Active mediasoup routers'),
    transports: gauge('mediasoup_transports', 'Number of active mediasoup transports', ['type']),
    producers: gauge('mediasoup_producers', 'Number of active mediasoup producers', ['type', 'kind']),
    consumers: gauge('mediasoup_consumers', 'Number of active mediasoup consumers', ['type', 'kind']),
    rtpScore: new Histogram<'mode' | 'kind'>({
      name: 'mediasoup_rtp_score',
      help: 'mediasoup RTP score (producers and consumers), every current stream sampled once per scrape',
      buckets: SCORE_BUCKETS,
      labelNames: ['mode', 'kind'],
      registers,
      collect,
    }),
    workerCrashes: counter('mediasoup_worker_crashes', 'Detected mediasoup worker crashes'),
    iceErrors: counter('mediasoup_transport_ice_errors', 'mediasoup ICE failures (transports whose ICE went failed or disconnected)'),
    dtlsErrors: counter('mediasoup_transport_dtls_errors', 'mediasoup DTLS failures'),
    userTime: counter('mediasoup_worker_ru_utime_total', 'User CPU time used by mediasoup workers (s)', ['worker']),
    systemTime: counter('mediasoup_worker_ru_stime_total', 'System CPU time used by mediasoup workers (s)', ['worker']),
    // Podium's additions.
    cpuPercent: gauge('mediasoup_worker_cpu_percent', 'CPU use of each mediasoup worker since the previous sample (%)', ['worker']),
    memory: gauge('mediasoup_worker_resident_memory_bytes', 'Resident memory of each mediasoup worker', ['worker']),
    inbound: gauge('mediasoup_inbound_bitrate', 'RTP received by the whole node (bits/s)'),
    outbound: gauge('mediasoup_outbound_bitrate', 'RTP sent by the whole node (bits/s)'),
    rooms: gauge('podium_rooms', 'Rooms open on this node'),
    peers: gauge('podium_peers', 'Peers joined on this node'),
  };
}

type Families = ReturnType<typeof buildFamilies>;

/** Writes one snapshot into the families. */
class SnapshotWriter {
  readonly #f: Families;
  readonly #feed = new CounterFeed();

  constructor(families: Families) {
    this.#f = families;
  }

  update(s: MetricsSnapshot): void {
    this.#f.workers.set(s.workers.filter((w) => w.alive).length);
    this.#f.routers.set(s.routers);
    this.#f.rooms.set(s.rooms);
    this.#f.peers.set(s.peers);
    this.#f.inbound.set(s.inboundBitrate);
    this.#f.outbound.set(s.outboundBitrate);
    this.#updateCounts(s);
    this.#updateWorkers(s.workers);
    for (const { role, kind, score } of s.scores) this.#f.rtpScore.observe({ mode: role, kind }, score);
    this.#feed.feed(this.#f.workerCrashes, {}, 'crashes', 0, s.workerCrashes);
    this.#feed.feed(this.#f.iceErrors, {}, 'ice', 0, s.iceErrors);
    this.#feed.feed(this.#f.dtlsErrors, {}, 'dtls', 0, s.dtlsErrors);
  }

  // Every known label set is written, 0 included, so a query tells "none" from "not exported".
  #updateCounts(s: MetricsSnapshot): void {
    const transports = countsBy(s.transports, (t) => t.type);
    for (const [type, label] of Object.entries(TRANSPORT_TYPES)) this.#f.transports.set({ type: label }, transports.get(type) ?? 0);
    this.#setByKindAndType(this.#f.producers, s.producers, PRODUCER_TYPES);
    this.#setByKindAndType(this.#f.consumers, s.consumers, CONSUMER_TYPES);
  }

  #setByKindAndType(
    gauge: Gauge<'type' | 'kind'>,
    items: { kind: 'audio' | 'video'; type: string; count: number }[],
    types: readonly string[],
  ): void {
    gauge.reset();
    const counts = countsBy(items, (i) => `${i.kind}:${known(i.type, types)}`);
    for (const kind of KINDS) for (const type of types) gauge.set({ kind, type }, counts.get(`${kind}:${type}`) ?? 0);
    for (const kind of KINDS) {
      const other = counts.get(`${kind}:other`);
      if (other !== undefined) gauge.set({ kind, type: 'other' }, other);
    }
  }

  #updateWorkers(workers: MetricsSnapshot['workers']): void {
    // A worker gone from the snapshot loses its gauges; its counters stay, as counters do.
    this.#f.cpuPercent.reset();
    this.#f.memory.reset();
    for (const w of workers) {
      const labels = { worker: String(w.index) };
      if (w.alive && w.cpuPercent !== null) this.#f.cpuPercent.set(labels, w.cpuPercent);
      if (w.alive) this.#f.memory.set(labels, w.memoryKb * 1024);
      this.#feed.feed(this.#f.userTime, labels, `utime:${w.index}`, w.pid, w.userMs / 1000);
      this.#feed.feed(this.#f.systemTime, labels, `stime:${w.index}`, w.pid, w.systemMs / 1000);
    }
  }
}

/** The /metrics registry over `source`: mediasoup families plus Node's process defaults. */
export function createMetrics(source: MetricsSource): Metrics {
  // Its own registry, not prom-client's global one: two servers in one test
  // process, or a library that registers globally, must not collide.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const scrape = oncePerScrape(() => {
    const snapshot = source.metricsSnapshot();
    registry.setDefaultLabels({ node: snapshot.nodeId });
    writer.update(snapshot);
  });
  const writer = new SnapshotWriter(buildFamilies(registry, scrape));
  return { registry, contentType: registry.contentType, render: () => registry.metrics() };
}
