'use client';

import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type uPlot from 'uplot';
import { axis, COLORS, fromZero, line, timeWindow } from '@/components/analytics/chartTheme';
import { Section } from '@/components/analytics/ui';
import { UPlotChart, type ChartOptions } from '@/components/analytics/UPlotChart';
import { LAYER_RIDS, type ChartMark, type StudioSeries } from '@/lib/studio/series';
import { useStudioStore } from '@/stores/studioStore';
import { DASH, formatKbps } from './format';
import { markersPlugin } from './markersPlugin';

type Format = (value: number) => string;
type Marks = RefObject<readonly ChartMark[]>;

const LAYER_COLORS = [COLORS.inbound, COLORS.outbound, COLORS.violet];
const HEIGHT = 180;

const fps: Format = (v) => `${Math.round(v)} fps`;
const ms: Format = (v) => `${Number(v.toFixed(1))} ms`;
const percent: Format = (v) => `${Number(v.toFixed(2))} %`;

const ticks = (f: Format): uPlot.Axis['values'] => (_u, splits) => splits.map(f);

function baseOptions(format: Format, marks: Marks): Pick<ChartOptions, 'legend' | 'cursor' | 'scales' | 'axes' | 'plugins'> {
  return {
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: timeWindow, y: fromZero },
    axes: [axis(), axis({ values: ticks(format), size: 80 })],
    plugins: [markersPlugin(marks)],
  };
}

/** Layers stacked bottom-up (r0 first): each column holds the running total, each band fills one layer. */
function stackedOptions(marks: Marks): ChartOptions {
  return {
    ...baseOptions(formatKbps, marks),
    series: [
      {},
      ...LAYER_RIDS.map((rid, i) =>
        line(rid, LAYER_COLORS[i]!, {
          fill: `${LAYER_COLORS[i]}40`,
          // The legend shows the layer's own kbps, not the running total.
          value: (u, total, si, idx) => {
            if (idx === null || total === null) return DASH;
            const below = si > 1 ? (u.data[si - 1]?.[idx] ?? 0) : 0;
            return formatKbps(total - below);
          },
        }),
      ),
    ],
    bands: LAYER_RIDS.slice(1).map((_, i) => ({ series: [i + 2, i + 1] as [number, number] })),
  };
}

function linesOptions(lines: { label: string; color: string }[], format: Format, marks: Marks): ChartOptions {
  const legend = (_u: uPlot, v: number | null) => (v === null || v === undefined ? DASH : format(v));
  return { ...baseOptions(format, marks), series: [{}, ...lines.map((l) => line(l.label, l.color, { value: legend }))] };
}

function stack(series: StudioSeries): uPlot.AlignedData {
  const running = series.t.map(() => 0);
  const columns = series.layers.map((column) => column.map((v, i) => (running[i] = (running[i] ?? 0) + v)));
  return [series.t, ...columns];
}

function ChartCard({ title, options, data }: { title: string; options: ChartOptions; data: uPlot.AlignedData }) {
  return (
    <figure className="min-w-0 rounded-xl bg-zinc-900/60 p-3 ring-1 ring-zinc-800">
      <figcaption className="mb-2 text-sm font-medium text-zinc-200">{title}</figcaption>
      <UPlotChart options={options} data={data} height={HEIGHT} label={`${title} over the last 5 minutes`} />
    </figure>
  );
}

function PointsLine() {
  const points = useStudioStore((s) => s.chart.series.t.length);
  const history = useStudioStore((s) => s.history);
  return (
    <div className="flex flex-col gap-1 text-sm text-zinc-400">
      <p data-testid="chart-points">
        Last 5 minutes · {points} points{history === 'loaded' && ' · refilled from stored history'}
      </p>
      {history === 'loading' && <p className="text-xs">Loading stored history…</p>}
      {history === 'error' && <p className="text-xs text-amber-300">Stored history could not be loaded</p>}
    </div>
  );
}

export function StudioCharts() {
  const series = useStudioStore((s) => s.chart.series);
  const marks = useStudioStore((s) => s.chart.marks);
  // Updated before the charts' own effects call setData, so each redraw sees the current marks.
  const marksRef = useRef<readonly ChartMark[]>(marks);
  useLayoutEffect(() => {
    marksRef.current = marks;
  }, [marks]);

  const options = useMemo(
    () => ({
      bitrate: stackedOptions(marksRef),
      fps: linesOptions([{ label: 'Frame rate', color: COLORS.amber }], fps, marksRef),
      network: linesOptions(
        [
          { label: 'RTT', color: COLORS.inbound },
          { label: 'Jitter', color: COLORS.violet },
        ],
        ms,
        marksRef,
      ),
      loss: linesOptions([{ label: 'Packet loss', color: COLORS.rose }], percent, marksRef),
    }),
    [],
  );

  const data = useMemo(
    () => ({
      bitrate: stack(series),
      fps: [series.t, series.fps] as uPlot.AlignedData,
      network: [series.t, series.rtt, series.jitter] as uPlot.AlignedData,
      loss: [series.t, series.loss] as uPlot.AlignedData,
    }),
    [series],
  );

  return (
    <Section title="Charts" id="studio-charts">
      <div className="flex flex-col gap-3">
        <PointsLine />
        <div className="grid min-w-0 gap-4 lg:grid-cols-2">
          <ChartCard title="Bitrate by layer (kbps)" options={options.bitrate} data={data.bitrate} />
          <ChartCard title="Frame rate (fps)" options={options.fps} data={data.fps} />
          <ChartCard title="RTT and jitter (ms)" options={options.network} data={data.network} />
          <ChartCard title="Packet loss (%)" options={options.loss} data={data.loss} />
        </div>
      </div>
    </Section>
  );
}
