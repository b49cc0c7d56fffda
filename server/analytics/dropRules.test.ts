import { describe, expect, it } from 'vitest';
import { BitrateCollapseRule, HighLossRule, LowScoreRule } from './dropRules';

describe('LowScoreRule', () => {
  it('fires once the score has stayed below the threshold for the hold time', () => {
    const rule = new LowScoreRule({ threshold: 5, holdMs: 5000 });
    expect(rule.update('c', 4, 0)).toBeNull();
    expect(rule.update('c', 3, 4999)).toBeNull();
    expect(rule.update('c', 3, 5000)).toEqual({ value: 3, threshold: 5, sinceMs: 0, heldMs: 5000 });
  });

  it('does not fire at the threshold itself', () => {
    const rule = new LowScoreRule({ threshold: 5, holdMs: 0 });
    expect(rule.update('c', 5, 0)).toBeNull();
    expect(rule.update('c', 4.9, 1)).not.toBeNull();
  });

  it('fires once per episode and re-arms after recovery', () => {
    const rule = new LowScoreRule({ holdMs: 1000 });
    rule.update('c', 2, 0);
    expect(rule.update('c', 2, 1000)).not.toBeNull();
    expect(rule.update('c', 2, 9000)).toBeNull();
    expect(rule.update('c', 9, 9500)).toBeNull();
    expect(rule.update('c', 2, 10_000)).toBeNull();
    expect(rule.update('c', 2, 11_000)).toMatchObject({ sinceMs: 10_000, heldMs: 1000 });
  });

  it('restarts the hold when the score recovers in between', () => {
    const rule = new LowScoreRule({ holdMs: 5000 });
    rule.update('c', 1, 0);
    rule.update('c', 10, 3000);
    expect(rule.update('c', 1, 6000)).toBeNull();
    expect(rule.update('c', 1, 11_000)).not.toBeNull();
  });

  it('keeps keys apart and forgets a closed object', () => {
    const rule = new LowScoreRule({ holdMs: 1000 });
    rule.update('a', 1, 0);
    rule.update('b', 1, 500);
    expect(rule.update('a', 1, 1000)).not.toBeNull();
    expect(rule.update('b', 1, 1000)).toBeNull();
    rule.forget('a');
    expect(rule.update('a', 1, 1500)).toBeNull();
    expect(rule.update('a', 1, 2500)).not.toBeNull();
  });
});

describe('HighLossRule', () => {
  it('fires just above the threshold, not at it', () => {
    const rule = new HighLossRule({ thresholdPercent: 5 });
    expect(rule.update('p', 5, 0)).toBeNull();
    expect(rule.update('p', 5.1, 1)).toEqual({ value: 5.1, threshold: 5, sinceMs: 1, heldMs: 0 });
    expect(rule.update('p', 12, 2)).toBeNull();
    expect(rule.update('p', 0, 3)).toBeNull();
    expect(rule.update('p', 6, 4)).not.toBeNull();
  });
});

describe('BitrateCollapseRule', () => {
  const steady = (rule: BitrateCollapseRule, bps: number, n: number) => {
    for (let i = 0; i < n; i++) expect(rule.update('v', bps, i)).toBeNull();
  };

  it('fires when the bitrate falls below half of its recent average', () => {
    const rule = new BitrateCollapseRule();
    steady(rule, 1_000_000, 5);
    expect(rule.update('v', 500_000, 10)).toBeNull();
    const trigger = rule.update('v', 300_000, 11);
    expect(trigger).toMatchObject({ value: 300_000 });
    expect(trigger!.average).toBeCloseTo((5 * 1_000_000 + 500_000) / 6);
  });

  it('needs history and a real average first', () => {
    const rule = new BitrateCollapseRule({ minSamples: 3, minAverageBps: 50_000 });
    rule.update('v', 1_000_000, 0);
    rule.update('v', 1_000_000, 1);
    expect(rule.update('v', 0, 2)).toBeNull();
    const quiet = new BitrateCollapseRule({ minAverageBps: 50_000 });
    for (let i = 0; i < 5; i++) quiet.update('a', 40_000, i);
    expect(quiet.update('a', 0, 9)).toBeNull();
  });

  it('fires once while it stays down, and again after a recovery', () => {
    const rule = new BitrateCollapseRule({ historySamples: 4 });
    steady(rule, 1_000_000, 4);
    expect(rule.update('v', 100_000, 10)).not.toBeNull();
    expect(rule.update('v', 100_000, 11)).toBeNull();
    rule.forget('v');
    steady(rule, 1_000_000, 4);
    expect(rule.update('v', 100_000, 20)).not.toBeNull();
  });
});
