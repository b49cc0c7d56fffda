import { describe, expect, it } from 'vitest';
import { cpuPercent } from './cpuUsage';

describe('cpuPercent', () => {
  it('is the CPU time used over the wall time between two samples', () => {
    expect(cpuPercent({ userMs: 1000, systemMs: 500, atMs: 0 }, { userMs: 1300, systemMs: 600, atMs: 2000 })).toBe(20);
  });

  it('ignores how much was used before the first sample', () => {
    expect(cpuPercent({ userMs: 90_000, systemMs: 0, atMs: 0 }, { userMs: 90_000, systemMs: 0, atMs: 1000 })).toBe(0);
  });

  it('is null without a previous sample or elapsed time', () => {
    expect(cpuPercent(undefined, { userMs: 1, systemMs: 1, atMs: 1 })).toBeNull();
    expect(cpuPercent({ userMs: 0, systemMs: 0, atMs: 5 }, { userMs: 9, systemMs: 0, atMs: 5 })).toBeNull();
  });

  it('clamps to 0 when the counters went backwards (a restarted worker)', () => {
    expect(cpuPercent({ userMs: 5000, systemMs: 0, atMs: 0 }, { userMs: 10, systemMs: 0, atMs: 1000 })).toBe(0);
  });

  it('can exceed 100 for a process with several busy threads', () => {
    expect(cpuPercent({ userMs: 0, systemMs: 0, atMs: 0 }, { userMs: 1500, systemMs: 0, atMs: 1000 })).toBe(150);
  });
});
