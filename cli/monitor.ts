import { setTimeout as sleep } from 'node:timers/promises';
import type { RoomDetail } from '../lib/analytics/types';
import { describeFailure } from './errors';
import { clock, renderRoom } from './render';

/*
 * `monitor <id>`: refresh a room on a fixed period until stopped. The first
 * refresh must succeed, so a wrong URL, token or room id fails like any other
 * command; after that a failed refresh is shown and retried, because a server
 * restart or a network blip should not end a watch someone left running.
 */

export interface MonitorOptions<T> {
  intervalMs: number;
  /** Aborting it (Ctrl-C) ends the loop and resolves. */
  signal: AbortSignal;
  onData(data: T, at: Date): void;
  onError(error: unknown, at: Date): void;
  now?: () => Date;
}

export async function monitor<T>(load: (signal: AbortSignal) => Promise<T>, options: MonitorOptions<T>): Promise<void> {
  const { signal, intervalMs } = options;
  const now = options.now ?? (() => new Date());
  try {
    options.onData(await load(signal), now());
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  }
  while (!signal.aborted) {
    // Waiting after each refresh (not a fixed interval) so a slow server never gets overlapping requests.
    if (!(await pause(intervalMs, signal))) return;
    try {
      options.onData(await load(signal), now());
    } catch (error) {
      if (signal.aborted) return;
      options.onError(error, now());
    }
  }
}

/** false when aborted during the wait. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the terminal shows: the latest good room view with a status line under
 * it. Under, because log-update clips a frame taller than the terminal from
 * the top, and the line saying a refresh failed must stay on screen.
 */
export class MonitorScreen {
  readonly #roomId: string;
  readonly #intervalMs: number;
  #last: { text: string; at: Date } | undefined;

  constructor(roomId: string, intervalMs: number) {
    this.#roomId = roomId;
    this.#intervalMs = intervalMs;
  }

  data(room: RoomDetail, at: Date): string {
    const text = renderRoom(room, at);
    this.#last = { text, at };
    return `${text}\n\n${this.#status(`updated ${clock(at.toISOString())}`)}`;
  }

  failure(error: unknown, at: Date): string {
    const reason = describeFailure(error).line.replace(/^error: /, '');
    const failed = `refresh failed at ${clock(at.toISOString())}: ${reason}`;
    if (!this.#last) return this.#status(failed);
    return `${this.#last.text}\n\n${this.#status(`${failed} · showing data from ${clock(this.#last.at.toISOString())}`)}`;
  }

  #status(detail: string): string {
    return `monitor ${this.#roomId} · every ${this.#intervalMs / 1000} s · ${detail} · Ctrl-C to stop`;
  }
}
