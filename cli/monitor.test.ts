import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/protocol/errors';
import { monitor, MonitorScreen } from './monitor';
import { clock } from './render';
import { roomDetail } from './testFixtures';

const INTERVAL_MS = 5;

/** A load function answering from a script of results, one per call. */
function scripted<T>(results: (T | Error)[]) {
  let calls = 0;
  return async () => {
    const result = results[Math.min(calls++, results.length - 1)];
    if (result instanceof Error) throw result;
    return result;
  };
}

describe('monitor', () => {
  it('refreshes until stopped, reporting failures and carrying on after them', async () => {
    const controller = new AbortController();
    const down = new AppError('unavailable', 'server down');
    const script: (number | Error)[] = [1, 2, down, 3];
    const seen: (number | string)[] = [];
    const record = (item: number | string) => {
      seen.push(item);
      if (seen.length === script.length) controller.abort();
    };
    await monitor(scripted(script), {
      intervalMs: INTERVAL_MS,
      signal: controller.signal,
      onData: (n) => record(n),
      onError: (e) => record((e as Error).message),
    });
    expect(seen).toEqual([1, 2, 'server down', 3]);
  });

  it('fails like any command when the first refresh fails', async () => {
    const controller = new AbortController();
    const refused = new AppError('forbidden', 'refused');
    await expect(
      monitor(() => Promise.reject(refused), { intervalMs: INTERVAL_MS, signal: controller.signal, onData: () => {}, onError: () => {} }),
    ).rejects.toBe(refused);
  });

  it('ends quietly when stopped during the first refresh', async () => {
    const controller = new AbortController();
    const load = (signal: AbortSignal) =>
      new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const running = monitor(load, { intervalMs: INTERVAL_MS, signal: controller.signal, onData: () => {}, onError: () => {} });
    controller.abort();
    await expect(running).resolves.toBeUndefined();
  });

  it('ends during the wait between refreshes without waiting it out', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const intervalMs = 60_000;
    const running = monitor(async () => 1, { intervalMs, signal: controller.signal, onData: () => controller.abort(), onError: () => {} });
    await running;
    expect(Date.now() - started).toBeLessThan(intervalMs);
  });
});

describe('MonitorScreen', () => {
  const now = new Date();
  const room = roomDetail('watched', now);
  const lastLine = (frame: string) => frame.split('\n').at(-1) ?? '';

  it('draws the room with a status line under it', () => {
    const frame = new MonitorScreen(room.id, 5000).data(room, now);
    expect(frame).toContain(room.peers[0].displayName);
    expect(lastLine(frame)).toBe(`monitor ${room.id} · every 5 s · updated ${clock(now.toISOString())} · Ctrl-C to stop`);
  });

  it('after a failed refresh keeps the last good view and says what failed and since when', () => {
    const screen = new MonitorScreen(room.id, 5000);
    const good = screen.data(room, now);
    const later = new Date(now.getTime() + 5000);
    const frame = screen.failure(new AppError('unavailable', 'cannot reach the Podium server at http://x'), later);
    expect(frame.startsWith(good.slice(0, good.lastIndexOf('\n')))).toBe(true);
    const status = lastLine(frame);
    expect(status).toContain(`refresh failed at ${clock(later.toISOString())}: cannot reach the Podium server at http://x`);
    expect(status).toContain(`showing data from ${clock(now.toISOString())}`);
  });

  it('a failure with nothing shown yet is the status line alone', () => {
    const frame = new MonitorScreen(room.id, 2000).failure(new AppError('not_found', 'Room watched not found'), now);
    expect(frame.split('\n')).toHaveLength(1);
    expect(frame).toContain('every 2 s');
    expect(frame).toContain('Room watched not found');
  });
});
