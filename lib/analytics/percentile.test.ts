import { describe, expect, it } from 'vitest';
import { histogram, percentile } from './percentile';

describe('percentile (nearest rank)', () => {
  it('picks a measured value', () => {
    const values = [100, 400, 200, 300, 500];
    expect(percentile(values, 50)).toBe(300);
    expect(percentile(values, 95)).toBe(500);
    expect(percentile(values, 0)).toBe(100);
    expect(percentile(values, 100)).toBe(500);
  });

  it('is null without values and exact for one', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([42], 95)).toBe(42);
  });
});

describe('histogram', () => {
  it('counts values per inclusive upper bound, the rest in the last bucket', () => {
    expect(histogram([100, 250, 251, 900, 5000, 99_999], [250, 500, 1000])).toEqual([
      { leMs: 250, count: 2 },
      { leMs: 500, count: 1 },
      { leMs: 1000, count: 1 },
      { leMs: null, count: 2 },
    ]);
  });

  it('has empty buckets for no values', () => {
    expect(histogram([], [1]).map((b) => b.count)).toEqual([0, 0]);
  });
});
