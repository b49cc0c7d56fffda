import { LogThrottle, type LogThrottleOptions } from '@/lib/LogThrottle';
import { log } from '@/server/log';

export interface ClientWarningsOptions {
  perSocket: number;
  total: number;
  windowMs: number;
}

/**
 * Warnings that a client's own messages cause (unknown events, requests
 * without an acknowledgement). A few per socket show what it does; the rest
 * are counted and reported in one "suppressed" line per window.
 */
export class ClientWarnings {
  readonly #throttle: LogThrottle;
  readonly #windowMs: number;
  #summary: ReturnType<typeof setTimeout> | null = null;

  constructor(options: ClientWarningsOptions, now?: () => number) {
    const throttle: LogThrottleOptions = { perKey: options.perSocket, total: options.total, windowMs: options.windowMs };
    this.#throttle = new LogThrottle(throttle, now);
    this.#windowMs = options.windowMs;
  }

  warn(socketId: string, message: string, context: Record<string, unknown>): void {
    if (this.#throttle.admit(socketId)) {
      log.warn('signaling', message, { ...context, socket: socketId });
      return;
    }
    if (this.#summary) return;
    this.#summary = setTimeout(() => this.flush(), this.#windowMs);
    this.#summary.unref?.();
  }

  /** Logs how many lines were held back since the last summary, if any. */
  flush(): void {
    if (this.#summary) clearTimeout(this.#summary);
    this.#summary = null;
    const { lines, keys } = this.#throttle.takeSuppressed();
    if (lines > 0) log.warn('signaling', `suppressed ${lines} client warnings`, { suppressed: lines, sockets: keys, windowMs: this.#windowMs });
  }
}
