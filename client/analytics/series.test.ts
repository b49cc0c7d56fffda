import { describe, expect, it } from 'vitest';
import { emptySeries } from '@/stores/analyticsStore';
import { appendPoint } from './series';

describe('appendPoint', () => {
  it('appends in time order', () => {
    const s = appendPoint(appendPoint(emptySeries, 10, 1, 2), 11, 3, 4);
    expect(s).toEqual({ t: [10, 11], inbound: [1, 3], outbound: [2, 4] });
  });

  it('replaces the last point instead of going back in time', () => {
    const s = appendPoint(appendPoint(appendPoint(emptySeries, 10, 1, 2), 11, 3, 4), 11, 5, 6);
    expect(s).toEqual({ t: [10, 11], inbound: [1, 5], outbound: [2, 6] });
    expect(appendPoint(s, 9, 7, 8).t).toEqual([10, 11]);
  });

  it('keeps at most max points, dropping the oldest', () => {
    let s = emptySeries;
    for (let t = 1; t <= 5; t++) s = appendPoint(s, t, t * 10, t * 100, 3);
    expect(s).toEqual({ t: [3, 4, 5], inbound: [30, 40, 50], outbound: [300, 400, 500] });
  });

  it('does not change the series it was given', () => {
    const before = appendPoint(emptySeries, 1, 1, 1);
    appendPoint(before, 2, 2, 2);
    expect(before.t).toEqual([1]);
  });
});
