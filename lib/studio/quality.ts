/*
 * SPEC 4 quality band. One rule per metric; the stream is only as good as its
 * worst metric, so the band is the worst of the three. Shared by the server
 * (stored with every sample) and the studio (shown live), hence pure.
 */
import type { BandResult, QualityBand, StreamStats } from './types';

export const BAND_LABEL: Record<QualityBand, string> = { good: 'Good', fair: 'Fair', poor: 'Poor' };

type BandInput = Pick<StreamStats, 'packetLoss' | 'latency' | 'fps'>;

interface MetricRule {
  band(stats: BandInput): QualityBand;
  /** The reason in words; only asked for when the metric is not good. */
  describe(stats: BandInput): string;
}

const RANK: Record<QualityBand, number> = { good: 0, fair: 1, poor: 2 };

// Two decimals so that a value just past an edge (3.01 %) does not print as the edge itself.
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Higher is worse: good below `good`, fair up to and including `poor`, poor above it. */
function upperBand(value: number, good: number, poor: number): QualityBand {
  if (value > poor) return 'poor';
  return value >= good ? 'fair' : 'good';
}

/** Lower is worse: good at `good` or more, fair down to and including `poor`, poor below. */
function lowerBand(value: number, good: number, poor: number): QualityBand {
  if (value < poor) return 'poor';
  return value < good ? 'fair' : 'good';
}

const RULES: MetricRule[] = [
  {
    band: (s) => upperBand(s.packetLoss, 1, 3),
    describe: (s) => `Packet loss ${number.format(s.packetLoss)} % (good is under 1 %)`,
  },
  {
    band: (s) => upperBand(s.latency, 100, 200),
    describe: (s) => `Round-trip time ${number.format(s.latency)} ms (good is under 100 ms)`,
  },
  {
    band: (s) => lowerBand(s.fps, 25, 20),
    describe: (s) => `Frame rate ${number.format(s.fps)} fps (good is 25 fps or more)`,
  },
];

export function qualityBand(stats: BandInput): BandResult {
  let band: QualityBand = 'good';
  const reasons: string[] = [];
  for (const rule of RULES) {
    const metricBand = rule.band(stats);
    if (metricBand === 'good') continue;
    reasons.push(rule.describe(stats));
    if (RANK[metricBand] > RANK[band]) band = metricBand;
  }
  return { band, reasons };
}
