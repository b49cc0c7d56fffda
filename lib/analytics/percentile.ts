import { AppError } from '@/lib/protocol/errors';

/**
 * The p-th percentile (0-100) by nearest rank: the smallest value that at
 * least p % of the values are at or below. Always one of the measured values,
 * never an interpolation between two, so "p95 = 1.8 s" is a join that took
 * 1.8 s. null for no values. NaN values are skipped (they have no rank).
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new AppError('internal', `percentile wants p in 0-100, got ${p}`);
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  // Rank 1 at least, so p = 0 is the minimum rather than nothing.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface HistogramBucket {
  /** Upper bound, inclusive, in ms; null is +Infinity (JSON has no Infinity). */
  leMs: number | null;
  count: number;
}

/**
 * Counts per bucket, not cumulative: each bucket holds the values above the
 * previous bound and at or below its own, which is what a bar chart draws.
 * A last bucket (null) takes everything past the largest bound; every bucket
 * is present even when empty, so charts keep a stable shape.
 */
export function histogram(values: readonly number[], boundsMs: readonly number[]): HistogramBucket[] {
  const bounds = [...new Set(boundsMs)].sort((a, b) => a - b);
  const buckets: HistogramBucket[] = [...bounds.map((leMs) => ({ leMs, count: 0 })), { leMs: null, count: 0 }];
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    const index = bounds.findIndex((bound) => value <= bound);
    buckets[index === -1 ? bounds.length : index].count++;
  }
  return buckets;
}
