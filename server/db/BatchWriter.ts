import { log } from '@/server/log';

export interface BatchWriterOptions<T> {
  /** Stores one batch; a rejection loses that batch only. */
  write: (items: T[]) => Promise<void>;
  /** Items per write. Default 500. */
  maxBatch?: number;
  /** How often queued items are written. Default 1000 ms. */
  flushMs?: number;
  /** Queued items kept at most; beyond it the oldest are dropped. Default 50 000. */
  maxQueue?: number;
  /** A write failed and its `lost` items are gone. */
  onError: (error: unknown, lost: number) => void;
}

/**
 * Queues writes off the signaling path: `push` only stores the item, and a
 * timer hands queued items to `write` in batches, one batch at a time (SQLite
 * has one writer; overlapping batches would only wait on each other). Memory
 * is bounded: when the database cannot keep up, the oldest items go first,
 * since fresh telemetry and events are worth more than stale ones.
 */
export class BatchWriter<T> {
  readonly #write: (items: T[]) => Promise<void>;
  readonly #maxBatch: number;
  readonly #onError: (error: unknown, lost: number) => void;
  readonly #queue: RingBuffer<T>;
  readonly #timer: ReturnType<typeof setInterval>;
  #draining: Promise<void> | null = null;
  #closing: Promise<void> | null = null;
  #dropped = 0;

  constructor(options: BatchWriterOptions<T>) {
    this.#write = options.write;
    this.#maxBatch = positiveInteger(options.maxBatch ?? 500, 'maxBatch');
    this.#onError = options.onError;
    this.#queue = new RingBuffer<T>(positiveInteger(options.maxQueue ?? 50_000, 'maxQueue'));
    const flushMs = positiveInteger(options.flushMs ?? 1000, 'flushMs');
    this.#timer = setInterval(() => void this.#drain(), flushMs);
    // A pending flush must not keep the process alive; close() flushes on shutdown.
    this.#timer.unref?.();
  }

  /** Items dropped so far: oldest ones over maxQueue, and any pushed after close(). */
  get dropped(): number {
    return this.#dropped;
  }

  /** Items waiting to be written (not counting a batch in flight). */
  get pending(): number {
    return this.#queue.size;
  }

  /** Queues an item. Synchronous, constant time, never throws. */
  push(item: T): void {
    if (this.#closing) {
      this.#dropped += 1;
      return;
    }
    if (this.#queue.push(item)) this.#dropped += 1;
  }

  /** Writes everything queued, including items pushed while it runs. */
  async flush(): Promise<void> {
    while (this.#queue.size > 0 || this.#draining) await this.#drain();
  }

  /** Flushes what is queued and stops the timer. Later pushes are dropped. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearInterval(this.#timer);
      await this.flush();
    })();
    return this.#closing;
  }

  /** Starts writing the queue batch after batch, unless that is already going on. */
  #drain(): Promise<void> {
    this.#draining ??= this.#writeAll().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  async #writeAll(): Promise<void> {
    while (this.#queue.size > 0) {
      const batch = this.#queue.take(this.#maxBatch);
      try {
        await this.#write(batch);
      } catch (error) {
        this.#report(error, batch.length);
      }
    }
  }

  #report(error: unknown, lost: number): void {
    try {
      this.#onError(error, lost);
    } catch (reportError) {
      // The reporter is the only channel; if it fails, say so where we can.
      log.error('db', 'BatchWriter onError threw', { error: String(reportError), reporting: String(error) });
    }
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`BatchWriter ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** Fixed-capacity FIFO: push overwrites the oldest item when full. */
class RingBuffer<T> {
  readonly #slots: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Returns true when the oldest item was overwritten to make room. */
  push(item: T): boolean {
    const capacity = this.#slots.length;
    const full = this.#size === capacity;
    this.#slots[(this.#head + this.#size) % capacity] = item;
    if (full) {
      this.#head = (this.#head + 1) % capacity;
    } else {
      this.#size += 1;
    }
    return full;
  }

  /** Removes and returns up to `count` of the oldest items, oldest first. */
  take(count: number): T[] {
    const capacity = this.#slots.length;
    const taken: T[] = [];
    while (taken.length < count && this.#size > 0) {
      taken.push(this.#slots[this.#head] as T);
      this.#slots[this.#head] = undefined; // let the item be collected
      this.#head = (this.#head + 1) % capacity;
      this.#size -= 1;
    }
    return taken;
  }
}
