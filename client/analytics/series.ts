import type { BitrateSeries } from '@/stores/analyticsStore';

/** Five minutes of one-second pushes. */
export const MAX_SERIES_POINTS = 300;

/**
 * A new series with one more point, dropping the oldest beyond `max`. A point
 * at or before the last time replaces it, so a repeated push can't make the
 * x values go backwards (uPlot needs them ascending).
 */
export function appendPoint(
  series: BitrateSeries,
  t: number,
  inbound: number,
  outbound: number,
  max = MAX_SERIES_POINTS,
): BitrateSeries {
  const last = series.t.length - 1;
  const replace = last >= 0 && t <= series.t[last]!;
  const keep = replace ? last : series.t.length;
  const start = Math.max(0, keep + 1 - max);
  return {
    t: [...series.t.slice(start, keep), replace ? series.t[last]! : t],
    inbound: [...series.inbound.slice(start, keep), inbound],
    outbound: [...series.outbound.slice(start, keep), outbound],
  };
}
