import { describe, expect, it } from 'vitest';
import { bitrateBps, counterDelta, ratePerSecond } from './counters';

describe('counterDelta', () => {
  it('counts nothing the first time a counter is seen', () => {
    expect(counterDelta(undefined, 12_345)).toBe(0);
  });

  it('is the increase between two readings', () => {
    expect(counterDelta(100, 175)).toBe(75);
  });

  it('is 0 when the counter did not move', () => {
    expect(counterDelta(42, 42)).toBe(0);
  });

  it('takes a counter that went backwards as restarted from 0', () => {
    expect(counterDelta(5000, 30)).toBe(30);
  });

  it('follows a run of readings across a restart', () => {
    const readings = [10, 25, 40, 3, 9];
    const deltas = readings.map((value, i) => counterDelta(i === 0 ? undefined : readings[i - 1], value));
    expect(deltas).toEqual([0, 15, 15, 3, 6]);
  });
});

describe('ratePerSecond', () => {
  it('scales a delta over milliseconds to per second', () => {
    expect(ratePerSecond(50, 2000)).toBe(25);
    expect(ratePerSecond(3, 500)).toBe(6);
  });

  it('is 0 when no time or negative time passed', () => {
    expect(ratePerSecond(50, 0)).toBe(0);
    expect(ratePerSecond(50, -10)).toBe(0);
  });
});

describe('bitrateBps', () => {
  it('turns bytes over milliseconds into bits per second', () => {
    expect(bitrateBps(125_000, 1000)).toBe(1_000_000);
    expect(bitrateBps(1000, 4000)).toBe(2000);
  });

  it('is 0 when no time passed', () => {
    expect(bitrateBps(1000, 0)).toBe(0);
  });
});
