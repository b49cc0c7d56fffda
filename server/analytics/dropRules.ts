/*
 * Incident detectors for the drop log (SPEC 5). Each is fed one value per
 * object (keyed by id) per sample and answers a trigger exactly once when a
 * bad condition starts; it stays quiet while the condition lasts and re-arms
 * only after it clears, so one bad minute is one event, not sixty.
 */

/** What started, with the numbers that made it fire. */
export interface RuleTrigger {
  value: number;
  threshold: number;
  /** When the condition was first seen (unix ms). */
  sinceMs: number;
  /** How long it had held when it fired. */
  heldMs: number;
}

export interface BitrateCollapseTrigger extends RuleTrigger {
  /** Average bitrate of the previous samples, bits/s. */
  average: number;
  /** The bitrate that collapsed, bits/s (same as `value`). */
  current: number;
  /** current / average as measured; `threshold` is the bits/s line it fell under. */
  ratio: number;
}

/** The hysteresis shared by the rules: when each key went bad and whether it fired. */
class HeldCondition {
  readonly #states = new Map<string, { sinceMs: number; fired: boolean }>();

  /** Returns the timing once, when `active` has held for `holdMs`; clearing re-arms. */
  check(key: string, active: boolean, nowMs: number, holdMs: number): { sinceMs: number; heldMs: number } | null {
    if (!active) {
      this.#states.delete(key);
      return null;
    }
    let state = this.#states.get(key);
    if (!state) {
      state = { sinceMs: nowMs, fired: false };
      this.#states.set(key, state);
    }
    const heldMs = nowMs - state.sinceMs;
    if (state.fired || heldMs < holdMs) return null;
    state.fired = true;
    return { sinceMs: state.sinceMs, heldMs };
  }

  forget(key: string): void {
    this.#states.delete(key);
  }
}

/**
 * A mediasoup score (0-10) below `threshold` without a break for `holdMs`.
 * Defaults: 5 is where mediasoup's "moderate" ends and "poor" begins; 5 s
 * because scores dip for a moment on every keyframe or layer switch.
 */
export class LowScoreRule {
  readonly #threshold: number;
  readonly #holdMs: number;
  readonly #condition = new HeldCondition();

  constructor({ threshold = 5, holdMs = 5000 }: { threshold?: number; holdMs?: number } = {}) {
    this.#threshold = threshold;
    this.#holdMs = holdMs;
  }

  update(key: string, value: number, nowMs: number): RuleTrigger | null {
    const timing = this.#condition.check(key, value < this.#threshold, nowMs, this.#holdMs);
    return timing && { value, threshold: this.#threshold, ...timing };
  }

  forget(key: string): void {
    this.#condition.forget(key);
  }
}

/**
 * Packet loss above `thresholdPercent`. Defaults: beyond 5 % audio and video
 * visibly suffer; no hold, since each value already covers an RTCP interval.
 */
export class HighLossRule {
  readonly #threshold: number;
  readonly #holdMs: number;
  readonly #condition = new HeldCondition();

  constructor({ thresholdPercent = 5, holdMs = 0 }: { thresholdPercent?: number; holdMs?: number } = {}) {
    this.#threshold = thresholdPercent;
    this.#holdMs = holdMs;
  }

  update(key: string, value: number, nowMs: number): RuleTrigger | null {
    const timing = this.#condition.check(key, value > this.#threshold, nowMs, this.#holdMs);
    return timing && { value, threshold: this.#threshold, ...timing };
  }

  forget(key: string): void {
    this.#condition.forget(key);
  }
}

export interface BitrateCollapseOptions {
  /** Fires below this share of the recent average (default 0.5: half). */
  ratio?: number;
  /** Previous samples needed before judging (default 3), so a ramp-up is not a collapse. */
  minSamples?: number;
  /** How many previous samples make the average (default 10: 20 s at a 2 s sweep). */
  historySamples?: number;
  /** Below this average (default 50 kbps) the stream was never flowing, so it cannot collapse. */
  minAverageBps?: number;
}

/**
 * A bitrate that falls below `ratio` × the average of its previous samples.
 * Every sample, collapsed ones too, joins the history: a stream that settles
 * at a lower rate becomes the new normal, clears and re-arms instead of
 * staying "collapsed" forever. A paused producer is the caller's to `forget`.
 */
export class BitrateCollapseRule {
  readonly #ratio: number;
  readonly #minSamples: number;
  readonly #historySamples: number;
  readonly #minAverageBps: number;
  readonly #history = new Map<string, number[]>();
  readonly #condition = new HeldCondition();

  constructor({ ratio = 0.5, minSamples = 3, historySamples = 10, minAverageBps = 50_000 }: BitrateCollapseOptions = {}) {
    this.#ratio = ratio;
    this.#minSamples = minSamples;
    this.#historySamples = historySamples;
    this.#minAverageBps = minAverageBps;
  }

  update(key: string, value: number, nowMs: number): BitrateCollapseTrigger | null {
    const history = this.#history.get(key) ?? [];
    const average = history.length > 0 ? history.reduce((sum, v) => sum + v, 0) / history.length : 0;
    const judged = history.length >= this.#minSamples && average > this.#minAverageBps;
    const threshold = this.#ratio * average;
    this.#remember(key, history, value);
    const timing = this.#condition.check(key, judged && value < threshold, nowMs, 0);
    return timing && { value, threshold, ...timing, average, current: value, ratio: value / average };
  }

  #remember(key: string, history: number[], value: number): void {
    history.push(value);
    if (history.length > this.#historySamples) history.shift();
    this.#history.set(key, history);
  }

  forget(key: string): void {
    this.#history.delete(key);
    this.#condition.forget(key);
  }
}
