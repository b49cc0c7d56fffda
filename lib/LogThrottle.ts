export interface LogThrottleOptions {
  /** Lines one key (e.g. one socket) may write per window. */
  perKey: number;
  /** Lines all keys together may write per window, so many keys can't flood either. */
  total: number;
  windowMs: number;
}

export interface SuppressedLines {
  lines: number;
  /** How many keys had lines held back. */
  keys: number;
}

/**
 * Decides which warnings caused by clients reach the log: at most `perKey`
 * lines per key and `total` lines overall in each fixed window; the rest are
 * only counted, for one "suppressed" summary. `now` is injectable so the
 * windows are testable without waiting.
 */
export class LogThrottle {
  readonly #options: LogThrottleOptions;
  readonly #now: () => number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #written = 0;
  /** Lines written per key in the current window; cleared with the window, so idle keys cost nothing. */
  readonly #writtenByKey = new Map<string, number>();
  #suppressed = 0;
  readonly #suppressedKeys = new Set<string>();

  constructor(options: LogThrottleOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  /** True: write this line. False: it was counted as suppressed. */
  admit(key: string): boolean {
    const now = this.#now();
    if (now - this.#windowStart >= this.#options.windowMs) {
      this.#windowStart = now;
      this.#written = 0;
      this.#writtenByKey.clear();
    }
    const byKey = this.#writtenByKey.get(key) ?? 0;
    if (byKey >= this.#options.perKey || this.#written >= this.#options.total) {
      this.#suppressed++;
      this.#suppressedKeys.add(key);
      return false;
    }
    this.#writtenByKey.set(key, byKey + 1);
    this.#written++;
    return true;
  }

  /** Lines held back since the last call, and from how many keys; resets both counts. */
  takeSuppressed(): SuppressedLines {
    const taken = { lines: this.#suppressed, keys: this.#suppressedKeys.size };
    this.#suppressed = 0;
    this.#suppressedKeys.clear();
    return taken;
  }
}
