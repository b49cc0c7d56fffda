import type { types } from 'mediasoup-client';
import { convertSendStats, type SendStatsState } from '@/lib/studio/sendStats';
import type { StreamStats } from '@/lib/studio/types';

export const DEFAULT_STATS_INTERVAL_MS = 2000;

export interface SendStatsSample {
  stats: StreamStats;
  /** Browser time of the sample, ms since the epoch. */
  timestamp: number;
  /** Main-thread time spent converting it, ms (the benchmark reads this). */
  costMs: number;
}

/**
 * Samples the send transport's getStats() on a timer and turns each report
 * into SPEC 4's stats object (rates from deltas against the previous report).
 * It only measures; the studio client decides what to do with a sample.
 */
export class SendStatsCollector {
  readonly #transport: types.Transport;
  readonly #intervalMs: number;
  readonly #targetFps: () => number | undefined;
  readonly #onSample: (sample: SendStatsSample) => void;
  readonly #onError: (error: unknown) => void;
  #state: SendStatsState | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #busy = false;

  constructor(options: {
    transport: types.Transport;
    intervalMs?: number;
    targetFps: () => number | undefined;
    onSample: (sample: SendStatsSample) => void;
    onError: (error: unknown) => void;
  }) {
    this.#transport = options.transport;
    this.#intervalMs = options.intervalMs ?? DEFAULT_STATS_INTERVAL_MS;
    this.#targetFps = options.targetFps;
    this.#onSample = options.onSample;
    this.#onError = options.onError;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#sample(), this.#intervalMs);
    // A baseline now, so the first sample shown has rates after one interval, not two.
    void this.#sample();
  }

  async #sample(): Promise<void> {
    // A slow getStats() must not pile up samples behind it.
    if (this.#busy || this.#transport.closed) return;
    this.#busy = true;
    try {
      const report = await this.#transport.getStats();
      const started = performance.now();
      const first = this.#state === null;
      const { stats, state } = convertSendStats(report, this.#state, { targetFps: this.#targetFps() });
      this.#state = state;
      // Rates are deltas: the first report only sets the baseline (its zeros would read as a frozen stream).
      if (!first) this.#onSample({ stats, timestamp: Date.now(), costMs: performance.now() - started });
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#busy = false;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#state = null;
  }
}
