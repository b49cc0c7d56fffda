import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '@/server/log';
import { BatchWriter, type BatchWriterOptions } from './BatchWriter';

const FLUSH_MS = 1000;

/** A write that records its batches and can be held open to test overlap. */
function recordingWrite() {
  const batches: number[][] = [];
  let active = 0;
  let maxActive = 0;
  const held: (() => void)[] = [];
  let hold = false;
  const write = async (items: number[]) => {
    batches.push(items);
    active += 1;
    maxActive = Math.max(maxActive, active);
    if (hold) await new Promise<void>((resolve) => held.push(resolve));
    active -= 1;
  };
  return {
    write,
    batches,
    get maxActive() {
      return maxActive;
    },
    holdWrites(on: boolean) {
      hold = on;
    },
    releaseOne() {
      held.shift()?.();
    },
  };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function writer(options: Partial<BatchWriterOptions<number>> & Pick<BatchWriterOptions<number>, 'write'>) {
  return new BatchWriter<number>({ flushMs: FLUSH_MS, onError: () => {}, ...options });
}

describe('BatchWriter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes nothing during push, then everything at the next tick in batches of maxBatch, in order', async () => {
    const recorder = recordingWrite();
    const w = writer({ write: recorder.write, maxBatch: 4 });

    for (const n of range(0, 10)) w.push(n);
    expect(recorder.batches).toEqual([]);
    expect(w.pending).toBe(10);

    await vi.advanceTimersByTimeAsync(FLUSH_MS);

    expect(recorder.batches).toEqual([range(0, 4), range(4, 4), range(8, 2)]);
    expect(w.pending).toBe(0);
    await w.close();
  });

  it('never starts a batch while another is in flight', async () => {
    const recorder = recordingWrite();
    recorder.holdWrites(true);
    const w = writer({ write: recorder.write, maxBatch: 2 });
    for (const n of range(0, 4)) w.push(n);

    await vi.advanceTimersByTimeAsync(FLUSH_MS * 5);
    expect(recorder.batches).toEqual([[0, 1]]);

    recorder.releaseOne();
    await vi.advanceTimersByTimeAsync(0);
    expect(recorder.batches).toEqual([[0, 1], [2, 3]]);

    recorder.holdWrites(false);
    recorder.releaseOne();
    await w.close();
    expect(recorder.maxActive).toBe(1);
  });

  it('drops the oldest items beyond maxQueue and counts them', async () => {
    const recorder = recordingWrite();
    const w = writer({ write: recorder.write, maxQueue: 3 });

    for (const n of range(0, 5)) w.push(n);
    expect(w.dropped).toBe(2);
    expect(w.pending).toBe(3);

    await w.flush();
    expect(recorder.batches).toEqual([[2, 3, 4]]);
    await w.close();
  });

  it('reports a failed batch with its size and carries on with the next', async () => {
    const errors: [unknown, number][] = [];
    const failure = new Error('disk full');
    const written: number[][] = [];
    const w = writer({
      maxBatch: 2,
      write: async (items) => {
        if (items.includes(0)) throw failure;
        written.push(items);
      },
      onError: (error, lost) => errors.push([error, lost]),
    });
    for (const n of range(0, 3)) w.push(n);

    await vi.advanceTimersByTimeAsync(FLUSH_MS);

    expect(errors).toEqual([[failure, 2]]);
    expect(written).toEqual([[2]]);
    w.push(3);
    await w.flush();
    expect(written).toEqual([[2], [3]]);
    await w.close();
  });

  it('keeps writing when the error reporter itself throws', async () => {
    const written: number[][] = [];
    const logError = vi.spyOn(log, 'error').mockImplementation(() => {});
    const w = writer({
      maxBatch: 1,
      write: async (items) => {
        if (items[0] === 0) throw new Error('boom');
        written.push(items);
      },
      onError: () => {
        throw new Error('reporter broke');
      },
    });
    w.push(0);
    w.push(1);

    await w.flush();

    expect(written).toEqual([[1]]);
    expect(logError).toHaveBeenCalledOnce();
    logError.mockRestore();
    await w.close();
  });

  it('close() writes what is queued, stops the timer, drops later pushes, and can be called again', async () => {
    const recorder = recordingWrite();
    const w = writer({ write: recorder.write });
    w.push(1);
    w.push(2);

    const closing = w.close();
    expect(w.close()).toBe(closing);
    await closing;
    expect(recorder.batches).toEqual([[1, 2]]);

    w.push(3);
    await vi.advanceTimersByTimeAsync(FLUSH_MS * 3);
    expect(recorder.batches).toEqual([[1, 2]]);
    expect(w.dropped).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flush() also writes items pushed while a batch is in flight', async () => {
    const recorder = recordingWrite();
    recorder.holdWrites(true);
    const w = writer({ write: recorder.write });
    w.push(1);
    const flushed = w.flush();
    w.push(2);
    recorder.holdWrites(false);
    recorder.releaseOne();

    await flushed;

    expect(recorder.batches).toEqual([[1], [2]]);
    await w.close();
  });

  it('refuses sizes that are not positive integers', () => {
    const write = async () => {};
    expect(() => writer({ write, maxBatch: 0 })).toThrow(RangeError);
    expect(() => writer({ write, maxQueue: 1.5 })).toThrow(RangeError);
    expect(() => writer({ write, flushMs: -1 })).toThrow(RangeError);
  });
});

describe('BatchWriter timer', () => {
  it('does not keep the process alive', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const w = writer({ write: async () => {} });
    const timer = setIntervalSpy.mock.results[0]!.value as NodeJS.Timeout;
    setIntervalSpy.mockRestore();

    expect(timer.hasRef()).toBe(false);
    await w.close();
  });
});
