import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './retry';

describe('retryDelaySeconds', () => {
  it('retries soon at first, then backs off to at most 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(retryDelaySeconds)).toEqual([3, 5, 10, 20, 30, 30, 30]);
  });

  it('treats a nonsense attempt number as the first', () => {
    expect(retryDelaySeconds(-1)).toBe(3);
    expect(retryDelaySeconds(0.7)).toBe(3);
  });
});
