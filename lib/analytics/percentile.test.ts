import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/protocol/errors';
import { histogram, percentile } from './percentile';

describe('percentile', () => {
  const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10); // 10, 20, ... 100

  it('is null for no values', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('picks the nearest rank, always a measured value', () => {
    // ceil(0.5 * 10) = rank 5, ceil(0.95 * 10) = rank 10, ceil(0.21 * 10) = rank 3.
    expect(percentile(tens, 50)).toBe(tens[4]);
    expect(percentile(tens, 95)).toBe(tens[9]);
    expect(percentile(tens, 21)).toBe(tens[2]);
    expect(percentile(tens, 20)).toBe(tens[1]);
  });

  it('is the minimum at 0 and the maximum at 100', () => {
    expect(percentile(tens, 0)).toBe(Math.min(...tens));
    expect(percentile(tens, 100)).toBe(Math.max(...tens));
  });

  it('sorts the values without changing the caller’s array', () => {
    const values = [300, 100, 200];
    expect(percentile(values, 50)).toBe(200);
    expect(values).toEqual([300, 100, 200]);
  });

  it('returns the one value for any p', () => {
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
  });

  it('skips NaN', () => {
    expect(percentile([NaN, 5, NaN], 50)).toBe(5);
    expect(percentile([NaN], 50)).toBeNull();
  });

  it('refuses p outside 0-100', () => {
    expect(() => percentile(tens, 101)).toThrow(AppError);
    expect(() => percentile(tens, -1)).toThrow(AppError);
    expect(() => percentile(tens, NaN)).toThrow(AppError);
  });
});

describe('histogram', () => {
  const bounds = [250, 500, 1000];

  it('counts each value in the first bucket whose bound is at or above it', () => {
    expect(histogram([0, 250, 251, 500, 999, 1000], bounds)).toEqual([
      { leMs: 250, count: 2 },
      { leMs: 500, count: 2 },
      { leMs: 1000, count: 2 },
      { leMs: null, count: 0 },
    ]);
  });

  it('puts values past the largest bound in the open last bucket', () => {
    expect(histogram([1001, 60_000, Infinity], bounds).at(-1)).toEqual({ leMs: null, count: 3 });
  });

  it('keeps every bucket, empty, for no values', () => {
    expect(histogram([], bounds)).toEqual([...bounds.map((leMs) => ({ leMs, count: 0 })), { leMs: null, count: 0 }]);
  });

  it('sums to the number of values', () => {
    const values = [5, 300, 700, 2000, 40, 480];
    expect(histogram(values, bounds).reduce((sum, b) => sum + b.count, 0)).toBe(values.length);
  });

  it('accepts bounds in any order, and duplicates once', () => {
    expect(histogram([300], [1000, 250, 500, 500]).map((b) => b.leMs)).toEqual([250, 500, 1000, null]);
    expect(histogram([300], [1000, 250, 500]).map((b) => b.count)).toEqual([0, 1, 0, 0]);
  });

  it('is a single open bucket without bounds', () => {
    expect(histogram([1, 2], [])).toEqual([{ leMs: null, count: 2 }]);
  });

  it('skips NaN', () => {
    expect(histogram([NaN, 100], bounds).reduce((sum, b) => sum + b.count, 0)).toBe(1);
  });
});
