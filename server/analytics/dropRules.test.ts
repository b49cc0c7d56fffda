import { describe, expect, it } from 'vitest';
import { BitrateCollapseRule, HighLossRule, LowScoreRule } from './dropRules';

describe('LowScoreRule', () => {
  const threshold = 5;
  const holdMs = 5000;

  it('does not fire at the threshold, only below it', () => {
    const rule = new LowScoreRule({ threshold, holdMs: 0 });
    expect(rule.update('a', threshold, 0)).toBeNull();
    expect(rule.update('b', threshold - 1, 0)).toEqual({ value: threshold - 1, threshold, sinceMs: 0, heldMs: 0 });
  });

  it('fires once the low score has held for the hold time, not before', () => {
    const rule = new LowScoreRule({ threshold, holdMs });
    expect(rule.update('a', 3, 1000)).toBeNull();
    expect(rule.update('a', 3, 1000 + holdMs - 1)).toBeNull();
    expect(rule.update('a', 2, 1000 + holdMs)).toEqual({ value: 2, threshold, sinceMs: 1000, heldMs: holdMs });
  });

  it('restarts the hold when the score recovers in between', () => {
    const rule = new LowScoreRule({ threshold, holdMs });
    rule.update('a', 3, 0);
    rule.update('a', threshold, holdMs - 1000);
    expect(rule.update('a', 3, holdMs)).toBeNull();
    expect(rule.update('a', 3, holdMs * 2 - 1)).toBeNull();
    expect(rule.update('a', 3, holdMs * 2)).toMatchObject({ sinceMs: holdMs, heldMs: holdMs });
  });

  it('fires once per episode and re-arms after recovery', () => {
    const rule = new LowScoreRule({ threshold, holdMs: 0 });
    expect(rule.update('a', 1, 0)).not.toBeNull();
    expect(rule.update('a', 1, 1000)).toBeNull();
    expect(rule.update('a', 0, 2000)).toBeNull();
    expect(rule.update('a', 9, 3000)).toBeNull();
    expect(rule.update('a', 1, 4000)).toMatchObject({ value: 1, sinceMs: 4000 });
  });

  it('keeps keys apart', () => {
    const rule = new LowScoreRule({ threshold, holdMs: 0 });
    expect(rule.update('a', 1, 0)).not.toBeNull();
    expect(rule.update('b', 1, 0)).not.toBeNull();
  });

  it('forgets a key, so a new object under it starts afresh', () => {
    const rule = new LowScoreRule({ threshold, holdMs });
    rule.update('a', 1, 0);
    rule.forget('a');
    expect(rule.update('a', 1, holdMs)).toBeNull();
    expect(rule.update('a', 1, holdMs * 2)).toMatchObject({ sinceMs: holdMs });
  });

  it('defaults to score 5 held for 5 s', () => {
    const rule = new LowScoreRule();
    expect(rule.update('a', 5, 0)).toBeNull();
    expect(rule.update('b', 4.9, 0)).toBeNull();
    expect(rule.update('b', 4.9, 4999)).toBeNull();
    expect(rule.update('b', 4.9, 5000)).toMatchObject({ threshold: 5, heldMs: 5000 });
  });
});

describe('HighLossRule', () => {
  const thresholdPercent = 5;

  it('does not fire at the threshold, only past it', () => {
    const rule = new HighLossRule({ thresholdPercent });
    expect(rule.update('a', thresholdPercent, 0)).toBeNull();
    expect(rule.update('a', thresholdPercent + 0.1, 1000)).toEqual({
      value: thresholdPercent + 0.1,
      threshold: thresholdPercent,
      sinceMs: 1000,
      heldMs: 0,
    });
  });

  it('fires once while the loss lasts and again after it cleared', () => {
    const rule = new HighLossRule({ thresholdPercent });
    expect(rule.update('a', 20, 0)).not.toBeNull();
    expect(rule.update('a', 30, 1000)).toBeNull();
    expect(rule.update('a', 0, 2000)).toBeNull();
    expect(rule.update('a', 20, 3000)).toMatchObject({ sinceMs: 3000 });
  });

  it('waits for a hold time when given one', () => {
    const holdMs = 2000;
    const rule = new HighLossRule({ thresholdPercent, holdMs });
    expect(rule.update('a', 10, 0)).toBeNull();
    expect(rule.update('a', 10, holdMs - 1)).toBeNull();
    expect(rule.update('a', 10, holdMs)).toMatchObject({ heldMs: holdMs });
  });

  it('forgets a key', () => {
    const rule = new HighLossRule({ thresholdPercent });
    expect(rule.update('a', 10, 0)).not.toBeNull();
    rule.forget('a');
    expect(rule.update('a', 10, 1000)).not.toBeNull();
  });

  it('defaults to 5 % with no hold', () => {
    const rule = new HighLossRule();
    expect(rule.update('a', 5, 0)).toBeNull();
    expect(rule.update('a', 5.01, 0)).toMatchObject({ threshold: 5, heldMs: 0 });
  });
});

describe('BitrateCollapseRule', () => {
  const options = { ratio: 0.5, minSamples: 3, historySamples: 4, minAverageBps: 50_000 };
  const steady = 1_000_000;

  /** A rule that has seen `count` samples of `bps`. */
  function warmed(count: number, bps = steady): BitrateCollapseRule {
    const rule = new BitrateCollapseRule(options);
    for (let i = 0; i < count; i++) expect(rule.update('v', bps, i * 1000)).toBeNull();
    return rule;
  }

  it('does not fire at ratio × average, only below it', () => {
    expect(warmed(3).update('v', steady * options.ratio, 3000)).toBeNull();
    expect(warmed(3).update('v', steady * options.ratio - 1, 3000)).toEqual({
      value: steady * options.ratio - 1,
      current: steady * options.ratio - 1,
      threshold: steady * options.ratio,
      average: steady,
      ratio: (steady * options.ratio - 1) / steady,
      sinceMs: 3000,
      heldMs: 0,
    });
  });

  it('waits for the minimum number of previous samples', () => {
    expect(warmed(options.minSamples - 1).update('v', 0, 9000)).toBeNull();
    expect(warmed(options.minSamples).update('v', 0, 9000)).not.toBeNull();
  });

  it('ignores streams whose average never rose above the minimum', () => {
    expect(warmed(5, options.minAverageBps).update('v', 0, 9000)).toBeNull();
    expect(warmed(5, options.minAverageBps + 1).update('v', 0, 9000)).not.toBeNull();
  });

  it('averages only the last historySamples samples', () => {
    const rule = new BitrateCollapseRule(options);
    // An early 0 (the encoder starting) falls out of the history; had it
    // stayed, the average would be lower and this value not below half of it.
    rule.update('v', 0, 0);
    for (let i = 1; i <= options.historySamples; i++) rule.update('v', steady, i * 1000);
    expect(rule.update('v', steady * options.ratio - 1, 10_000)).toMatchObject({ average: steady });
  });

  it('fires once per collapse and re-arms once the bitrate is back', () => {
    const rule = warmed(3);
    expect(rule.update('v', 100_000, 3000)).not.toBeNull();
    expect(rule.update('v', 100_000, 4000)).toBeNull();
    for (let i = 5; i < 12; i++) rule.update('v', steady, i * 1000);
    expect(rule.update('v', 100_000, 12_000)).toMatchObject({ sinceMs: 12_000, average: steady });
  });

  it('takes a lasting lower rate as the new normal and clears', () => {
    const rule = warmed(3);
    const lower = steady * 0.3;
    expect(rule.update('v', lower, 3000)).not.toBeNull();
    // Once the history is all `lower`, the condition clears and the rule re-arms.
    for (let i = 4; i < 4 + options.historySamples; i++) rule.update('v', lower, i * 1000);
    expect(rule.update('v', lower * options.ratio - 1, 20_000)).toMatchObject({ average: lower });
  });

  it('forgets a key with its history', () => {
    const rule = warmed(3);
    rule.forget('v');
    expect(rule.update('v', 0, 5000)).toBeNull();
  });

  describe('defaults', () => {
    /** A default rule that has seen `values`, answering for `last`. */
    const after = (values: number[], last: number) => {
      const rule = new BitrateCollapseRule();
      values.forEach((v, i) => rule.update('v', v, i));
      return rule.update('v', last, values.length);
    };
    const times = (n: number, v: number) => Array.from({ length: n }, () => v);

    it('judges from 3 previous samples on', () => {
      expect(after(times(2, steady), 0)).toBeNull();
      expect(after(times(3, steady), 0)).not.toBeNull();
    });

    it('fires below half the average', () => {
      expect(after(times(3, steady), steady / 2)).toBeNull();
      expect(after(times(3, steady), steady / 2 - 1)).toMatchObject({ threshold: steady / 2 });
    });

    it('needs an average above 50 kbps', () => {
      expect(after(times(3, 50_000), 0)).toBeNull();
      expect(after(times(3, 50_001), 0)).not.toBeNull();
    });

    it('averages the last 10 samples', () => {
      expect(after([0, ...times(10, steady)], steady / 2 - 1)).toMatchObject({ average: steady });
    });
  });
});
