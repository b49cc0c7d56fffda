import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadCounts } from './loadProtocol';

/*
 * One steady measurement window of a benchmark: CPU of the mediasoup worker
 * (its getrusage deltas), CPU of this Node process (process.cpuUsage deltas),
 * event-loop lag, and what the load process received, all over the same
 * wall-clock span.
 */

export interface WindowSources {
  workerUsage(): Promise<{ userMs: number; systemMs: number }>;
  loadCounts(): Promise<LoadCounts>;
  /** Anything else the benchmark counts (e.g. getStats requests). */
  requests(): number;
}

export interface WindowResult {
  seconds: number;
  workerCpuPercent: number;
  nodeCpuPercent: number;
  loadCpuPercent: number;
  /** Event-loop lag beyond the sampling interval, ms. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Media RTP packets/s the sinks received (what the SFU forwarded). */
  packetsOutPerSecond: number;
  /** What the sender's packets times the consumers would give; 1 = nothing lost. */
  deliveryRatio: number;
  requestsPerSecond: number;
}

/** monitorEventLoopDelay reports the full timer interval; the lag is what exceeds it. */
const LAG_RESOLUTION_MS = 10;

interface Mark {
  wallMs: number;
  workerMs: number;
  nodeMicros: number;
  load: LoadCounts;
  requests: number;
}

async function mark(sources: WindowSources): Promise<Mark> {
  const [worker, load] = await Promise.all([sources.workerUsage(), sources.loadCounts()]);
  const cpu = process.cpuUsage();
  return {
    wallMs: performance.now(),
    workerMs: worker.userMs + worker.systemMs,
    nodeMicros: cpu.user + cpu.system,
    load,
    requests: sources.requests(),
  };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const lagMs = (nanos: number) => round(Math.max(0, nanos / 1e6 - LAG_RESOLUTION_MS));

export async function measureWindow(
  sources: WindowSources,
  seconds: number,
  consumers: { video: number; audio: number },
): Promise<WindowResult> {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const start = await mark(sources);
  lag.enable();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  lag.disable();
  const end = await mark(sources);
  const wallMs = end.wallMs - start.wallMs;
  const loadWallMs = end.load.atMs - start.load.atMs;
  const received = end.load.rtpPackets - start.load.rtpPackets;
  const expected =
    (end.load.sentVideoPackets - start.load.sentVideoPackets) * consumers.video +
    (end.load.sentAudioPackets - start.load.sentAudioPackets) * consumers.audio;
  return {
    seconds: round(wallMs / 1000),
    workerCpuPercent: round(((end.workerMs - start.workerMs) / wallMs) * 100),
    nodeCpuPercent: round(((end.nodeMicros - start.nodeMicros) / 1000 / wallMs) * 100),
    loadCpuPercent: round(((end.load.cpuMicros - start.load.cpuMicros) / 1000 / loadWallMs) * 100),
    lagP50Ms: lagMs(lag.percentile(50)),
    lagP99Ms: lagMs(lag.percentile(99)),
    lagMaxMs: lagMs(lag.max),
    packetsOutPerSecond: Math.round(received / (loadWallMs / 1000)),
    deliveryRatio: expected > 0 ? round(received / expected, 3) : 0,
    requestsPerSecond: round((end.requests - start.requests) / (wallMs / 1000), 1),
  };
}
