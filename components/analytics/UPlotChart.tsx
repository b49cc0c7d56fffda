'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

export interface UPlotChartProps {
  /** A new object re-creates the chart: build it once per shape (module constant or useMemo). */
  options: ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  /** The chart's accessible name: what it shows, since a canvas says nothing itself. */
  label: string;
  className?: string;
}

/**
 * uPlot in React: created on mount, fed with setData on every update (no
 * re-creation, so streaming stays cheap), sized to its container, destroyed
 * on unmount.
 */
export function UPlotChart({ options, data, height, label, className = '' }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latestData = useRef(data);

  useEffect(() => {
    latestData.current = data;
    chart.current?.setData(data);
  }, [data]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const width = () => Math.max(1, Math.floor(element.clientWidth));
    const plot = new uPlot({ ...options, width: width(), height }, latestData.current, element);
    chart.current = plot;
    const observer = new ResizeObserver(() => {
      if (plot.width !== width()) plot.setSize({ width: width(), height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [options, height]);

  return <div ref={box} role="img" aria-label={label} className={`w-full min-w-0 overflow-hidden ${className}`} />;
}
