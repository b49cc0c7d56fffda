import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusMetric } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';
import type { MetricsSnapshot, MetricsSource } from './metricsSource';

function fixture(): MetricsSnapshot {
  return {
    nodeId: 'sfu-eu-1',
    workers: [
      { index: 0, pid: 4101, alive: true, cpuPercent: 12.5, userMs: 8_250, systemMs: 1_750, memoryKb: 51_200 },
      { index: 1, pid: 4102, alive: true, cpuPercent: null, userMs: 3_000, systemMs: 500, memoryKb: 40_960 },
      { index: 2, pid: 4103, alive: false, cpuPercent: null, userMs: 0, systemMs: 0, memoryKb: 0 },
    ],
    routers: 3,
    rooms: 3,
    peers: 7,
    transports: [
      { type: 'webrtc', count: 14 },
      { type: 'plain', count: 2 },
    ],
    producers: [
      { kind: 'audio', type: 'simple', count: 7 },
      { kind: 'video', type: 'simulcast', count: 5 },
      { kind: 'video', type: 'simple', count: 1 },
    ],
    consumers: [
      { kind: 'audio', type: 'simple', count: 42 },
      { kind: 'video', type: 'simulcast', count: 30 },
      { kind: 'video', type: 'pipe', count: 4 },
    ],
    scores: [
      { role: 'producer', kind: 'video', score: 10 },
      { role: 'producer', kind: 'video', score: 7 },
      { role: 'producer', kind: 'video', score: 0 },
      { role: 'producer', kind: 'audio', score: 10 },
      { role: 'consumer', kind: 'video', score: 3 },
      { role: 'consumer', kind: 'video', score: 9 },
      { role: 'consumer', kind: 'audio', score: 10 },
    ],
    workerCrashes: 1,
    iceErrors: 4,
    dtlsErrors: 2,
    inboundBitrate: 3_500_000,
    outboundBitrate: 21_000_000,
  };
}

/** A source whose snapshot a test can change, counting how often it is read. */
function source(initial = fixture()) {
  const state = { snapshot: initial, reads: 0 };
  const src: MetricsSource = {
    metricsSnapshot: () => {
      state.reads += 1;
      return state.snapshot;
    },
  };
  return { src, state };
}

async function scrape(metrics: ReturnType<typeof createMetrics>): Promise<PrometheusFamily[]> {
  return parsePrometheusTextFormat(await metrics.render());
}

function family(families: PrometheusFamily[], name: string): PrometheusFamily {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no family ${name}`);
  return found;
}

/** The one sample whose labels include `labels`. */
function sample(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): PrometheusMetric {
  const matches = family(families, name).metrics.filter((m) =>
    Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
  if (matches.length !== 1) throw new Error(`${matches.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return matches[0];
}

function value(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): number {
  return Number(sample(families, name, labels).value);
}

/**
 * One histogram series, read by the parser from that series' lines alone:
 * parse-prometheus-text-format merges the series of a labelled histogram
 * into one and drops their labels, _sum and _count (its issue #13, unmerged
 * PR #8). Handed the bucket lines alone it reads the buckets; handed the
 * _sum and _count lines alone it keeps them as one labelled sample.
 */
function histogramSeries(text: string, name: string, labels: Record<string, string>) {
  const lines = text.split('\n');
  const ofSeries = (line: string) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
  const parse = (suffixes: string[]) => {
    const picked = lines.filter((line) => suffixes.some((suffix) => line.startsWith(`${name}${suffix}{`)) && ofSeries(line));
    const [parsed] = parsePrometheusTextFormat([`# TYPE ${name} histogram`, ...picked].join('\n') + '\n');
    expect(parsed.type).toBe('HISTOGRAM');
    expect(parsed.metrics).toHaveLength(1);
    return parsed.metrics[0];
  };
  const { buckets = {} } = parse(['_bucket']);
  const totals = parse(['_sum', '_count']);
  return {
    buckets: Object.fromEntries(Object.entries(buckets).map(([le, count]) => [le, Number(count)])),
    sum: Number(totals.sum),
    count: Number(totals.count),
  };
}

const sum = (items: { count: number }[]) => items.reduce((n, i) => n + i.count, 0);
const countOf = (items: { kind: string; type: string; count: number }[], kind: string, type: string) =>
  sum(items.filter((i) => i.kind === kind && i.type === type));

describe('createMetrics', () => {
  it('exports the bbb-webrtc-sfu mediasoup_* families with the snapshot’s values', async () => {
    const snap = fixture();
    const families = await scrape(createMetrics(source(snap).src));

    expect(family(families, 'mediasoup_workers').type).toBe('GAUGE');
    expect(value(families, 'mediasoup_workers')).toBe(snap.workers.filter((w) => w.alive).length);
    expect(value(families, 'mediasoup_routers')).toBe(snap.routers);
    expect(value(families, 'podium_rooms')).toBe(snap.rooms);
    expect(value(families, 'podium_peers')).toBe(snap.peers);
    expect(value(families, 'mediasoup_inbound_bitrate')).toBe(snap.inboundBitrate);
    expect(value(families, 'mediasoup_outbound_bitrate')).toBe(snap.outboundBitrate);

    const transports = (type: string) => sum(snap.transports.filter((t) => t.type === type));
    expect(value(families, 'mediasoup_transports', { type: 'WebRtcTransport' })).toBe(transports('webrtc'));
    expect(value(families, 'mediasoup_transports', { type: 'PlainTransport' })).toBe(transports('plain'));
    expect(value(families, 'mediasoup_transports', { type: 'PipeTransport' })).toBe(transports('pipe'));
    expect(value(families, 'mediasoup_transports', { type: 'DirectTransport' })).toBe(transports('direct'));

    for (const kind of ['audio', 'video']) {
      for (const type of ['simple', 'simulcast', 'svc']) {
        expect(value(families, 'mediasoup_producers', { kind, type })).toBe(countOf(snap.producers, kind, type));
      }
      for (const type of ['simple', 'simulcast', 'svc', 'pipe']) {
        expect(value(families, 'mediasoup_consumers', { kind, type })).toBe(countOf(snap.consumers, kind, type));
      }
    }
  });

  it('exports each worker by index: CPU %, memory and CPU seconds', async () => {
    const snap = fixture();
    const families = await scrape(createMetrics(source(snap).src));

    for (const w of snap.workers) {
      const worker = String(w.index);
      expect(value(families, 'mediasoup_worker_ru_utime_total', { worker })).toBeCloseTo(w.userMs / 1000);
      expect(value(families, 'mediasoup_worker_ru_stime_total', { worker })).toBeCloseTo(w.systemMs / 1000);
      const cpu = family(families, 'mediasoup_worker_cpu_percent').metrics.filter((m) => m.labels?.worker === worker);
      expect(cpu.map((m) => Number(m.value))).toEqual(w.alive && w.cpuPercent !== null ? [w.cpuPercent] : []);
      const memory = family(families, 'mediasoup_worker_resident_memory_bytes').metrics.filter((m) => m.labels?.worker === worker);
      expect(memory.map((m) => Number(m.value))).toEqual(w.alive ? [w.memoryKb * 1024] : []);
    }
    expect(family(families, 'mediasoup_worker_ru_utime_total').type).toBe('COUNTER');
  });

  it('counts the scores in the RTP score histogram, by mode and kind', async () => {
    const snap = fixture();
    const metrics = createMetrics(source(snap).src);
    const text = await metrics.render();
    expect(family(parsePrometheusTextFormat(text), 'mediasoup_rtp_score').type).toBe('HISTOGRAM');

    for (const mode of ['producer', 'consumer'] as const) {
      for (const kind of ['audio', 'video'] as const) {
        const scores = snap.scores.filter((s) => s.role === mode && s.kind === kind).map((s) => s.score);
        const series = histogramSeries(text, 'mediasoup_rtp_score', { mode, kind });
        expect(Object.keys(series.buckets)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '+Inf']);
        for (const [le, count] of Object.entries(series.buckets)) {
          const bound = le === '+Inf' ? Infinity : Number(le);
          expect(count, `${mode} ${kind} le=${le}`).toBe(scores.filter((s) => s <= bound).length);
        }
        expect(series.count).toBe(scores.length);
        expect(series.sum).toBe(scores.reduce((a, b) => a + b, 0));
      }
    }
  });

  it('samples the current scores once per scrape, so the histogram only grows', async () => {
    const snap = fixture();
    const metrics = createMetrics(source(snap).src);
    await metrics.render();
    const text = await metrics.render();

    const consumerVideo = snap.scores.filter((s) => s.role === 'consumer' && s.kind === 'video');
    expect(histogramSeries(text, 'mediasoup_rtp_score', { mode: 'consumer', kind: 'video' }).count).toBe(2 * consumerVideo.length);
  });

  it('feeds counters from the monotonic totals, and a restarted worker adds its new CPU time', async () => {
    const { src, state } = source();
    const metrics = createMetrics(src);
    const first = state.snapshot;
    await metrics.render();

    // Worker 0 was replaced and its successor has already used more CPU than it
    // had; worker 1 reports less than before (a reset); worker 2 is unchanged.
    const [w0, w1, w2] = first.workers;
    const respawned = { ...w0, pid: w0.pid + 100, userMs: w0.userMs + 400, systemMs: w0.systemMs + 100 };
    const reset = { ...w1, userMs: w1.userMs / 2 };
    state.snapshot = {
      ...first,
      workers: [respawned, reset, w2],
      workerCrashes: first.workerCrashes + 1,
      iceErrors: first.iceErrors + 3,
      dtlsErrors: first.dtlsErrors,
    };
    const families = await scrape(metrics);

    for (const name of ['mediasoup_worker_crashes', 'mediasoup_transport_ice_errors', 'mediasoup_transport_dtls_errors']) {
      expect(family(families, name).type).toBe('COUNTER');
    }
    expect(value(families, 'mediasoup_worker_crashes')).toBe(state.snapshot.workerCrashes);
    expect(value(families, 'mediasoup_transport_ice_errors')).toBe(state.snapshot.iceErrors);
    expect(value(families, 'mediasoup_transport_dtls_errors')).toBe(state.snapshot.dtlsErrors);
    // What was counted stays counted; what the new run (or reset) reports is added.
    const utime = (worker: string) => value(families, 'mediasoup_worker_ru_utime_total', { worker });
    const stime = (worker: string) => value(families, 'mediasoup_worker_ru_stime_total', { worker });
    expect(utime('0')).toBeCloseTo((w0.userMs + respawned.userMs) / 1000);
    expect(stime('0')).toBeCloseTo((w0.systemMs + respawned.systemMs) / 1000);
    expect(utime('1')).toBeCloseTo((w1.userMs + reset.userMs) / 1000);
    expect(stime('1')).toBeCloseTo(w1.systemMs / 1000);
    expect(utime('2')).toBe(w2.userMs / 1000);
  });

  it('reads one snapshot per scrape', async () => {
    const { src, state } = source();
    const metrics = createMetrics(src);
    await metrics.render();
    expect(state.reads).toBe(1);
    await metrics.render();
    expect(state.reads).toBe(2);
  });

  it('drops the gauges of a worker gone from the snapshot', async () => {
    const { src, state } = source();
    const metrics = createMetrics(src);
    await metrics.render();
    state.snapshot = { ...state.snapshot, workers: state.snapshot.workers.slice(1) };
    const families = await scrape(metrics);
    const workers = (name: string) => family(families, name).metrics.map((m) => m.labels?.worker);
    expect(workers('mediasoup_worker_resident_memory_bytes')).not.toContain('0');
    expect(workers('mediasoup_worker_cpu_percent')).not.toContain('0');
  });

  it('labels every sample with the node and never with an id', async () => {
    const snap = fixture();
    const metrics = createMetrics(source(snap).src);
    const families = await scrape(metrics);
    const uuidLike = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    const allowed = new Set(['node', 'type', 'kind', 'mode', 'worker', 'le']);

    // The registry's own view: unlike the parser's, it keeps the labels of histogram series.
    const all = await metrics.registry.getMetricsAsJSON();
    expect(all.map((m) => m.name).sort()).toEqual(families.map((f) => f.name).sort());
    for (const m of all) {
      for (const v of m.values) {
        expect(v.labels.node, m.name).toBe(snap.nodeId);
        for (const labelValue of Object.values(v.labels)) expect(String(labelValue), m.name).not.toMatch(uuidLike);
        if (m.name.startsWith('mediasoup_') || m.name.startsWith('podium_')) {
          for (const label of Object.keys(v.labels)) expect(allowed, `${m.name} {${label}}`).toContain(label);
        }
      }
    }
    for (const f of families.filter((f) => f.type !== 'HISTOGRAM')) {
      for (const m of f.metrics) expect(m.labels?.node, f.name).toBe(snap.nodeId);
    }
    const workerLabels = family(families, 'mediasoup_worker_ru_utime_total').metrics.map((m) => m.labels?.worker);
    expect(workerLabels.sort()).toEqual(snap.workers.map((w) => String(w.index)).sort());
  });

  it('includes Node’s process defaults: event-loop lag and heap', async () => {
    const metrics = createMetrics(source().src);
    const names = (await scrape(metrics)).map((f) => f.name);

    expect(names.filter((n) => n.startsWith('nodejs_eventloop_lag_'))).toContain('nodejs_eventloop_lag_seconds');
    expect(names.filter((n) => n.startsWith('nodejs_heap_'))).toContain('nodejs_heap_size_used_bytes');
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('keeps two exporters apart (each has its own registry)', async () => {
    const a = createMetrics(source().src);
    const b = createMetrics(source({ ...fixture(), nodeId: 'sfu-eu-2' }).src);
    expect(value(await scrape(a), 'mediasoup_routers', { node: 'sfu-eu-1' })).toBe(fixture().routers);
    expect(value(await scrape(b), 'mediasoup_routers', { node: 'sfu-eu-2' })).toBe(fixture().routers);
  });
});
