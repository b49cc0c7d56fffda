import { describe, expect, it } from 'vitest';
import { runLimited } from './runLimited';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runLimited', () => {
  it('never has more than the limit in flight and runs every job', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    const jobs = Array.from({ length: 20 }, (_, i) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
      done.push(i);
    });
    await runLimited(jobs, 3, () => {});
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('reports a failing job and carries on with the rest', async () => {
    const errors: number[] = [];
    let ran = 0;
    const jobs = [0, 1, 2, 3].map((i) => async () => {
      ran++;
      if (i === 1) throw new Error('boom');
    });
    await runLimited(jobs, 2, (_error, index) => errors.push(index));
    expect(ran).toBe(4);
    expect(errors).toEqual([1]);
  });

  it('resolves at once with no jobs', async () => {
    await expect(runLimited([], 4, () => {})).resolves.toBeUndefined();
  });
});
