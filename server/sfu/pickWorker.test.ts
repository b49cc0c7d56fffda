import { describe, expect, it } from 'vitest';
import { pickWorker } from './pickWorker';

describe('pickWorker', () => {
  it('picks the least-loaded worker', () => {
    expect(
      pickWorker([
        { index: 0, load: 5 },
        { index: 1, load: 2 },
        { index: 2, load: 7 },
      ]),
    ).toBe(1);
  });

  it('picks the least-loaded worker when it is last', () => {
    expect(
      pickWorker([
        { index: 0, load: 3 },
        { index: 1, load: 3 },
        { index: 2, load: 0 },
      ]),
    ).toBe(2);
  });

  it('breaks ties by the lowest index', () => {
    expect(
      pickWorker([
        { index: 0, load: 4 },
        { index: 1, load: 1 },
        { index: 2, load: 1 },
      ]),
    ).toBe(1);
  });

  it('returns the only worker', () => {
    expect(pickWorker([{ index: 3, load: 99 }])).toBe(3);
  });

  it('throws with no workers', () => {
    expect(() => pickWorker([])).toThrow('no workers');
  });

  it('does not depend on the order of the input', () => {
    const loads = [
      { index: 0, load: 2 },
      { index: 1, load: 1 },
      { index: 2, load: 1 },
      { index: 3, load: 5 },
    ];
    const permutations = [
      loads,
      [...loads].reverse(),
      [loads[2], loads[0], loads[3], loads[1]],
      [loads[3], loads[2], loads[1], loads[0]],
    ];
    for (const p of permutations) expect(pickWorker(p)).toBe(1);
  });

  it('uses the index field, not the array position', () => {
    expect(
      pickWorker([
        { index: 7, load: 1 },
        { index: 4, load: 1 },
      ]),
    ).toBe(4);
  });
});
