import { formatMs } from '@/lib/analytics/format';
import type { FunnelView, TelemetrySample } from '@/lib/analytics/types';

/*
 * REST answers turned into uPlot's column layout: one ascending x array and
 * one y array per series, null where a series has no point.
 */

export interface TelemetryColumns {
  /** Window ends, unix seconds, ascending. */
  t: number[];
  upBitrate: (number | null)[];
  downBitrate: (number | null)[];
  upLoss: (number | null)[];
  downLoss: (number | null)[];
  upJitter: (number | null)[];
  downJitter: (number | null)[];
}

/** Samples (newest first, both directions mixed) as columns; the two directions of one window share an x. */
export function telemetryColumns(samples: readonly TelemetrySample[]): TelemetryColumns {
  const byTime = new Map<number, { up?: TelemetrySample; down?: TelemetrySample }>();
  for (const sample of samples) {
    const t = Math.round(Date.parse(sample.at) / 1000);
    if (!Number.isFinite(t)) continue;
    const slot = byTime.get(t) ?? {};
    if (sample.direction === 'upstream') slot.up = sample;
    else slot.down = sample;
    byTime.set(t, slot);
  }
  const t = [...byTime.keys()].sort((a, b) => a - b);
  const column = (pick: (slot: { up?: TelemetrySample; down?: TelemetrySample }) => number | undefined) =>
    t.map((time) => pick(byTime.get(time)!) ?? null);
  return {
    t,
    upBitrate: column((s) => s.up?.bitrate),
    downBitrate: column((s) => s.down?.bitrate),
    upLoss: column((s) => s.up?.lossPercent),
    downLoss: column((s) => s.down?.lossPercent),
    upJitter: column((s) => s.up?.jitterMs),
    downJitter: column((s) => s.down?.jitterMs),
  };
}

export interface HistogramColumns {
  /** "≤ 250 ms", ..., "> 10 s": one per bucket. */
  labels: string[];
  mediaSent: number[];
  mediaReceived: number[];
}

function bucketLabel(leMs: number | null, previous: number | null): string {
  if (leMs === null) return previous === null ? 'any' : `> ${formatMs(previous)}`;
  return `≤ ${formatMs(leMs)}`;
}

/** The time-to-first-media histogram: sent and received share the funnel's buckets. */
export function histogramColumns(funnel: FunnelView): HistogramColumns {
  const sent = funnel.stages.find((s) => s.stage === 'media-sent')?.histogram ?? [];
  const received = funnel.stages.find((s) => s.stage === 'media-received')?.histogram ?? [];
  const buckets = received.length >= sent.length ? received : sent;
  return {
    labels: buckets.map((b, i) => bucketLabel(b.leMs, i > 0 ? buckets[i - 1]!.leMs : null)),
    mediaSent: buckets.map((_, i) => sent[i]?.count ?? 0),
    mediaReceived: buckets.map((_, i) => received[i]?.count ?? 0),
  };
}
