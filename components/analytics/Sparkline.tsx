'use client';

import { useMemo } from 'react';
import { fromZero } from './chartTheme';
import { UPlotChart, type ChartOptions } from './UPlotChart';

/** A bare line with its area: the trend behind a stat tile. */
export function Sparkline({ t, values, color, label }: { t: number[]; values: number[]; color: string; label: string }) {
  const options = useMemo<ChartOptions>(
    () => ({
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      padding: [4, 0, 2, 0],
      scales: { x: { time: true }, y: fromZero },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: color, fill: `${color}26`, width: 1.5, points: { show: false } }],
    }),
    [color],
  );
  const data = useMemo(() => [t, values] as [number[], number[]], [t, values]);
  return <UPlotChart options={options} data={data} height={40} label={label} />;
}
