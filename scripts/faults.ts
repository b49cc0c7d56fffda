/*
 * npm run faults [-- --runs 3] [--participants 3]
 *   Drives Chromium: on a shared machine run it under the e2e lock,
 *   `flock /tmp/podium-e2e.lock npm run faults`. Needs a production build (`npm run build`).
 *
 * Issue 8, "churn and faults", against the real server (own port, database, RTC ports):
 *
 * (i) A worker SIGKILLed mid-call. Browser participants (Debian's Chromium,
 *     fake camera, the flags of playwright.config.ts) are in one room; the
 *     worker hosting it (pid from /analytics/rooms) is SIGKILLed. Each page
 *     watches its remote camera <video>s every 50 ms; a participant is back
 *     when every other participant's camera shows new frames on a track that
 *     did not exist before the kill. Prints each participant's recovery time
 *     per run, the worker the room is on afterwards, and the medians.
 *
 * (ii) SIGTERM with the call going on: a socket connected beforehand asks to
 *     join once it is told of the shutdown (must be refused), a participant
 *     that joined and left just before leaves a 'join-failed' event in the
 *     batch writer (must reach the database), the process must exit 0, every
 *     session row must have a leave, each participant's last partial
 *     telemetry window must be stored, and the restarted server must find no
 *     session left open.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../playwright.config';
import { ROOT } from './lib/localServer';
import { adminGet, sleep, startProbedServer, stopProbedServer, waitHealthy, type ProbedServer, type RoomSummaryLite, type ServerOverviewLite } from './lib/serverProbe';
import { SignalingBot, type Ack } from './lib/signalingBot';

const PORT = 3132;
const RTC_PORTS: [number, number] = [47000, 47999];
const ADMIN_TOKEN = 'faults-admin-token-0123456789abcdef';
const ROOM = `faults-${Date.now().toString(36)}`;
const RECOVERY_GOAL_MS = 5000;
const RECOVERY_DEADLINE_MS = 30_000;
const NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin'];
const PLAIN = { head: [], border: [] };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

interface Participant {
  name: string;
  page: Page;
}

async function joinAs(browser: Browser, server: ProbedServer, name: string): Promise<Participant> {
  const context = await browser.newContext({ viewport: { width: 960, height: 640 }, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  await page.goto(`${server.baseUrl}/room/${ROOM}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('button', { name: 'Leave meeting' }).waitFor({ timeout: 30_000 });
  return { name, page };
}

/**
 * In the page: every 50 ms, each remote camera <video>'s track and frame count;
 * per track, when its frame count first rose after the track was first seen.
 */
function installWatch(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Seen = { label: string; firstFrames: number; firstSeenAt: number; decodingAt: number | null };
    const w = window as unknown as { __faultWatch?: Map<string, Seen> };
    if (w.__faultWatch) return;
    const tracks = new Map<string, Seen>();
    w.__faultWatch = tracks;
    setInterval(() => {
      for (const video of document.querySelectorAll<HTMLVideoElement>("video[aria-label$=\"'s camera\"]")) {
        const track = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
        if (!track) continue;
        const frames = video.getVideoPlaybackQuality().totalVideoFrames;
        const seen = tracks.get(track.id);
        if (!seen) tracks.set(track.id, { label: video.getAttribute('aria-label') ?? '', firstFrames: frames, firstSeenAt: Date.now(), decodingAt: null });
        else if (seen.decodingAt === null && frames > seen.firstFrames) seen.decodingAt = Date.now();
      }
    }, 50);
  });
}

type TrackView = { id: string; label: string; decodingAt: number | null };

function tracksOf(page: Page): Promise<TrackView[]> {
  return page.evaluate(() => {
    const tracks = (window as unknown as { __faultWatch: Map<string, { label: string; decodingAt: number | null }> }).__faultWatch;
    return [...tracks.entries()].map(([id, t]) => ({ id, label: t.label, decodingAt: t.decodingAt }));
  });
}

/** When this participant decodes every other one's camera on a track newer than `before` (null: not yet). */
async function backAt(p: Participant, others: string[], before: Set<string>): Promise<number | null> {
  const tracks = await tracksOf(p.page);
  let latest = 0;
  for (const name of others) {
    const fresh = tracks.filter((t) => t.label === `${name}'s camera` && !before.has(t.id) && t.decodingAt !== null);
    if (fresh.length === 0) return null;
    latest = Math.max(latest, Math.min(...fresh.map((t) => t.decodingAt!)));
  }
  return latest;
}

async function waitAllDecoding(participants: Participant[], before: Map<string, Set<string>>, deadlineMs: number): Promise<Map<string, number | null>> {
  const end = Date.now() + deadlineMs;
  const result = new Map<string, number | null>();
  while (Date.now() < end) {
    for (const p of participants) {
      if (result.get(p.name)) continue;
      const others = participants.filter((o) => o !== p).map((o) => o.name);
      result.set(p.name, await backAt(p, others, before.get(p.name) ?? new Set()));
    }
    if ([...result.values()].every((v) => v !== null)) break;
    await sleep(100);
  }
  return result;
}

async function roomOf(server: ProbedServer): Promise<RoomSummaryLite | undefined> {
  return (await adminGet<{ rooms: RoomSummaryLite[] }>(server, '/analytics/rooms')).rooms.find((r) => r.id === ROOM);
}

async function waitWorkersAlive(server: ProbedServer, count: number): Promise<ServerOverviewLite['workers']> {
  for (let i = 0; i < 100; i++) {
    const { workers } = await adminGet<ServerOverviewLite>(server, '/analytics/server');
    if (workers.filter((w) => w.alive).length === count) return workers;
    await sleep(200);
  }
  throw new Error(`the pool did not get back to ${count} live workers`);
}

interface KillRun {
  run: number;
  killedPid: number;
  newPid: number | null;
  newWorkerWas: string;
  recoveryMs: Record<string, number | null>;
}

async function workerKillRun(server: ProbedServer, participants: Participant[], run: number): Promise<KillRun> {
  const workersBefore = await waitWorkersAlive(server, 2);
  const room = await roomOf(server);
  if (!room) throw new Error('the call room is not on the server');
  const before = new Map<string, Set<string>>();
  for (const p of participants) before.set(p.name, new Set((await tracksOf(p.page)).map((t) => t.id)));
  const killedAt = Date.now();
  process.kill(room.workerPid, 'SIGKILL');
  const back = await waitAllDecoding(participants, before, RECOVERY_DEADLINE_MS);
  const after = await roomOf(server);
  const survivor = workersBefore.find((w) => w.pid !== room.workerPid)?.pid;
  return {
    run,
    killedPid: room.workerPid,
    newPid: after?.workerPid ?? null,
    newWorkerWas: !after ? 'no room' : after.workerPid === survivor ? 'the surviving worker' : after.workerPid === room.workerPid ? 'THE KILLED ONE' : 'the replacement worker',
    recoveryMs: Object.fromEntries(participants.map((p) => [p.name, back.get(p.name) ? back.get(p.name)! - killedAt : null])),
  };
}

// ---- SIGTERM -----------------------------------------------------------------------

interface SigtermResult {
  exitCode: number | null;
  shutdownMs: number;
  noticeToSocket: string | null;
  noticeShownOnPages: Record<string, boolean>;
  joinDuringShutdown: string;
  sessionsWithoutLeave: number;
  shutdownLeaves: number;
  callSessions: number;
  joinFailedEventStored: boolean;
  partialTelemetryStored: Record<string, boolean>;
  closedAtRestart: number;
  openAfterRestartNotLive: number;
}

async function sigterm(server: ProbedServer, participants: Participant[], databaseFile: string): Promise<{ result: SigtermResult; restarted: ProbedServer }> {
  const { createPrismaClient } = await import('@/server/db/client');
  const peers = (await adminGet<{ peers: { id: string; displayName: string }[] }>(server, `/analytics/rooms/${ROOM}`)).peers;
  const idle = await SignalingBot.connect(server.baseUrl);
  const quitter = await SignalingBot.connect(server.baseUrl);
  await quitter.join(`${ROOM}-quitter`, 'Quitter', { ssrcBase: 30_000_000 });
  let joinDuringShutdown = 'no answer';
  const told = new Promise<string>((resolve) =>
    idle.socket.once('server-shutdown', ({ reason }: { reason: string }) => {
      resolve(reason);
      // Told of the shutdown, this socket still tries to come in.
      void idle.request('join-room', { roomId: ROOM, displayName: 'Latecomer' }).then(
        (ack: Ack) => (joinDuringShutdown = ack.ok ? 'ADMITTED' : `refused: ${ack.error.code} (${ack.error.message})`),
        () => (joinDuringShutdown = 'no answer (socket closed first)'),
      );
    }),
  );
  const notices = participants.map((p) =>
    p.page
      .getByText(/server is restarting/i)
      .first()
      .waitFor({ timeout: 5000 })
      .then(() => true, () => false),
  );
  // Leaves a 'join-failed' event in the batch writer, which writes once a second.
  await quitter.leave();
  const sentAt = Date.now();
  server.child.kill('SIGTERM');
  const exit = await server.exited;
  const shutdownMs = Date.now() - sentAt;
  const noticeToSocket = await Promise.race([told, sleep(1000).then(() => null)]);
  await sleep(200);
  const shown = await Promise.all(notices);

  const prisma = createPrismaClient(`file:${databaseFile}`);
  let db: Pick<SigtermResult, 'sessionsWithoutLeave' | 'shutdownLeaves' | 'callSessions' | 'joinFailedEventStored' | 'partialTelemetryStored'>;
  try {
    const sessions = await prisma.participantSession.findMany({ where: { peerId: { in: peers.map((p) => p.id) } } });
    const telemetry = await prisma.telemetrySample.findMany({ where: { peerId: { in: peers.map((p) => p.id) }, at: { gte: new Date(sentAt) } } });
    db = {
      sessionsWithoutLeave: await prisma.participantSession.count({ where: { leftAt: null } }),
      shutdownLeaves: sessions.filter((s) => s.leaveReason === 'server-shutdown').length,
      callSessions: sessions.length,
      joinFailedEventStored: (await prisma.analyticsEvent.count({ where: { type: 'join-failed', peerName: 'Quitter' } })) === 1,
      partialTelemetryStored: Object.fromEntries(peers.map((p) => [p.displayName, telemetry.some((t) => t.peerId === p.id)])),
    };
  } finally {
    await prisma.$disconnect();
  }

  const restarted = startProbedServer({ ...server.options, fresh: false });
  await waitHealthy(restarted);
  const prisma2 = createPrismaClient(`file:${databaseFile}`);
  let closedAtRestart: number;
  let openAfterRestartNotLive: number;
  try {
    closedAtRestart = await prisma2.participantSession.count({ where: { leaveReason: 'server-restart' } });
    const live = new Set(
      (await adminGet<{ rooms: RoomSummaryLite[] }>(restarted, '/analytics/rooms')).rooms.length > 0
        ? (await adminGet<{ peers: { id: string }[] }>(restarted, `/analytics/rooms/${ROOM}`).catch(() => ({ peers: [] }))).peers.map((p) => p.id)
        : [],
    );
    const open = await prisma2.participantSession.findMany({ where: { leftAt: null } });
    openAfterRestartNotLive = open.filter((s) => !live.has(s.peerId)).length;
  } finally {
    await prisma2.$disconnect();
  }
  idle.socket.close();
  return {
    result: {
      exitCode: exit.code,
      shutdownMs,
      noticeToSocket,
      noticeShownOnPages: Object.fromEntries(participants.map((p, i) => [p.name, shown[i]!])),
      joinDuringShutdown,
      ...db,
      closedAtRestart,
      openAfterRestartNotLive,
    },
    restarted,
  };
}

// ---- main ----------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: 'string', default: '3' }, participants: { type: 'string', default: '3' } } });
  const runs = Math.max(1, Number(values.runs));
  const count = Math.min(NAMES.length, Math.max(2, Number(values.participants)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'podium-faults-'));
  const databaseFile = path.join(dir, 'faults.db');
  let server = startProbedServer({
    port: PORT,
    databaseFile,
    adminToken: ADMIN_TOKEN,
    rtcPorts: RTC_PORTS,
    inspectorPort: 0,
    env: { MEDIASOUP_NUM_WORKERS: '2', JOIN_RATE_PER_MINUTE: '600' },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const failures: string[] = [];
  try {
    await waitHealthy(server);
    const participants: Participant[] = [];
    for (const name of NAMES.slice(0, count)) participants.push(await joinAs(browser, server, name));
    for (const p of participants) await installWatch(p.page);
    const first = await waitAllDecoding(participants, new Map(), 30_000);
    if ([...first.values()].some((v) => v === null)) throw new Error('the call never decoded everyone before the faults');

    const kills: KillRun[] = [];
    for (let run = 1; run <= runs; run++) {
      await sleep(2000);
      const result = await workerKillRun(server, participants, run);
      kills.push(result);
      console.log(`run ${run}: killed ${result.killedPid}, room now on ${result.newPid} (${result.newWorkerWas}), ${JSON.stringify(result.recoveryMs)}`);
    }
    const all = kills.flatMap((k) => Object.values(k.recoveryMs));
    const table = new Table({ style: PLAIN, head: ['run', 'killed worker pid', 'room afterwards on', ...participants.map((p) => `${p.name} back (ms)`), 'slowest'] });
    for (const k of kills) {
      const times = Object.values(k.recoveryMs);
      const slowest = times.some((t) => t === null) ? 'not back' : Math.max(...(times as number[]));
      table.push([k.run, k.killedPid, `${k.newPid} (${k.newWorkerWas})`, ...participants.map((p) => k.recoveryMs[p.name] ?? 'not back'), slowest]);
    }
    const backTimes = all.filter((t): t is number => t !== null);
    const slowestPerRun = kills.map((k) => Math.max(...Object.values(k.recoveryMs).map((t) => t ?? Infinity)));
    for (const k of kills) {
      if (k.newWorkerWas === 'THE KILLED ONE' || k.newPid === null) failures.push(`run ${k.run}: the room is not on another worker`);
      for (const [name, t] of Object.entries(k.recoveryMs)) if (t === null || t > RECOVERY_GOAL_MS) failures.push(`run ${k.run}: ${name} ${t === null ? 'not back' : `back after ${t} ms`} (goal ${RECOVERY_GOAL_MS} ms)`);
    }

    // The last kill's rejoin is a second old: let the collector take the two readings
    // (2 s apart) a telemetry window needs, so there is a partial window to lose.
    await sleep(6000);
    const { result: term, restarted } = await sigterm(server, participants, databaseFile);
    server = restarted;
    const termTable = new Table({ style: PLAIN, head: ['SIGTERM check', 'result'] });
    termTable.push(
      ['process exit code', String(term.exitCode)],
      ['shutdown took (ms)', term.shutdownMs],
      ['server-shutdown notice to a socket', term.noticeToSocket ?? 'NOT RECEIVED'],
      ['notice shown on the pages', Object.entries(term.noticeShownOnPages).map(([n, s]) => `${n}: ${s ? 'yes' : 'no'}`).join(', ')],
      ['join-room sent after the notice', term.joinDuringShutdown],
      ['call sessions ended "server-shutdown"', `${term.shutdownLeaves} of ${term.callSessions}`],
      ['session rows without a leave (after exit)', term.sessionsWithoutLeave],
      ['queued join-failed event in the database', term.joinFailedEventStored ? 'yes' : 'NO'],
      ['last partial telemetry window stored', Object.entries(term.partialTelemetryStored).map(([n, s]) => `${n}: ${s ? 'yes' : 'no'}`).join(', ')],
      ['sessions the restart had to close', term.closedAtRestart],
      ['open sessions after restart not of a live peer', term.openAfterRestartNotLive],
    );
    if (term.exitCode !== 0) failures.push(`SIGTERM: exit code ${term.exitCode}`);
    if (!term.noticeToSocket) failures.push('SIGTERM: no server-shutdown notice');
    if (!term.joinDuringShutdown.startsWith('refused')) failures.push(`SIGTERM: join during shutdown ${term.joinDuringShutdown}`);
    if (term.sessionsWithoutLeave !== 0) failures.push(`SIGTERM: ${term.sessionsWithoutLeave} session(s) without a leave`);
    if (term.shutdownLeaves !== term.callSessions) failures.push('SIGTERM: not every call session ended as server-shutdown');
    if (!term.joinFailedEventStored) failures.push('SIGTERM: the queued event was not flushed');
    if (Object.values(term.partialTelemetryStored).some((s) => !s)) failures.push('SIGTERM: a last telemetry window is missing');
    if (term.closedAtRestart !== 0 || term.openAfterRestartNotLive !== 0) failures.push('SIGTERM: the restart found sessions left open');

    console.log(`\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; server with 2 mediasoup workers; ${count} Chromium participants.`);
    console.log(`(i) Worker SIGKILL: time from the kill to each participant decoding every other camera again on a new track:`);
    console.log(table.toString());
    console.log(`median per participant: ${median(backTimes)} ms over ${backTimes.length} recoveries; median of the slowest per run: ${median(slowestPerRun)} ms; goal ${RECOVERY_GOAL_MS} ms.`);
    console.log('(ii) SIGTERM during the call:');
    console.log(termTable.toString());
    console.log(failures.length === 0 ? 'RESULT: all fault checks passed.' : `RESULT: FAILED\n  ${failures.join('\n  ')}`);

    const resultsDir = path.join(ROOT, 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `faults-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ machine: { cores: os.cpus().length, node: process.version }, participants: count, kills, sigterm: term, failures }, null, 2));
    console.log(`wrote ${path.relative(ROOT, file)}`);
  } finally {
    await browser.close().catch(() => undefined);
    await stopProbedServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
