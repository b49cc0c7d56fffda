/**
 * A level meter's peak hold, as OBS and hardware meters do it: the highest
 * recent level stays up for `holdMs`, then falls at `decayPerSecond`, so a
 * short burst (a word, a fake microphone's 50 ms beep) is readable instead of
 * flickering past between two reads.
 */
export interface PeakHoldOptions {
  holdMs: number;
  /** Fall of the displayed level (0..1 scale) per second once the hold is over. */
  decayPerSecond: number;
}

export const DEFAULT_PEAK_HOLD: PeakHoldOptions = { holdMs: 1000, decayPerSecond: 1.5 };

export class PeakHold {
  readonly #options: PeakHoldOptions;
  #peak = 0;
  #peakAt = -Infinity;

  constructor(options: PeakHoldOptions = DEFAULT_PEAK_HOLD) {
    this.#options = options;
  }

  /** Takes the level measured at `nowMs` and returns the level to display. */
  push(level: number, nowMs: number): number {
    const held = this.#heldAt(nowMs);
    const clamped = Math.min(1, Math.max(0, Number.isFinite(level) ? level : 0));
    if (clamped >= held) {
      this.#peak = clamped;
      this.#peakAt = nowMs;
      return clamped;
    }
    return held;
  }

  #heldAt(nowMs: number): number {
    const sinceHoldEnd = nowMs - this.#peakAt - this.#options.holdMs;
    if (sinceHoldEnd <= 0) return this.#peak;
    return Math.max(0, this.#peak - (sinceHoldEnd / 1000) * this.#options.decayPerSecond);
  }
}
