/**
 * A token bucket: `capacity` requests at once, refilled at `refillPerSecond`.
 * `now` is injectable so the arithmetic is testable without waiting.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(capacity: number, refillPerSecond: number, now: () => number = Date.now) {
    this.#capacity = capacity;
    this.#refillPerMs = refillPerSecond / 1000;
    this.#now = now;
    this.#tokens = capacity;
    this.#updatedAt = now();
  }

  take(cost = 1): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#updatedAt) * this.#refillPerMs);
    this.#updatedAt = now;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}

/** One bucket per key (e.g. client IP), forgetting keys idle long enough to be full again. */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, { bucket: TokenBucket; lastUsed: number }>();
  readonly #capacity: number;
  readonly #refillPerSecond: number;
  readonly #now: () => number;

  constructor(capacity: number, refillPerSecond: number, now: () => number = Date.now) {
    this.#capacity = capacity;
    this.#refillPerSecond = refillPerSecond;
    this.#now = now;
  }

  take(key: string): boolean {
    const now = this.#now();
    this.#sweep(now);
    let entry = this.#buckets.get(key);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.#capacity, this.#refillPerSecond, this.#now), lastUsed: now };
      this.#buckets.set(key, entry);
    }
    entry.lastUsed = now;
    return entry.bucket.take();
  }

  get size(): number {
    return this.#buckets.size;
  }

  #sweep(now: number): void {
    const idleMs = (this.#capacity / this.#refillPerSecond) * 1000;
    for (const [key, entry] of this.#buckets) if (now - entry.lastUsed > idleMs) this.#buckets.delete(key);
  }
}
