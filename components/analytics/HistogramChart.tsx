'use client';

import { useMemo } from 'react';
import uPlot from 'uplot';
import type { HistogramColumns } from '@/client/analytics/chartData';
import { axis, COLORS, fromZero } from './chartTheme';
import { UPlotChart, type ChartOptions } from './UPlotChart';

/** Sessions per time-to-first-media bucket: bars for media sent and media received side by side. */
export function HistogramChart({ columns, label }: { columns: HistogramColumns; label: string }) {
  const { labels } = columns;
  const shape = labels.join('|');
  const options = useMemo<ChartOptions>(() => {
    const bars = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.4, 48], align, gap: 2 });
    const indices = labels.map((_, i) => i);
    return {
      legend: { live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: () => [-0.6, labels.length - 0.4] }, y: fromZero },
      axes: [
        axis({ splits: () => indices, values: (_u, splits) => splits.map((i) => labels[i] ?? ''), grid: { show: false } }),
        axis({ values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')), size: 40 }),
      ],
      series: [
        {},
        { label: 'First media sent', stroke: COLORS.outbound, fill: `${COLORS.outbound}99`, paths: bars(-1), points: { show: false } },
        { label: 'First media received', stroke: COLORS.inbound, fill: `${COLORS.inbound}99`, paths: bars(1), points: { show: false } },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shape` stands for the bucket labels
  }, [shape]);
  const data = useMemo(
    () => [labels.map((_, i) => i), columns.mediaSent, columns.mediaReceived] as uPlot.AlignedData,
    [labels, columns.mediaSent, columns.mediaReceived],
  );
  return <UPlotChart options={options} data={data} height={220} label={label} />;
}
