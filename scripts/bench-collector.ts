/*
 * npm run bench:collector [-- N...] [--reps R] [--window S] [--warmup S] [--settle S]
 *   defaults: N = 100 300 750, 3 windows of each mode, 14 s windows after
 *   a 4 s warm-up per N and 2 s of settling per window: about 5.5 minutes.
 *
 * What the analytics collector costs (issue 6): N synthetic consumers (plain
 * RTP on loopback, SRTP towards the sinks) in a real room on one mediasoup
 * worker, measured with the collector off and on over the same load in the
 * same process: CPU % of the worker core and of the Node core, event-loop lag
 * p99, packets/s forwarded, getStats requests/s. Prints tables, writes
 * bench-results/collector-<timestamp>.json. Goals are reported, not asserted.
 *
 * The worker is pinned to CPU 1 and this process (with the load process that
 * sends and receives the media) to CPU 0 when taskset exists.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import type { Collector as CollectorClass } from '@/server/analytics/Collector';
import type { MediasoupCounters as CountersClass } from '@/server/sfu/MediasoupCounters';
import type { RoomRegistrySettings } from '@/server/sfu/RoomRegistry';
import type { WorkerPool as WorkerPoolClass } from '@/server/sfu/WorkerPool';
import { resolveWorkerBinary } from '@/server/sfu/workerBinary';
import { abbaOrder, collectorCosts, COLLECTOR_GOALS, summarize, type CollectorMode, type CostSummary, type ModeSummary, type RunRecord } from './bench/collectorSummary';
import { measureStatsCost, type StatsCost } from './bench/statsCost';
import { LoadProcess } from './load/LoadProcess';
import { measureWindow } from './load/measureWindow';
import { pinToCpu, type Pinning } from './load/pinCpu';
import { buildPlainRoomLoad, type PlainRoomLoad } from './load/plainRoomLoad';

const VIDEO_BITRATE = 500_000;
const FPS = 30;
/** A small room for timing single getStats requests: its own load stays far below the burst's. */
const CALIBRATION = { consumers: 40, requests: 20_000, baselineSeconds: 2 };
/** No colours: the tables get pasted into reports and logs. */
const PLAIN = { head: [], border: [] };

interface Options {
  consumers: number[];
  reps: number;
  windowSeconds: number;
  warmupSeconds: number;
  settleSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reps: { type: 'string', default: '3' },
      window: { type: 'string', default: '14' },
      warmup: { type: 'string', default: '4' },
      settle: { type: 'string', default: '2' },
    },
  });
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got '${text}'`);
    return n;
  };
  const consumers = positionals.flatMap((p) => p.split(',')).filter(Boolean).map((p) => Math.round(positive('N', p)));
  return {
    consumers: consumers.length > 0 ? consumers : [100, 300, 750],
    reps: Math.round(positive('--reps', values.reps)),
    windowSeconds: positive('--window', values.window),
    warmupSeconds: positive('--warmup', values.warmup),
    settleSeconds: positive('--settle', values.settle),
  };
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** mediasoup reads MEDIASOUP_WORKER_BIN once, at load: set it, then import everything that imports mediasoup. */
async function loadSfu() {
  process.env.MEDIASOUP_WORKER_BIN = resolveWorkerBinary().path;
  // Per-room info lines would cost the Node core in both modes alike and bury the table.
  process.env.LOG_LEVEL ??= 'warn';
  const [{ WorkerPool }, { MediasoupCounters }, { RoomRegistry }, { Peer }, { Collector, DEFAULT_COLLECTOR_SETTINGS }] = await Promise.all([
    import('@/server/sfu/WorkerPool'),
    import('@/server/sfu/MediasoupCounters'),
    import('@/server/sfu/RoomRegistry'),
    import('@/server/sfu/Peer'),
    import('@/server/analytics/Collector'),
  ]);
  return { WorkerPool, MediasoupCounters, RoomRegistry, Peer, Collector, DEFAULT_COLLECTOR_SETTINGS };
}
type Sfu = Awaited<ReturnType<typeof loadSfu>>;

/** Counts the collector's getStats requests at the Peer methods it calls; the bench's own wrapper, not the app's. */
function countStatsRequests(peerClass: Sfu['Peer']): () => number {
  let count = 0;
  const proto = peerClass.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['transportStats', 'producerStats', 'consumerStats']) {
    const original = proto[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  return () => count;
}

function registrySettings(consumers: number): RoomRegistrySettings {
  return {
    listenIp: '127.0.0.1',
    announcedIp: undefined,
    maxIncomingBitrate: 0,
    initialAvailableOutgoingBitrate: 600_000,
    maxPeersPerRoom: Math.ceil(consumers / 2) + 1,
    // Plain transports only, which have no DTLS and so no deadline.
    peerLimits: { maxTransports: 2, maxProducers: 2, dtlsConnectTimeoutMs: 0 },
  };
}

interface Context {
  sfu: Sfu;
  pool: WorkerPoolClass;
  counters: CountersClass;
  statsRequests: () => number;
  options: Options;
  pinnings: (Pinning & { what: string })[];
}

async function measureMode(ctx: Context, load: LoadProcess, built: PlainRoomLoad, registry: InstanceType<Sfu['RoomRegistry']>, mode: CollectorMode) {
  let collector: CollectorClass | undefined;
  if (mode === 'on') {
    collector = new ctx.sfu.Collector({ rooms: registry, pool: ctx.pool, counters: ctx.counters }, { ...ctx.sfu.DEFAULT_COLLECTOR_SETTINGS, nodeId: 'bench' });
    collector.start();
  }
  try {
    await sleep(ctx.options.settleSeconds);
    return await measureWindow(
      { workerUsage: () => ctx.pool.resourceUsage(0), loadCounts: () => load.counts(), requests: ctx.statsRequests },
      ctx.options.windowSeconds,
      { video: built.videoConsumers, audio: built.audioConsumers },
    );
  } finally {
    collector?.close();
  }
}

/** µs per getStats request, measured in a burst through the Peer methods the collector calls (see statsCost.ts). */
async function calibrateStatsCost(ctx: Context): Promise<StatsCost> {
  const registry = new ctx.sfu.RoomRegistry(ctx.pool, registrySettings(CALIBRATION.consumers));
  const load = await LoadProcess.spawn();
  pinToCpu(load.pid, 0);
  try {
    const built = await buildPlainRoomLoad(registry, load, { roomId: 'bench-calibration', consumers: CALIBRATION.consumers, videoBitrate: VIDEO_BITRATE, fps: FPS });
    const workerMs = async () => {
      const usage = await ctx.pool.resourceUsage(0);
      return usage.userMs + usage.systemMs;
    };
    return await measureStatsCost(
      built.room,
      { workerMs },
      { requests: CALIBRATION.requests, baselineSeconds: CALIBRATION.baselineSeconds, concurrency: ctx.sfu.DEFAULT_COLLECTOR_SETTINGS.concurrency },
    );
  } finally {
    registry.closeAll('bench-done');
    await load.stop();
  }
}

async function benchConsumers(ctx: Context, consumers: number): Promise<{ runs: RunRecord[]; setupMs: number }> {
  // A registry per N: a closed collector still listens to the registry it was given.
  const registry = new ctx.sfu.RoomRegistry(ctx.pool, registrySettings(consumers));
  const load = await LoadProcess.spawn();
  ctx.pinnings.push({ ...pinToCpu(load.pid, 0), what: `load process, N=${consumers}` });
  try {
    const built = await buildPlainRoomLoad(registry, load, { roomId: `bench-collector-${consumers}`, consumers, videoBitrate: VIDEO_BITRATE, fps: FPS });
    console.log(`N=${consumers}: ${built.subscribers} subscriber peers, ${built.videoConsumers} video + ${built.audioConsumers} audio consumers, built in ${built.setupMs} ms`);
    await sleep(ctx.options.warmupSeconds);
    const runs: RunRecord[] = [];
    const order = abbaOrder(ctx.options.reps);
    for (const [i, mode] of order.entries()) {
      const result = await measureMode(ctx, load, built, registry, mode);
      runs.push({ consumers, mode, rep: Math.floor(i / 2), result });
      console.log(
        `  collector ${mode.padEnd(3)}: worker ${result.workerCpuPercent.toFixed(1)} %, node ${result.nodeCpuPercent.toFixed(2)} %, ` +
          `lag p99 ${result.lagP99Ms.toFixed(1)} ms, ${result.packetsOutPerSecond} pkts/s out (delivery ${result.deliveryRatio}), ` +
          `${result.requestsPerSecond} getStats/s`,
      );
    }
    return { runs, setupMs: built.setupMs };
  } finally {
    registry.closeAll('bench-done');
    await load.stop();
  }
}

function modeTable(summary: ModeSummary[]): string {
  const table = new Table({
    style: PLAIN,
    head: ['N', 'collector', 'worker CPU %', 'node CPU %', 'lag p99 ms', 'pkts/s out', 'delivery', 'getStats/s', 'load proc CPU %', 'runs'],
  });
  for (const s of summary) {
    table.push([
      s.consumers,
      s.mode,
      s.workerCpuPercent.toFixed(2),
      s.nodeCpuPercent.toFixed(2),
      s.lagP99Ms.toFixed(1),
      s.packetsOutPerSecond,
      s.deliveryRatio.toFixed(3),
      s.requestsPerSecond.toFixed(1),
      s.loadCpuPercent.toFixed(1),
      s.runs,
    ]);
  }
  return table.toString();
}

function costTable(costs: CostSummary[]): string {
  const g = COLLECTOR_GOALS;
  const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  const table = new Table({
    style: PLAIN,
    head: [
      'N',
      `Δ worker CPU (goal ≤ ${g.workerCpuPoints})`,
      `Δ node CPU (goal ≤ ${g.nodeCpuPoints})`,
      `lag p99 on (goal ≤ ${g.lagP99Ms} ms)`,
      'getStats/s × µs: worker, node',
    ],
  });
  for (const c of costs) {
    const goalRow = c.consumers === g.atConsumers ? '' : ' (goal is for 750)';
    table.push([
      c.consumers,
      `${c.workerCpuPoints >= 0 ? '+' : ''}${c.workerCpuPoints.toFixed(2)} pts: ${verdict(c.meets.worker)}${goalRow}`,
      `${c.nodeCpuPoints >= 0 ? '+' : ''}${c.nodeCpuPoints.toFixed(2)} pts: ${verdict(c.meets.node)}${goalRow}`,
      `${c.lagP99OnMs.toFixed(1)} ms: ${verdict(c.meets.lag)}`,
      c.estimated ? `${c.estimated.workerCpuPoints.toFixed(2)}, ${c.estimated.nodeCpuPoints.toFixed(2)} pts` : '—',
    ]);
  }
  return table.toString();
}

function writeResults(results: object): string {
  const dir = path.join(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `collector-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const sfu = await loadSfu();
  // Counting must start before the worker exists.
  const counters = new sfu.MediasoupCounters();
  const pool = await sfu.WorkerPool.create({
    numWorkers: 1,
    logLevel: 'warn',
    // Clear of the ranges the tests use (41000-41999 e2e, 42000-44699 vitest, 45000-45499 e2e restart).
    rtcMinPort: 47000,
    rtcMaxPort: 47999,
    listenIp: '127.0.0.1',
    announcedIp: undefined,
    webRtcServerPort: 0,
  });
  const pinnings = [
    { ...pinToCpu(pool.workers()[0]!.pid, 1), what: 'mediasoup worker' },
    { ...pinToCpu(process.pid, 0), what: 'bench (Node) process' },
  ];
  const ctx: Context = { sfu, pool, counters, statsRequests: countStatsRequests(sfu.Peer), options, pinnings };
  console.log(
    `bench:collector: N = ${options.consumers.join(', ')}; ${options.reps}x off/on (ABBA), ${options.windowSeconds} s windows; ` +
      `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ` +
      `pinning: ${pinnings.map((p) => `${p.what} → CPU ${p.cpu}: ${p.pinned ? 'yes' : `no (${p.note})`}`).join(', ')}`,
  );
  const runs: RunRecord[] = [];
  const setupMs: Record<number, number> = {};
  let statsCost: StatsCost;
  try {
    statsCost = await calibrateStatsCost(ctx);
    console.log(
      `one getStats request: ${statsCost.workerMicrosPerRequest} µs of worker CPU, ${statsCost.nodeMicrosPerRequest} µs of Node CPU ` +
        `(${statsCost.requests} requests in ${statsCost.burstSeconds} s, ${CALIBRATION.consumers} consumers)`,
    );
    for (const consumers of options.consumers) {
      const result = await benchConsumers(ctx, consumers);
      runs.push(...result.runs);
      setupMs[consumers] = result.setupMs;
    }
  } finally {
    pool.close();
  }
  const summary = summarize(runs);
  const costs = collectorCosts(summary, { workerMicros: statsCost.workerMicrosPerRequest, nodeMicros: statsCost.nodeMicrosPerRequest });
  console.log(`\n${modeTable(summary)}\n\nCollector cost (median on − median off), against issue 6's goals (not asserted):\n${costTable(costs)}`);
  const file = writeResults({
    benchmark: 'collector',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    host: { cpus: os.availableParallelism(), loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg(), node: process.version },
    pinning: pinnings,
    options,
    load: {
      video: { codec: 'VP8', bitrate: VIDEO_BITRATE, fps: FPS, keyframeIntervalSeconds: 2 },
      audio: { codec: 'opus', packetsPerSecond: 50 },
      consumersTransport: 'PlainTransport with SRTP (AES_CM_128_HMAC_SHA1_80), one per subscriber peer',
      setupMs,
    },
    collectorSettings: { ...sfu.DEFAULT_COLLECTOR_SETTINGS, relayIps: [], drops: sfu.DEFAULT_COLLECTOR_SETTINGS.drops },
    goals: COLLECTOR_GOALS,
    statsCost,
    runs,
    summary,
    costs,
  });
  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; results: ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
