import type uPlot from 'uplot';

/* One look for every chart on the page: the zinc theme's greys and a few accents. */

export const COLORS = {
  inbound: '#38bdf8', // sky-400
  outbound: '#34d399', // emerald-400
  amber: '#fbbf24',
  violet: '#a78bfa',
  rose: '#fb7185',
  axis: '#a1a1aa', // zinc-400
  grid: '#27272a', // zinc-800
  tick: '#3f3f46', // zinc-700
};

export function axis(extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: COLORS.axis,
    grid: { stroke: COLORS.grid, width: 1 },
    ticks: { stroke: COLORS.tick, width: 1 },
    font: '11px ui-sans-serif, system-ui, sans-serif',
    ...extra,
  };
}

export function line(label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series {
  return { label, stroke, width: 1.5, points: { show: false }, spanGaps: true, ...extra };
}

/** y from 0, so a quiet room doesn't look like a busy one. */
export const fromZero: uPlot.Scale = { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] };

/** Live charts start with a point or two: show at least this much time so the axis reads in seconds, not years. */
const MIN_SPAN_SECONDS = 60;

export const timeWindow: uPlot.Scale = {
  time: true,
  // From the data itself: with one point uPlot pads the range by 86400 / ms, which in seconds mode is years.
  range: (u) => {
    const xs = u.data[0];
    if (!xs || xs.length === 0) {
      const now = Math.floor(Date.now() / 1000);
      return [now - MIN_SPAN_SECONDS, now];
    }
    const first = xs[0]!;
    const last = xs[xs.length - 1]!;
    return last - first < MIN_SPAN_SECONDS ? [last - MIN_SPAN_SECONDS, last] : [first, last];
  },
};
