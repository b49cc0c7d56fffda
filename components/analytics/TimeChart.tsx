'use client';

import { useMemo } from 'react';
import type uPlot from 'uplot';
import { axis, fromZero, line, timeWindow } from './chartTheme';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export interface ChartLine {
  label: string;
  color: string;
  values: (number | null)[];
  /** On the right-hand axis, for a second unit. */
  right?: boolean;
}

type Format = (value: number) => string;

interface TimeChartProps {
  /** Unix seconds, ascending. */
  t: number[];
  lines: ChartLine[];
  label: string;
  /** How values of the left (and right) axis read: ticks and legend. Keep them stable (module functions). */
  format: Format;
  rightFormat?: Format;
  height?: number;
}

/** Lines over time with a legend that shows the values under the cursor. */
export function TimeChart({ t, lines, label, format, rightFormat = format, height = 200 }: TimeChartProps) {
  // The chart is re-created only when its shape changes, not with every push.
  const shape = lines.map((l) => `${l.label}|${l.color}|${l.right ? 'r' : 'l'}`).join(',');
  const options = useMemo<ChartOptions>(() => {
    const hasRight = lines.some((l) => l.right);
    const ticks = (f: Format): uPlot.Axis['values'] => (_u, splits) => splits.map(f);
    const legend = (f: Format) => (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : f(v));
    return {
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: timeWindow, y: fromZero, ...(hasRight ? { y2: fromZero } : {}) },
      axes: [
        axis(),
        axis({ values: ticks(format), size: 72 }),
        ...(hasRight ? [axis({ scale: 'y2', side: 1, values: ticks(rightFormat), size: 60, grid: { show: false } })] : []),
      ],
      series: [{}, ...lines.map((l) => line(l.label, l.color, { scale: l.right ? 'y2' : 'y', value: legend(l.right ? rightFormat : format) }))],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shape` stands for the lines' look
  }, [shape, format, rightFormat]);
  const data = useMemo(() => [t, ...lines.map((l) => l.values)] as uPlot.AlignedData, [t, lines]);
  return <UPlotChart options={options} data={data} height={height} label={label} />;
}
