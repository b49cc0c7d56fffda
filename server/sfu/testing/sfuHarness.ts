/*
 * One real-worker setup for the SFU integration tests.
 *
 * mediasoup reads MEDIASOUP_WORKER_BIN once, at module load, so every module
 * that imports mediasoup is loaded dynamically in beforeAll, after the env is
 * set. Type-only imports are erased and load nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { AppError, type ErrorCode } from '@/lib/protocol';
import type { MediasoupCounters } from '../MediasoupCounters';
import type { RoomRegistry, RoomRegistrySettings } from '../RoomRegistry';
import type { WorkerPool } from '../WorkerPool';
import { resolveWorkerBinary } from '../workerBinary';

/**
 * Room settings for tests on loopback: the values every test shares, and
 * whatever a test is about in `overrides` (its limits are merged, not replaced).
 */
export function loopbackSettings(overrides: Omit<Partial<RoomRegistrySettings>, 'peerLimits'> & { peerLimits?: Partial<RoomRegistrySettings['peerLimits']> } = {}): RoomRegistrySettings {
  const { peerLimits, ...rest } = overrides;
  return {
    listenIp: '127.0.0.1',
    announcedIp: undefined,
    maxIncomingBitrate: 0,
    initialAvailableOutgoingBitrate: 600_000,
    maxPeersPerRoom: 10,
    ...rest,
    peerLimits: { maxTransports: 4, maxProducers: 4, dtlsConnectTimeoutMs: 30_000, ...peerLimits },
  };
}

export interface SfuHarnessOptions {
  settings: RoomRegistrySettings;
  numWorkers: number;
  /** Each test file needs its own range: vitest runs the files in parallel. */
  rtcMinPort: number;
  rtcMaxPort: number;
}

export interface SfuHarness {
  readonly pool: WorkerPool;
  readonly counters: MediasoupCounters;
  /** A fresh registry per test: rooms of one test don't weigh on placement in the next. */
  readonly registry: RoomRegistry;
  /** Runs after the test, before the registry closes (e.g. removing listeners). */
  onCleanup(cleanup: () => void): void;
  /** A registry over another pool (tests that need their own workers). */
  createRegistry(pool: WorkerPool, settings: RoomRegistrySettings): RoomRegistry;
}

export function useSfuHarness(options: SfuHarnessOptions): SfuHarness {
  let pool: WorkerPool | undefined;
  let counters: MediasoupCounters | undefined;
  let RegistryClass: typeof RoomRegistry | undefined;
  let registry: RoomRegistry | undefined;
  const cleanups: (() => void)[] = [];
  const savedEnv = { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN, LOG_LEVEL: process.env.LOG_LEVEL };

  function restoreEnv(name: keyof typeof savedEnv): void {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }

  beforeAll(async () => {
    process.env.MEDIASOUP_WORKER_BIN = resolveWorkerBinary().path;
    // server/log reads LOG_LEVEL at load: keep the per-room info lines out of the test output.
    process.env.LOG_LEVEL ??= 'warn';
    const [{ WorkerPool }, { MediasoupCounters }, { RoomRegistry }] = await Promise.all([
      import('../WorkerPool'),
      import('../MediasoupCounters'),
      import('../RoomRegistry'),
    ]);
    // Counting must start before the first worker exists.
    counters = new MediasoupCounters();
    pool = await WorkerPool.create({
      numWorkers: options.numWorkers,
      logLevel: 'warn',
      rtcMinPort: options.rtcMinPort,
      rtcMaxPort: options.rtcMaxPort,
      listenIp: '127.0.0.1',
      announcedIp: undefined,
      webRtcServerPort: 0,
    });
    RegistryClass = RoomRegistry;
  }, 30_000);

  afterAll(() => {
    pool?.close();
    restoreEnv('MEDIASOUP_WORKER_BIN');
    restoreEnv('LOG_LEVEL');
  });

  beforeEach(() => {
    registry = new RegistryClass!(pool!, options.settings);
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    registry?.closeAll();
  });

  return {
    get pool() {
      return pool!;
    },
    get counters() {
      return counters!;
    },
    get registry() {
      return registry!;
    },
    onCleanup: (cleanup) => cleanups.push(cleanup),
    createRegistry: (otherPool, settings) => new RegistryClass!(otherPool, settings),
  };
}

export async function expectRejects(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}
