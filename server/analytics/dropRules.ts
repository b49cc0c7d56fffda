/*
 * Stateful incident rules, keyed by object id. Each `update` returns a
 * trigger exactly once when its condition starts (after any hold time) and
 * stays silent until the condition has cleared: one bad minute is one event.
 */

export interface RuleTrigger {
  /** The value that completed the condition. */
  value: number;
  threshold: number;
  /** When the condition began (ms). */
  sinceMs: number;
  /** How long it had held when it fired (ms). */
  heldMs: number;
}

/** A value on the wrong side of a threshold for at least `holdMs`, with re-arming. */
class HeldCondition {
  readonly #holdMs: number;
  readonly #state = new Map<string, { sinceMs: number; fired: boolean }>();

  constructor(holdMs: number) {
    this.#holdMs = holdMs;
  }

  update(key: string, bad: boolean, value: number, threshold: number, nowMs: number): RuleTrigger | null {
    if (!bad) {
      this.#state.delete(key);
      return null;
    }
    let state = this.#state.get(key);
    if (!state) {
      state = { sinceMs: nowMs, fired: false };
      this.#state.set(key, state);
    }
    const heldMs = nowMs - state.sinceMs;
    if (state.fired || heldMs < this.#holdMs) return null;
    state.fired = true;
    return { value, threshold, sinceMs: state.sinceMs, heldMs };
  }

  forget(key: string): void {
    this.#state.delete(key);
  }
}

/** mediasoup score (0-10) below `threshold` for `holdMs` (defaults: 5, 5 s). */
export class LowScoreRule {
  readonly #threshold: number;
  readonly #held: HeldCondition;

  constructor({ threshold = 5, holdMs = 5000 }: { threshold?: number; holdMs?: number } = {}) {
    this.#threshold = threshold;
    this.#held = new HeldCondition(holdMs);
  }

  update(key: string, score: number, nowMs: number): RuleTrigger | null {
    return this.#held.update(key, score < this.#threshold, score, this.#threshold, nowMs);
  }

  forget(key: string): void {
    this.#held.forget(key);
  }
}

/** Packet loss above `thresholdPercent` (default 5 %, SPEC 4's alert level), held `holdMs` (default 0). */
export class HighLossRule {
  readonly #threshold: number;
  readonly #held: HeldCondition;

  constructor({ thresholdPercent = 5, holdMs = 0 }: { thresholdPercent?: number; holdMs?: number } = {}) {
    this.#threshold = thresholdPercent;
    this.#held = new HeldCondition(holdMs);
  }

  update(key: string, lossPercent: number, nowMs: number): RuleTrigger | null {
    return this.#held.update(key, lossPercent > this.#threshold, lossPercent, this.#threshold, nowMs);
  }

  forget(key: string): void {
    this.#held.forget(key);
  }
}

export interface CollapseTrigger extends RuleTrigger {
  /** The recent average the value fell from. */
  average: number;
}

/**
 * A bitrate below `ratio` × the average of the previous samples (default
 * half of the last 10). It needs `minSamples` of history and an average
 * above `minAverageBps`, so a stream that never carried much cannot collapse.
 * The collapsed samples join the history, so a stream that stays low
 * becomes its own new normal and re-arms.
 */
export class BitrateCollapseRule {
  readonly #ratio: number;
  readonly #minSamples: number;
  readonly #historySamples: number;
  readonly #minAverageBps: number;
  readonly #state = new Map<string, { history: number[]; fired: boolean }>();

  constructor({
    ratio = 0.5,
    minSamples = 3,
    historySamples = 10,
    minAverageBps = 50_000,
  }: { ratio?: number; minSamples?: number; historySamples?: number; minAverageBps?: number } = {}) {
    this.#ratio = ratio;
    this.#minSamples = minSamples;
    this.#historySamples = historySamples;
    this.#minAverageBps = minAverageBps;
  }

  update(key: string, bitrate: number, nowMs: number): CollapseTrigger | null {
    let state = this.#state.get(key);
    if (!state) {
      state = { history: [], fired: false };
      this.#state.set(key, state);
    }
    const { history } = state;
    const average = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : 0;
    const collapsed = history.length >= this.#minSamples && average > this.#minAverageBps && bitrate < this.#ratio * average;
    history.push(bitrate);
    if (history.length > this.#historySamples) history.shift();
    if (!collapsed) {
      state.fired = false;
      return null;
    }
    if (state.fired) return null;
    state.fired = true;
    return { value: bitrate, threshold: this.#ratio * average, sinceMs: nowMs, heldMs: 0, average };
  }

  forget(key: string): void {
    this.#state.delete(key);
  }
}
