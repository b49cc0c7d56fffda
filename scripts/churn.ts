/*
 * npm run churn [-- --cycles 300] [--concurrency 6] [--rooms 3] [--warmup 20]
 *                  [--grace-ms 1000] [--settle 3] [--heap-tolerance-mb 3] [--seed N]
 *
 * Issue 8, "churn and faults": random join → publish → consume → leave /
 * vanish / stall / refresh cycles against the real server (its own port,
 * database and RTC port range), then checks that everything returns to its
 * baseline: mediasoup's own object counts, the UDP and TCP sockets of the
 * worker processes, the server's descriptors, rooms, Node's heap after a
 * forced GC (through the inspector), and session rows without a leave.
 *
 * Each cycle is a Socket.IO participant (scripts/lib/signalingBot.ts) that
 * makes the page's own requests: join-room, a send and a receive WebRTC
 * transport, connect, produce Opus + VP8, consume everyone, resume. It has no
 * ICE/DTLS stack, so no media flows; signaling has no plain-transport
 * request. Endings, at random:
 *   leave    leave-room, then the socket closes
 *   vanish   the connection closes without a leave (a closed tab, a killed process)
 *   stall    the connection goes silent (a dead network): only the heartbeat notices
 *   refresh  vanish, then the same identity joins again at once (a reloaded page)
 *
 * A vanished participant keeps its place for the resume grace period, so the
 * server runs with RESUME_GRACE_MS=--grace-ms and the after-measurement waits
 * for it, for the heartbeat (pingInterval + pingTimeout, 8 s) and --settle s.
 *
 * The baseline is taken after --warmup cycles (the first joins load code and
 * fill caches once); the fresh-start figures are printed too. Exits 1 if any
 * count differs from the baseline, the heap grew by more than the tolerance,
 * or a cycle failed. Writes bench-results/churn-<timestamp>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { ROOT } from './lib/localServer';
import {
  adminGet,
  forcedGcHeapUsed,
  metricSum,
  metricsText,
  sessionCounts,
  sleep,
  socketCounts,
  startProbedServer,
  stopProbedServer,
  waitHealthy,
  type ProbedServer,
  type ServerOverviewLite,
} from './lib/serverProbe';
import { SignalingBot } from './lib/signalingBot';

const PORT = 3131;
const INSPECTOR_PORT = 9331;
const RTC_PORTS: [number, number] = [46000, 46999];
const ADMIN_TOKEN = 'churn-admin-token-0123456789abcdef';
/** Socket.IO's heartbeat on the server (attachSignaling: pingInterval + pingTimeout). */
const HEARTBEAT_MS = 8000;
const PLAIN = { head: [], border: [] };

type Ending = 'leave' | 'vanish' | 'stall' | 'refresh';
const ENDINGS: Ending[] = ['leave', 'vanish', 'stall', 'refresh'];

interface Options {
  cycles: number;
  concurrency: number;
  rooms: number;
  warmup: number;
  graceMs: number;
  settleSeconds: number;
  heapToleranceMb: number;
  seed: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      cycles: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '6' },
      rooms: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '20' },
      'grace-ms': { type: 'string', default: '1000' },
      settle: { type: 'string', default: '3' },
      'heap-tolerance-mb': { type: 'string', default: '3' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    },
  });
  const number = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got '${text}'`);
    return n;
  };
  return {
    cycles: Math.round(number('cycles', values.cycles, 1)),
    concurrency: Math.round(number('concurrency', values.concurrency, 1)),
    rooms: Math.round(number('rooms', values.rooms, 1)),
    warmup: Math.round(number('warmup', values.warmup, 0)),
    graceMs: Math.round(number('grace-ms', values['grace-ms'], 0)),
    settleSeconds: number('settle', values.settle, 0),
    heapToleranceMb: number('heap-tolerance-mb', values['heap-tolerance-mb'], 0),
    seed: Math.round(number('seed', values.seed, 0)),
  };
}

/** mulberry32: a seeded generator, so a run's sequence of rooms, holds and endings can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- measuring -------------------------------------------------------------------

interface Snapshot {
  label: string;
  at: string;
  workers: number;
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
  rooms: number;
  peers: number;
  workerUdp: number;
  workerTcpListening: number;
  workerTcpOther: number;
  serverFds: number;
  serverTcp: number;
  heapUsedMb: number;
  heapAfterGcMb: number;
  sessionRows: number;
  sessionsWithoutLeave: number;
}

/** Everything that must come back to its baseline; the heap (noisy) is judged apart, with a tolerance. */
const EXACT: (keyof Snapshot)[] = [
  'workers',
  'routers',
  'transports',
  'producers',
  'consumers',
  'rooms',
  'peers',
  'workerUdp',
  'workerTcpListening',
  'workerTcpOther',
  'serverFds',
  'serverTcp',
  'sessionsWithoutLeave',
];

async function snapshot(server: ProbedServer, label: string): Promise<Snapshot> {
  const overview = await adminGet<ServerOverviewLite>(server, '/analytics/server');
  // The server closes that request's connection just after answering: let it go before counting.
  await sleep(300);
  const workers = socketCounts(overview.workers.filter((w) => w.alive).map((w) => w.pid));
  const node = socketCounts([server.child.pid!]);
  const metrics = await metricsText(server);
  const heapAfterGc = await forcedGcHeapUsed(server);
  const sessions = await sessionCounts(server.options.databaseFile);
  const t = overview.totals;
  return {
    label,
    at: new Date().toISOString(),
    workers: metricSum(metrics, 'mediasoup_workers') ?? t.workers,
    routers: metricSum(metrics, 'mediasoup_routers') ?? t.routers,
    transports: metricSum(metrics, 'mediasoup_transports') ?? t.transports,
    producers: metricSum(metrics, 'mediasoup_producers') ?? t.producers,
    consumers: metricSum(metrics, 'mediasoup_consumers') ?? t.consumers,
    rooms: metricSum(metrics, 'podium_rooms') ?? t.rooms,
    peers: metricSum(metrics, 'podium_peers') ?? t.peers,
    workerUdp: workers.udp,
    workerTcpListening: workers.tcpListening,
    workerTcpOther: workers.tcpOther,
    serverFds: node.fds,
    serverTcp: node.tcpOther,
    heapUsedMb: round((metricSum(metrics, 'nodejs_heap_size_used_bytes') ?? 0) / 2 ** 20),
    heapAfterGcMb: round(heapAfterGc / 2 ** 20),
    sessionRows: sessions.total,
    sessionsWithoutLeave: sessions.open,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---- the cycles ------------------------------------------------------------------

interface CycleRecord {
  index: number;
  room: string;
  ending: Ending;
  holdMs: number;
  consumers: number;
  consumeRaces: number;
  error?: string;
}

interface Churn {
  server: ProbedServer;
  options: Options;
  random: () => number;
  records: CycleRecord[];
  joins: number;
  started: number;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** One participant's life; a refresh goes straight on as the same identity in the same room. */
async function cycle(churn: Churn, index: number, carried?: { room: string; identity: string }): Promise<{ room: string; identity: string } | undefined> {
  const { random, options } = churn;
  const room = carried?.room ?? `churn-${1 + Math.floor(random() * options.rooms)}`;
  const identity = carried?.identity ?? randomBytes(12).toString('base64url');
  const ending = pick(random, ENDINGS);
  const holdMs = 300 + Math.round(random() * 2700);
  const record: CycleRecord = { index, room, ending, holdMs, consumers: 0, consumeRaces: 0 };
  churn.records.push(record);
  let bot: SignalingBot | undefined;
  try {
    bot = await SignalingBot.connect(churn.server.baseUrl);
    churn.joins++;
    await bot.join(room, `Bot ${index}`, { identity, ssrcBase: 20_000_000 + index * 10 });
    await sleep(holdMs);
    record.consumers = bot.consumers;
    record.consumeRaces = bot.consumeRaces;
    const background = bot.backgroundErrors[0];
    if (background) throw background;
    switch (ending) {
      case 'leave':
        await bot.leave();
        return undefined;
      case 'vanish':
        bot.vanish();
        return undefined;
      case 'stall':
        bot.stall(HEARTBEAT_MS + 4000);
        return undefined;
      case 'refresh':
        bot.vanish();
        return { room, identity };
    }
  } catch (error) {
    // A join that never got an answer still may have made a row: it is the server's to close.
    record.error = error instanceof Error ? error.message : String(error);
    bot?.vanish();
    return undefined;
  }
}

async function runCycles(churn: Churn, count: number, what: string): Promise<void> {
  let next = 0;
  let done = 0;
  const started = Date.now();
  const lane = async () => {
    let carried: { room: string; identity: string } | undefined;
    while (next < count) {
      const index = churn.started++;
      next++;
      carried = await cycle(churn, index, carried);
      done++;
      if (done % 50 === 0) console.log(`  ${what}: ${done}/${count} cycles, ${Math.round((Date.now() - started) / 1000)} s`);
      // A page reload joins at once; anyone else comes back after a pause.
      if (!carried) await sleep(Math.round(churn.random() * 500));
    }
  };
  await Promise.all(Array.from({ length: churn.options.concurrency }, lane));
}

// ---- reporting -------------------------------------------------------------------

function snapshotTable(start: Snapshot, baseline: Snapshot, after: Snapshot): { table: string; failures: string[]; heapGrowthMb: number } {
  const failures: string[] = [];
  const table = new Table({ style: PLAIN, head: ['', 'fresh start', 'baseline', 'after', 'after - baseline', 'verdict'] });
  for (const key of EXACT) {
    const delta = (after[key] as number) - (baseline[key] as number);
    const ok = delta === 0;
    if (!ok) failures.push(`${key}: ${baseline[key]} at baseline, ${after[key]} after`);
    table.push([key, start[key], baseline[key], after[key], delta, ok ? 'back to baseline' : 'LEAK']);
  }
  table.push(['sessionRows', start.sessionRows, baseline.sessionRows, after.sessionRows, after.sessionRows - baseline.sessionRows, 'one per join']);
  table.push(['heapUsedMb (as scraped)', start.heapUsedMb, baseline.heapUsedMb, after.heapUsedMb, round(after.heapUsedMb - baseline.heapUsedMb), 'informational']);
  const heapGrowthMb = round(after.heapAfterGcMb - baseline.heapAfterGcMb);
  table.push(['heapAfterGcMb', start.heapAfterGcMb, baseline.heapAfterGcMb, after.heapAfterGcMb, heapGrowthMb, '']);
  return { table: table.toString(), failures, heapGrowthMb };
}

function cyclesTable(records: CycleRecord[]): string {
  const table = new Table({ style: PLAIN, head: ['ending', 'cycles', 'failed', 'consumers made', 'consume races'] });
  for (const ending of ENDINGS) {
    const of = records.filter((r) => r.ending === ending);
    table.push([
      ending,
      of.length,
      of.filter((r) => r.error).length,
      of.reduce((n, r) => n + r.consumers, 0),
      of.reduce((n, r) => n + r.consumeRaces, 0),
    ]);
  }
  return table.toString();
}

/** Polls until every exact count is back or the deadline passes; returns the last snapshot. */
async function settle(server: ProbedServer, baseline: Snapshot, label: string, deadlineMs: number): Promise<{ after: Snapshot; waitedMs: number }> {
  const start = Date.now();
  for (;;) {
    const after = await snapshot(server, label);
    const back = EXACT.every((key) => after[key] === baseline[key]);
    if (back || Date.now() - start > deadlineMs) return { after, waitedMs: Date.now() - start };
    await sleep(1000);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'podium-churn-'));
  const databaseFile = path.join(dir, 'churn.db');
  const server = startProbedServer({
    port: PORT,
    databaseFile,
    adminToken: ADMIN_TOKEN,
    rtcPorts: RTC_PORTS,
    inspectorPort: INSPECTOR_PORT,
    env: {
      RESUME_GRACE_MS: String(options.graceMs),
      MEDIASOUP_NUM_WORKERS: '2',
      // Every bot comes from 127.0.0.1: the per-address join budget is for people, not for this.
      JOIN_RATE_PER_MINUTE: '100000',
    },
  });
  console.log(`server: pid ${server.child.pid}, port ${PORT}, RESUME_GRACE_MS=${options.graceMs}, database ${databaseFile}`);
  const waitAfterMs = options.graceMs + HEARTBEAT_MS + options.settleSeconds * 1000;
  let exitCode = 1;
  try {
    await waitHealthy(server);
    const churn: Churn = { server, options, random: seededRandom(options.seed), records: [], joins: 0, started: 0 };
    const start = await snapshot(server, 'fresh start');
    if (options.warmup > 0) {
      console.log(`warm-up: ${options.warmup} cycles, then ${Math.round(waitAfterMs / 1000)} s for the grace period (${options.graceMs} ms), the heartbeat and settling`);
      await runCycles(churn, options.warmup, 'warm-up');
      await sleep(waitAfterMs);
    }
    const baseline = (await settle(server, start, 'baseline', 20_000)).after;
    const warmupRecords = churn.records.length;
    const joinsBefore = churn.joins;
    console.log(`churn: ${options.cycles} cycles, ${options.concurrency} at a time over ${options.rooms} rooms, seed ${options.seed}`);
    const churnStarted = Date.now();
    await runCycles(churn, options.cycles, 'churn');
    const churnMs = Date.now() - churnStarted;
    console.log(`churn done in ${Math.round(churnMs / 1000)} s; waiting ${Math.round(waitAfterMs / 1000)} s (grace ${options.graceMs} ms + heartbeat ${HEARTBEAT_MS / 1000} s + settle ${options.settleSeconds} s)`);
    await sleep(waitAfterMs);
    const { after, waitedMs } = await settle(server, baseline, 'after churn', 20_000);

    const records = churn.records.slice(warmupRecords);
    const { table, failures, heapGrowthMb } = snapshotTable(start, baseline, after);
    const joins = churn.joins - joinsBefore;
    const newRows = after.sessionRows - baseline.sessionRows;
    if (newRows !== joins) failures.push(`sessionRows: ${joins} joins asked for, ${newRows} rows made`);
    if (heapGrowthMb > options.heapToleranceMb) failures.push(`heap after GC grew ${heapGrowthMb} MB (tolerance ${options.heapToleranceMb} MB)`);
    const failed = records.filter((r) => r.error);
    if (failed.length > 0) failures.push(`${failed.length} cycle(s) failed, first: ${failed[0]!.error}`);

    console.log(`\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`);
    console.log(`Server: 2 mediasoup workers, RESUME_GRACE_MS=${options.graceMs}; "after" measured ${Math.round((waitAfterMs + waitedMs) / 1000)} s after the last cycle ended.`);
    console.log(`Cycles (${options.cycles}, ${Math.round(churnMs / 1000)} s, ${options.concurrency} at a time, ${options.rooms} rooms, seed ${options.seed}):`);
    console.log(cyclesTable(records));
    console.log('Server state (counts from /metrics, sockets from /proc/<pid>/fd, heap after a forced GC via the inspector, sessions from the database):');
    console.log(table);
    console.log(`Heap after GC: ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb} MB over ${options.cycles} cycles (${round((heapGrowthMb * 1024) / options.cycles, 1)} kB per cycle), tolerance ${options.heapToleranceMb} MB.`);
    console.log(failures.length === 0 ? 'RESULT: everything returned to its baseline.' : `RESULT: FAILED\n  ${failures.join('\n  ')}`);

    const resultsDir = path.join(ROOT, 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `churn-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
          options,
          waitAfterMs: waitAfterMs + waitedMs,
          churnMs,
          snapshots: { start, baseline, after },
          heapGrowthMb,
          failures,
          cycles: records,
        },
        null,
        2,
      ),
    );
    console.log(`wrote ${path.relative(ROOT, file)}`);
    exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    const stopped = await stopProbedServer(server);
    if (stopped.code !== 0) console.log(`server exited with ${stopped.code ?? stopped.signal}`);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
