import type { QualityLimitationReason, StreamLayerStats, StreamSampleRecord, StreamStats } from './types';

/*
 * The studio's chart data: the last minutes of samples as column arrays
 * (uPlot's format), and the marks on the time axis where the number of
 * layers sent or the browser's limitation reason changed.
 */

export const SERIES_WINDOW_MS = 5 * 60_000;
/** Layers are stacked in this order; an unseen rid gets a column too. */
export const LAYER_RIDS = ['r0', 'r1', 'r2'] as const;

export interface StudioSeries {
  /** seconds since the epoch */
  t: number[];
  /** kbps per rid (index of LAYER_RIDS), 0 when the layer was not sent */
  layers: number[][];
  fps: number[];
  rtt: number[];
  jitter: number[];
  loss: number[];
}

export interface ChartMark {
  /** seconds since the epoch */
  t: number;
  label: string;
}

export interface SeriesPoint {
  at: number;
  fps: number;
  latency: number;
  jitter: number;
  packetLoss: number;
  layers: readonly StreamLayerStats[];
  qualityLimitationReason: QualityLimitationReason;
}

export interface StudioChartState {
  series: StudioSeries;
  marks: ChartMark[];
  last: { activeLayers: number; reason: QualityLimitationReason } | null;
}

export const emptyChartState = (): StudioChartState => ({
  series: { t: [], layers: LAYER_RIDS.map(() => []), fps: [], rtt: [], jitter: [], loss: [] },
  marks: [],
  last: null,
});

const activeLayers = (layers: readonly StreamLayerStats[]) => layers.filter((l) => l.active !== false && l.bitrate > 0).length;

function layerKbps(layers: readonly StreamLayerStats[]): number[] {
  return LAYER_RIDS.map((rid, index) => {
    const layer = layers.find((l) => l.rid === rid) ?? (layers.length === LAYER_RIDS.length ? layers[index] : undefined);
    return layer?.bitrate ?? 0;
  });
}

const REASON_LABEL: Record<QualityLimitationReason, string> = {
  none: 'no limit',
  cpu: 'CPU limited',
  bandwidth: 'bandwidth limited',
  other: 'limited',
};

/** Marks what changed since the previous point: layers sent, and the limitation reason. */
function marksFor(previous: StudioChartState['last'], point: SeriesPoint, t: number): ChartMark[] {
  const layers = activeLayers(point.layers);
  if (!previous) return [];
  const marks: ChartMark[] = [];
  if (layers !== previous.activeLayers) marks.push({ t, label: `${layers} layer${layers === 1 ? '' : 's'}` });
  if (point.qualityLimitationReason !== previous.reason) marks.push({ t, label: REASON_LABEL[point.qualityLimitationReason] });
  return marks;
}

/** Adds one point, dropping what fell out of the window. Returns a new state (the store compares by reference). */
export function appendPoint(state: StudioChartState, point: SeriesPoint, windowMs = SERIES_WINDOW_MS): StudioChartState {
  const t = point.at / 1000;
  const s = state.series;
  const kbps = layerKbps(point.layers);
  const from = s.t.findIndex((x) => x >= t - windowMs / 1000);
  const keep = <T>(values: T[], next: T) => [...values.slice(from < 0 ? values.length : from), next];
  return {
    series: {
      t: keep(s.t, t),
      layers: s.layers.map((column, i) => keep(column, kbps[i] ?? 0)),
      fps: keep(s.fps, point.fps),
      rtt: keep(s.rtt, point.latency),
      jitter: keep(s.jitter, point.jitter),
      loss: keep(s.loss, point.packetLoss),
    },
    marks: [...state.marks.filter((m) => m.t >= t - windowMs / 1000), ...marksFor(state.last, point, t)],
    last: { activeLayers: activeLayers(point.layers), reason: point.qualityLimitationReason },
  };
}

export const pointFromStats = (stats: StreamStats, at: number): SeriesPoint => ({ ...stats, at });

/** The chart state rebuilt from stored samples (oldest first), as after a page reload. */
export function chartStateFromHistory(samples: readonly StreamSampleRecord[], now: number, windowMs = SERIES_WINDOW_MS): StudioChartState {
  return samples
    .filter((s) => s.at >= now - windowMs)
    .reduce((state, s) => appendPoint(state, { ...s }, windowMs), emptyChartState());
}
