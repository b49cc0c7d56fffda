/**
 * Nearest-rank percentile (p in 0..100): always a value that was measured,
 * which is what "p95 join time" should mean to a person. null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** Counts per upper bound (inclusive); the last bucket, leMs null, holds everything above. */
export function histogram(values: readonly number[], boundsMs: readonly number[]): { leMs: number | null; count: number }[] {
  const buckets = [...boundsMs.map((leMs) => ({ leMs: leMs as number | null, count: 0 })), { leMs: null, count: 0 }];
  for (const v of values) {
    const bucket = buckets.find((b) => b.leMs === null || v <= b.leMs)!;
    bucket.count++;
  }
  return buckets;
}
