import { describe, expect, it } from 'vitest';
import {
  BAND_UPGRADE_MARGIN,
  EXCELLENT_MIN_SCORE,
  GOOD_MIN_SCORE,
  LOST_SCORE,
  MAX_SCORE,
  MIN_SCORE,
  QualityScorer,
  SERVER_SCORE_MAX,
  type ConnectionQuality,
  type QualityInput,
  instantScore,
  nextBand,
  qualityBand,
  ratingToScore,
  reduceQuality,
  smoothScore,
} from './connectionQuality';

/** Nothing known: every component ignored. */
const UNKNOWN: QualityInput = {
  lossPercent: null,
  rttMs: null,
  jitterMs: null,
  bitrateBps: null,
  expectedBitrateBps: null,
  layer: null,
  wantedLayer: null,
};

/** A healthy top-layer camera stream. */
const CLEAN: QualityInput = {
  lossPercent: 0,
  rttMs: 40,
  jitterMs: 5,
  bitrateBps: 900_000,
  expectedBitrateBps: 900_000,
  layer: 2,
  wantedLayer: 2,
  packetsReceived: 250,
};

function sample(overrides: Partial<QualityInput>): QualityInput {
  return { ...CLEAN, ...overrides };
}

function bandOf(input: QualityInput): ConnectionQuality {
  return qualityBand(instantScore(input).score);
}

function kinds(input: QualityInput): string[] {
  return instantScore(input).reasons.map((r) => r.kind);
}

describe('instantScore', () => {
  it('rates a clean stream excellent with no reasons', () => {
    const { score, reasons } = instantScore(sample({ lossPercent: 0, rttMs: 0, jitterMs: 0 }));
    expect(score).toBeCloseTo(MAX_SCORE, 6);
    expect(qualityBand(score)).toBe('excellent');
    expect(reasons).toEqual([]);
  });

  it('grades packet loss: 2 % excellent, 5 % good, 10 % and 30 % poor', () => {
    expect(bandOf(sample({ lossPercent: 2 }))).toBe('excellent');
    expect(bandOf(sample({ lossPercent: 5 }))).toBe('good');
    expect(bandOf(sample({ lossPercent: 10 }))).toBe('poor');
    expect(bandOf(sample({ lossPercent: 30 }))).toBe('poor');
  });

  it('scores strictly lower as loss grows, but never below a live stream\'s floor', () => {
    const scores = [0, 2, 5, 10, 30].map((lossPercent) => instantScore(sample({ lossPercent })).score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    expect(instantScore(sample({ lossPercent: 100 })).score).toBeGreaterThan(LOST_SCORE);
  });

  it('marks high RTT good and extreme RTT poor', () => {
    expect(bandOf(sample({ rttMs: 200, jitterMs: 0 }))).toBe('excellent');
    expect(bandOf(sample({ rttMs: 420, jitterMs: 0 }))).toBe('good');
    expect(bandOf(sample({ rttMs: 1000, jitterMs: 0 }))).toBe('poor');
    expect(kinds(sample({ rttMs: 420, jitterMs: 0 }))).toEqual(['rtt']);
  });

  it('counts jitter double towards delay', () => {
    expect(bandOf(sample({ rttMs: 0, jitterMs: 200 }))).toBe('good');
    expect(instantScore(sample({ rttMs: 0, jitterMs: 200 })).score).toBeCloseTo(
      instantScore(sample({ rttMs: 400, jitterMs: 0 })).score,
      6,
    );
    expect(kinds(sample({ rttMs: 0, jitterMs: 200 }))).toEqual(['jitter']);
  });

  it('adds loss and delay together (E-model), so two mild faults make a worse score', () => {
    const both = instantScore(sample({ lossPercent: 2, rttMs: 300, jitterMs: 0 })).score;
    expect(both).toBeLessThan(instantScore(sample({ lossPercent: 2 })).score);
    expect(both).toBeLessThan(instantScore(sample({ rttMs: 300, jitterMs: 0 })).score);
    expect(qualityBand(both)).toBe('good');
  });

  it('rates 40 % of the expected bitrate poor, 80 % excellent', () => {
    expect(bandOf(sample({ bitrateBps: 360_000 }))).toBe('poor');
    expect(bandOf(sample({ bitrateBps: 540_000 }))).toBe('good');
    expect(bandOf(sample({ bitrateBps: 720_000 }))).toBe('excellent');
    expect(kinds(sample({ bitrateBps: 360_000 }))).toEqual(['bitrate']);
  });

  it('does not reward more bitrate than expected, nor punish a missing expectation', () => {
    expect(instantScore(sample({ bitrateBps: 2_000_000, rttMs: 0, jitterMs: 0 })).score).toBeCloseTo(MAX_SCORE, 6);
    expect(bandOf(sample({ bitrateBps: 10_000, expectedBitrateBps: 0 }))).toBe('excellent');
    expect(bandOf(sample({ bitrateBps: 10_000, expectedBitrateBps: null }))).toBe('excellent');
  });

  it('rates layer 0 of 2 poor and layer 1 of 2 good', () => {
    expect(bandOf(sample({ layer: 0, wantedLayer: 2 }))).toBe('poor');
    expect(bandOf(sample({ layer: 1, wantedLayer: 2 }))).toBe('good');
    expect(bandOf(sample({ layer: 2, wantedLayer: 1 }))).toBe('excellent');
    expect(kinds(sample({ layer: 0, wantedLayer: 2 }))).toEqual(['layer']);
  });

  it('keeps a paused stream excellent despite no bitrate, no layer and no packets', () => {
    const paused = sample({ paused: true, bitrateBps: 0, layer: null, packetsReceived: 0 });
    expect(bandOf(paused)).toBe('excellent');
    expect(instantScore(paused).reasons).toEqual([]);
    expect(bandOf(sample({ paused: true, layer: 0, wantedLayer: 2, bitrateBps: 1 }))).toBe('excellent');
  });

  it('still scores transport trouble on a paused stream', () => {
    expect(bandOf(sample({ paused: true, bitrateBps: 0, rttMs: 1000 }))).toBe('poor');
  });

  it('reports zero packets as lost with a no-media reason', () => {
    const result = instantScore(sample({ packetsReceived: 0 }));
    expect(result.score).toBe(LOST_SCORE);
    expect(qualityBand(result.score)).toBe('lost');
    expect(result.reasons.map((r) => r.kind)).toEqual(['no-media']);
  });

  it('ignores null and non-finite inputs', () => {
    expect(instantScore(UNKNOWN)).toEqual({ score: MAX_SCORE, reasons: [] });
    expect(bandOf({ ...UNKNOWN, packetsReceived: null })).toBe('excellent');
    expect(bandOf({ ...UNKNOWN, lossPercent: Number.NaN, rttMs: Number.POSITIVE_INFINITY })).toBe('excellent');
    expect(bandOf({ ...UNKNOWN, bitrateBps: 100_000 })).toBe('excellent');
    expect(bandOf({ ...UNKNOWN, layer: 0 })).toBe('excellent');
    // a lone known component still counts
    expect(bandOf({ ...UNKNOWN, lossPercent: 10 })).toBe('poor');
  });
});

describe('reasons', () => {
  it('writes human sentences', () => {
    expect(instantScore(sample({ lossPercent: 4.2 })).reasons).toEqual([{ kind: 'loss', text: '4.2 % packet loss' }]);
    expect(instantScore(sample({ bitrateBps: 180_000 })).reasons).toEqual([
      { kind: 'bitrate', text: 'Receiving 180 kbps of an expected 900 kbps' },
    ]);
    expect(instantScore(sample({ layer: 1, wantedLayer: 2 })).reasons).toEqual([
      { kind: 'layer', text: 'Receiving layer 1 of 2 wanted' },
    ]);
    expect(instantScore(sample({ rttMs: 420, jitterMs: 0 })).reasons).toEqual([{ kind: 'rtt', text: 'RTT 420 ms' }]);
    expect(instantScore(sample({ rttMs: 0, jitterMs: 200.4 })).reasons).toEqual([
      { kind: 'jitter', text: 'Jitter 200 ms' },
    ]);
  });

  it('lists every significant cause, worst first, and leaves out trivial ones', () => {
    // RTT 300 ms costs 18 R points, 2 % loss 16, jitter 5 ms almost nothing
    expect(kinds(sample({ lossPercent: 2, rttMs: 300, jitterMs: 5 }))).toEqual(['rtt', 'loss']);
    expect(kinds(sample({ lossPercent: 10, bitrateBps: 100_000, layer: 1 }))).toEqual(['bitrate', 'loss', 'layer']);
  });

  it('names the frame sizes of a low layer, and says "Sending" for my own stream', () => {
    const sizes = { layerSize: { width: 320, height: 180 }, wantedLayerSize: { width: 1280, height: 720 } };
    expect(instantScore(sample({ layer: 0, wantedLayer: 2, bitrateBps: 100_000, expectedBitrateBps: 100_000, ...sizes })).reasons).toEqual([
      { kind: 'layer', text: 'Low layer: 320×180 of 1280×720' },
    ]);
    expect(instantScore(sample({ bitrateBps: 30_000, direction: 'send' })).reasons).toEqual([
      { kind: 'bitrate', text: 'Sending 30 kbps of an expected 900 kbps' },
    ]);
    expect(instantScore(sample({ layer: 1, direction: 'send' })).reasons).toEqual([
      { kind: 'layer', text: 'Sending layer 1 of 2 wanted' },
    ]);
  });

  it('gives no reasons while excellent, even with minor imperfections', () => {
    expect(instantScore(sample({ lossPercent: 2 })).reasons).toEqual([]);
  });
});

describe('qualityBand', () => {
  it('uses the documented thresholds, exclusive', () => {
    expect(qualityBand(MAX_SCORE)).toBe('excellent');
    expect(qualityBand(EXCELLENT_MIN_SCORE + 0.001)).toBe('excellent');
    expect(qualityBand(EXCELLENT_MIN_SCORE)).toBe('good');
    expect(qualityBand(GOOD_MIN_SCORE + 0.001)).toBe('good');
    expect(qualityBand(GOOD_MIN_SCORE)).toBe('poor');
    expect(qualityBand(1)).toBe('poor');
    expect(qualityBand(LOST_SCORE)).toBe('lost');
  });

  it('maps the E-model R scale onto MOS monotonically', () => {
    expect(ratingToScore(100)).toBeCloseTo(4.5, 6);
    expect(ratingToScore(0)).toBeCloseTo(MIN_SCORE, 6);
    for (let r = 1; r <= 100; r++) {
      expect(ratingToScore(r)).toBeGreaterThanOrEqual(ratingToScore(r - 1));
      expect(ratingToScore(r)).toBeGreaterThanOrEqual(MIN_SCORE);
    }
    expect(ratingToScore(50)).toBeGreaterThan(ratingToScore(20));
  });
});

describe('nextBand', () => {
  it('drops as soon as a lower threshold is crossed', () => {
    expect(nextBand('excellent', EXCELLENT_MIN_SCORE + 0.01)).toBe('excellent');
    expect(nextBand('excellent', EXCELLENT_MIN_SCORE)).toBe('good');
    expect(nextBand('excellent', 1)).toBe('poor');
    expect(nextBand('good', LOST_SCORE)).toBe('lost');
  });

  it('rises only once the threshold is cleared by the margin', () => {
    expect(nextBand('good', EXCELLENT_MIN_SCORE + BAND_UPGRADE_MARGIN / 2)).toBe('good');
    expect(nextBand('good', EXCELLENT_MIN_SCORE + BAND_UPGRADE_MARGIN * 1.5)).toBe('excellent');
    expect(nextBand('poor', GOOD_MIN_SCORE + BAND_UPGRADE_MARGIN / 2)).toBe('poor');
  });

  it('may rise several bands at once, but only as far as the margin allows', () => {
    expect(nextBand('poor', MAX_SCORE)).toBe('excellent');
    expect(nextBand('poor', EXCELLENT_MIN_SCORE + BAND_UPGRADE_MARGIN / 2)).toBe('good');
  });
});

describe('smoothScore', () => {
  it('takes a lower score at once', () => {
    expect(smoothScore(4.5, 1.2, 0)).toBe(1.2);
    expect(smoothScore(4.5, 1.2, 1000)).toBe(1.2);
  });

  it('rises partway, more with more time, never past the target', () => {
    const oneSecond = smoothScore(1, 4.5, 1000);
    const twoSeconds = smoothScore(1, 4.5, 2000);
    expect(oneSecond).toBeGreaterThan(1);
    expect(twoSeconds).toBeGreaterThan(oneSecond);
    expect(twoSeconds).toBeLessThan(4.5);
    expect(smoothScore(1, 4.5, 600_000)).toBeCloseTo(4.5, 6);
  });

  it('does not move without time passing, or when the clock goes back', () => {
    expect(smoothScore(1, 4.5, 0)).toBe(1);
    expect(smoothScore(1, 4.5, -5000)).toBe(1);
    expect(smoothScore(1, 4.5, Number.NaN)).toBe(1);
  });

  it('is path-independent for a constant target: two 1 s steps equal one 2 s step', () => {
    expect(smoothScore(smoothScore(1, 4.5, 1000), 4.5, 1000)).toBeCloseTo(smoothScore(1, 4.5, 2000), 9);
  });
});

describe('QualityScorer', () => {
  /** Feeds `input` every second from `startMs`; returns the bands seen and the next time. */
  function feed(scorer: QualityScorer, input: QualityInput, seconds: number, startMs: number) {
    const bands: ConnectionQuality[] = [];
    for (let i = 1; i <= seconds; i++) bands.push(scorer.update(input, startMs + i * 1000).quality);
    return { bands, nowMs: startMs + seconds * 1000 };
  }

  it('starts from the first sample', () => {
    expect(new QualityScorer().update(sample({ lossPercent: 10 }), 0).quality).toBe('poor');
    expect(new QualityScorer().update(CLEAN, 0).quality).toBe('excellent');
  });

  it('drops at once on one bad sample', () => {
    const scorer = new QualityScorer();
    scorer.update(CLEAN, 0);
    const bad = scorer.update(sample({ lossPercent: 10 }), 1000);
    expect(bad.quality).toBe('poor');
    expect(bad.score).toBeCloseTo(instantScore(sample({ lossPercent: 10 })).score, 9);
    expect(bad.reasons.map((r) => r.kind)).toEqual(['loss']);
  });

  it('needs several seconds of good samples to recover, passing through good', () => {
    const scorer = new QualityScorer();
    scorer.update(sample({ lossPercent: 10 }), 0);
    const { bands } = feed(scorer, CLEAN, 15, 0);
    const firstExcellent = bands.indexOf('excellent');
    expect(bands[0]).not.toBe('excellent');
    expect(firstExcellent).toBeGreaterThanOrEqual(3);
    expect(bands.slice(0, firstExcellent)).toContain('good');
    expect(bands.slice(firstExcellent).every((b) => b === 'excellent')).toBe(true);
  });

  it('keeps explaining the dip while recovering, and clears reasons once excellent', () => {
    const scorer = new QualityScorer();
    scorer.update(sample({ lossPercent: 10 }), 0);
    const recovering = scorer.update(CLEAN, 1000);
    expect(recovering.quality).not.toBe('excellent');
    expect(recovering.reasons).toEqual([{ kind: 'loss', text: '10.0 % packet loss' }]);
    const { nowMs } = feed(scorer, CLEAN, 30, 1000);
    expect(scorer.update(CLEAN, nowMs + 1000).reasons).toEqual([]);
  });

  it('does not rise into excellent on a score just above the threshold', () => {
    // 2.5 % loss scores just over 4.0: excellent by qualityBand, inside the upgrade margin
    const borderline = sample({ lossPercent: 2.5, rttMs: 0, jitterMs: 0 });
    const borderScore = instantScore(borderline).score;
    expect(borderScore).toBeGreaterThan(EXCELLENT_MIN_SCORE);
    expect(borderScore).toBeLessThan(EXCELLENT_MIN_SCORE + BAND_UPGRADE_MARGIN);

    const fromGood = new QualityScorer();
    fromGood.update(sample({ lossPercent: 5 }), 0);
    expect(feed(fromGood, borderline, 60, 0).bands.every((b) => b === 'good')).toBe(true);

    const fromExcellent = new QualityScorer();
    fromExcellent.update(CLEAN, 0);
    expect(feed(fromExcellent, borderline, 60, 0).bands.every((b) => b === 'excellent')).toBe(true);
  });

  it('goes lost on an empty interval and recovers through poor', () => {
    const scorer = new QualityScorer();
    scorer.update(CLEAN, 0);
    const lost = scorer.update(sample({ packetsReceived: 0 }), 1000);
    expect(lost.quality).toBe('lost');
    expect(lost.score).toBe(LOST_SCORE);
    expect(lost.reasons.map((r) => r.kind)).toEqual(['no-media']);
    expect(scorer.update(CLEAN, 2000).quality).toBe('poor');
  });

  it('shows a paused stream excellent at once, even after a bad spell', () => {
    const scorer = new QualityScorer();
    scorer.update(sample({ lossPercent: 30 }), 0);
    const pausedInput = { ...UNKNOWN, paused: true, bitrateBps: 0, expectedBitrateBps: 900_000, packetsReceived: 0 };
    const paused = scorer.update(pausedInput, 1000);
    expect(paused).toEqual({ quality: 'excellent', score: MAX_SCORE, reasons: [] });
  });

  it('forgives low bitrate in the interval that ends a pause, but not after', () => {
    const scorer = new QualityScorer();
    scorer.update(CLEAN, 0);
    scorer.update(sample({ paused: true, bitrateBps: 0, packetsReceived: 0 }), 1000);
    const low = sample({ bitrateBps: 200_000 });
    expect(scorer.update(low, 2000).quality).toBe('excellent');
    expect(scorer.update(low, 3000).quality).toBe('poor');
  });

  it('does not recover when updates arrive at the same instant', () => {
    const scorer = new QualityScorer();
    scorer.update(sample({ lossPercent: 10 }), 1000);
    expect(scorer.update(CLEAN, 1000).quality).toBe('poor');
  });

  it('forgets history on reset', () => {
    const scorer = new QualityScorer();
    scorer.update(sample({ lossPercent: 30 }), 0);
    scorer.reset();
    expect(scorer.update(CLEAN, 1000).quality).toBe('excellent');
  });

  it('is deterministic: reduceQuality gives the same state for the same inputs', () => {
    const inputs = [CLEAN, sample({ lossPercent: 10 }), CLEAN, CLEAN, sample({ layer: 1 })];
    const run = () => inputs.reduce((state, input, i) => reduceQuality(state, input, i * 1000), reduceQuality(null, CLEAN, -1000));
    expect(run()).toEqual(run());
  });
});

describe('server score', () => {
  it('caps the band: a full score costs nothing, a low one makes a clean stream poor', () => {
    expect(bandOf(sample({ serverScore: SERVER_SCORE_MAX }))).toBe('excellent');
    expect(bandOf(sample({ serverScore: 7 }))).toBe('good');
    expect(bandOf(sample({ serverScore: 3 }))).toBe('poor');
    expect(instantScore(sample({ serverScore: 3 })).reasons).toEqual([{ kind: 'server', text: 'The server rates the stream 3 of 10' }]);
  });

  it('is ignored while paused or unknown, and clamped to its scale', () => {
    expect(bandOf(sample({ serverScore: 0, paused: true }))).toBe('excellent');
    expect(bandOf(sample({ serverScore: null }))).toBe('excellent');
    expect(bandOf(sample({ serverScore: 42 }))).toBe('excellent');
    expect(instantScore(sample({ serverScore: -5 })).score).toBe(MIN_SCORE);
  });
});
