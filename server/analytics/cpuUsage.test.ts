import { describe, expect, it } from 'vitest';
import { cpuPercent } from './cpuUsage';

describe('cpuPercent', () => {
  it('is null without a previous reading', () => {
    expect(cpuPercent(undefined, { userMs: 500, systemMs: 100, atMs: 1000 })).toBeNull();
  });

  it('is null when no time passed or the clock went back', () => {
    const reading = { userMs: 500, systemMs: 100, atMs: 1000 };
    expect(cpuPercent(reading, { ...reading, userMs: 600 })).toBeNull();
    expect(cpuPercent(reading, { ...reading, userMs: 600, atMs: 900 })).toBeNull();
  });

  it('is user plus system time over wall time, as a percentage of one core', () => {
    const prev = { userMs: 1000, systemMs: 200, atMs: 10_000 };
    const curr = { userMs: 1150, systemMs: 250, atMs: 12_000 };
    expect(cpuPercent(prev, curr)).toBe(((150 + 50) / 2000) * 100);
  });

  it('is 0 for an idle process', () => {
    const prev = { userMs: 1000, systemMs: 200, atMs: 10_000 };
    expect(cpuPercent(prev, { ...prev, atMs: 11_000 })).toBe(0);
  });

  it('clamps to 0 when the counters started over after a restart', () => {
    const prev = { userMs: 90_000, systemMs: 9000, atMs: 10_000 };
    expect(cpuPercent(prev, { userMs: 40, systemMs: 10, atMs: 12_000 })).toBe(0);
  });

  it('may exceed one core when several threads were busy', () => {
    const prev = { userMs: 0, systemMs: 0, atMs: 0 };
    expect(cpuPercent(prev, { userMs: 1500, systemMs: 300, atMs: 1000 })).toBe(180);
  });
});
