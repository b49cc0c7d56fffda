import { runLimited } from '@/lib/runLimited';
import type { Room } from '@/server/sfu/Room';

/*
 * The cost of one getStats request, measured in a burst on a lightly loaded
 * room: the collector's worker cost at N consumers is about its request rate
 * times this. A check on the on-minus-off difference, which at a fraction of
 * a percent sits below the minute-to-minute noise of a busy worker.
 */

export interface StatsCost {
  requests: number;
  burstSeconds: number;
  workerMicrosPerRequest: number;
  nodeMicrosPerRequest: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

interface Meters {
  workerMs(): Promise<number>;
}

interface Reading {
  wallMs: number;
  workerMs: number;
  nodeMicros: number;
}

async function read(meters: Meters): Promise<Reading> {
  const cpu = process.cpuUsage();
  return { wallMs: performance.now(), workerMs: await meters.workerMs(), nodeMicros: cpu.user + cpu.system };
}

/** Every stats target of the room once, through the same Peer methods the collector calls. */
function sweepJobs(room: Room): (() => Promise<void>)[] {
  return room.peers().flatMap((peer) => {
    const t = peer.statsTargets();
    return [
      ...t.transports.map((id) => async () => void (await peer.transportStats(id))),
      ...t.producers.map((id) => async () => void (await peer.producerStats(id))),
      ...t.consumers.map((id) => async () => void (await peer.consumerStats(id))),
    ];
  });
}

export async function measureStatsCost(room: Room, meters: Meters, options: { requests: number; baselineSeconds: number; concurrency: number }): Promise<StatsCost> {
  // What the room costs without the burst, per ms of wall time.
  const b0 = await read(meters);
  await new Promise((resolve) => setTimeout(resolve, options.baselineSeconds * 1000));
  const b1 = await read(meters);
  const baselineWorker = (b1.workerMs - b0.workerMs) / (b1.wallMs - b0.wallMs);
  const baselineNode = (b1.nodeMicros - b0.nodeMicros) / (b1.wallMs - b0.wallMs);

  const sweep = sweepJobs(room);
  const jobs = Array.from({ length: options.requests }, (_, i) => sweep[i % sweep.length]!);
  let failures = 0;
  await runLimited(jobs, options.concurrency, () => failures++);
  const b2 = await read(meters);
  const wallMs = b2.wallMs - b1.wallMs;
  const done = options.requests - failures;
  const workerMicros = (b2.workerMs - b1.workerMs - baselineWorker * wallMs) * 1000;
  const nodeMicros = b2.nodeMicros - b1.nodeMicros - baselineNode * wallMs;
  return {
    requests: done,
    burstSeconds: Math.round(wallMs) / 1000,
    workerMicrosPerRequest: round1(workerMicros / done),
    nodeMicrosPerRequest: round1(nodeMicros / done),
  };
}
