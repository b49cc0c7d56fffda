import { describe, expect, it } from 'vitest';
import { PeakHold } from './peakHold';

describe('PeakHold', () => {
  const options = { holdMs: 1000, decayPerSecond: 1 };

  it('shows a rising level at once', () => {
    const meter = new PeakHold(options);
    expect(meter.push(0.2, 0)).toBe(0.2);
    expect(meter.push(0.6, 50)).toBe(0.6);
  });

  it('holds a short burst for the hold time, then decays linearly to zero', () => {
    const meter = new PeakHold(options);
    meter.push(0.8, 0);
    expect(meter.push(0, 50)).toBe(0.8);
    expect(meter.push(0, 1000)).toBe(0.8);
    expect(meter.push(0, 1500)).toBeCloseTo(0.3);
    expect(meter.push(0, 2000)).toBe(0);
  });

  it('a new peak restarts the hold', () => {
    const meter = new PeakHold(options);
    meter.push(0.5, 0);
    expect(meter.push(0.3, 1200)).toBeCloseTo(0.3);
    expect(meter.push(0.3, 1200)).toBeCloseTo(0.3);
    meter.push(0.4, 1300);
    expect(meter.push(0, 2200)).toBeCloseTo(0.4);
  });

  it('clamps out-of-range and non-finite input', () => {
    const meter = new PeakHold(options);
    expect(meter.push(3, 0)).toBe(1);
    const fresh = new PeakHold(options);
    expect(fresh.push(Number.NaN, 0)).toBe(0);
    expect(fresh.push(-1, 10)).toBe(0);
  });
});
