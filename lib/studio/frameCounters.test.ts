import { describe, expect, it } from 'vitest';
import { frameCounterViews } from './frameCounters';

const frames = (captured: number, encoded: number, dropped: number, limited: number) => ({
  captured,
  encoded,
  dropped,
  limited,
});

describe('frameCounterViews', () => {
  it('counts dropped of captured and limited of encoded since the start', () => {
    expect(frameCounterViews(frames(3468, 3456, 12, 0), null)).toEqual([
      { label: 'Frames dropped', count: 12, total: 3468, percent: (12 / 3468) * 100, text: '12 / 3,468 (0.3 %)' },
      { label: 'Frames limited', count: 0, total: 3456, percent: 0, text: '0 / 3,456 (0 %)' },
    ]);
  });

  it('formats the percent with one decimal', () => {
    const [, limited] = frameCounterViews(frames(1000, 900, 100, 300), null);
    expect(limited.text).toBe('300 / 900 (33.3 %)');
  });

  it('counts from the baseline a Reset stored', () => {
    const baseline = frames(1000, 990, 10, 50);
    const [dropped, limited] = frameCounterViews(frames(1600, 1570, 30, 80), baseline);
    expect(dropped).toMatchObject({ count: 20, total: 600, text: '20 / 600 (3.3 %)' });
    expect(limited).toMatchObject({ count: 30, total: 580 });
  });

  it('shows 0 % right after a Reset (total 0)', () => {
    const now = frames(1000, 990, 10, 50);
    expect(frameCounterViews(now, now).map((v) => v.text)).toEqual(['0 / 0 (0 %)', '0 / 0 (0 %)']);
    expect(frameCounterViews(now, now).map((v) => v.percent)).toEqual([0, 0]);
  });

  it('shows zeros when there are no counters yet', () => {
    expect(frameCounterViews(undefined, null).map((v) => v.text)).toEqual(['0 / 0 (0 %)', '0 / 0 (0 %)']);
  });

  it('treats the baseline as zero when the counters restarted below it', () => {
    const baseline = frames(5000, 4900, 100, 20);
    const [dropped, limited] = frameCounterViews(frames(300, 290, 10, 5), baseline);
    expect(dropped).toMatchObject({ count: 10, total: 300 });
    expect(limited).toMatchObject({ count: 5, total: 290 });
  });

  it('restarts when even one counter fell below the baseline', () => {
    const [dropped] = frameCounterViews(frames(6000, 5990, 10, 20), frames(5000, 4900, 100, 20));
    expect(dropped).toMatchObject({ count: 10, total: 6000 });
  });

  it('never shows a count above its total (limited is an approximation)', () => {
    const [, limited] = frameCounterViews(frames(100, 100, 0, 104), null);
    expect(limited).toMatchObject({ count: 100, total: 100, percent: 100, text: '100 / 100 (100 %)' });
  });
});
