'use client';

import { useMemo } from 'react';
import { telemetryColumns } from '@/client/analytics/chartData';
import { formatBitrate, formatMs, formatPercent } from '@/lib/analytics/format';
import type { TelemetrySample } from '@/lib/analytics/types';
import type { Resource } from '@/stores/analyticsStore';
import { COLORS } from './chartTheme';
import { TimeChart, type ChartLine } from './TimeChart';
import { formatClock } from './time';
import { DataTable, EmptyState, ErrorNotice, LoadingState, RowHeader, Td, Th } from './ui';

const LATEST_ROWS = 6;
const percent = (v: number) => formatPercent(v, 1);

function LatestSamples({ samples }: { samples: TelemetrySample[] }) {
  return (
    <DataTable caption="Latest 10-second samples, newest first" minWidth={860}>
      <thead>
        <tr>
          <Th>Window end</Th>
          <Th>Direction</Th>
          <Th className="text-right">Bitrate</Th>
          <Th className="text-right">Packets</Th>
          <Th className="text-right">Lost</Th>
          <Th className="text-right">Loss</Th>
          <Th className="text-right">Jitter</Th>
          <Th className="text-right">Max delay</Th>
          <Th className="text-right">NACK / PLI / FIR</Th>
        </tr>
      </thead>
      <tbody>
        {samples.slice(0, LATEST_ROWS).map((s) => (
          <tr key={`${s.at}-${s.direction}`}>
            <RowHeader className="font-normal tabular-nums">
              <time dateTime={s.at}>{formatClock(s.at)}</time>
            </RowHeader>
            <Td>{s.direction === 'upstream' ? 'up (to SFU)' : 'down (to browser)'}</Td>
            <Td className="text-right">{formatBitrate(s.bitrate)}</Td>
            <Td className="text-right">{s.packets}</Td>
            <Td className="text-right">{s.packetsLost}</Td>
            <Td className="text-right">{formatPercent(s.lossPercent)}</Td>
            <Td className="text-right">{formatMs(s.jitterMs)}</Td>
            <Td className="text-right">{formatMs(s.maxDelayMs)}</Td>
            <Td className="text-right">
              {s.nackCount} / {s.pliCount} / {s.firCount}
            </Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function Charts({ samples }: { samples: TelemetrySample[] }) {
  const cols = useMemo(() => telemetryColumns(samples), [samples]);
  const bitrate = useMemo<ChartLine[]>(
    () => [
      { label: 'Up', color: COLORS.inbound, values: cols.upBitrate },
      { label: 'Down', color: COLORS.outbound, values: cols.downBitrate },
    ],
    [cols],
  );
  const quality = useMemo<ChartLine[]>(
    () => [
      { label: 'Loss up', color: COLORS.rose, values: cols.upLoss },
      { label: 'Loss down', color: COLORS.amber, values: cols.downLoss },
      { label: 'Jitter up', color: COLORS.violet, values: cols.upJitter, right: true },
      { label: 'Jitter down', color: COLORS.inbound, values: cols.downJitter, right: true },
    ],
    [cols],
  );
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <figure className="min-w-0 rounded-xl bg-zinc-900/60 p-3 ring-1 ring-zinc-800">
        <figcaption className="mb-2 text-xs text-zinc-400">Bitrate per 10 s window</figcaption>
        <TimeChart t={cols.t} lines={bitrate} format={formatBitrate} label="Upstream and downstream bitrate over time" />
      </figure>
      <figure className="min-w-0 rounded-xl bg-zinc-900/60 p-3 ring-1 ring-zinc-800">
        <figcaption className="mb-2 text-xs text-zinc-400">Packet loss (left) and jitter (right)</figcaption>
        <TimeChart t={cols.t} lines={quality} format={percent} rightFormat={formatMs} label="Packet loss and jitter over time" />
      </figure>
    </div>
  );
}

/** A participant's stored telemetry: charts over the windows, and the latest ones as numbers. */
export function TelemetryPanel({ resource, telemetryKey, onRetry }: { resource: Resource<TelemetrySample[]>; telemetryKey: string; onRetry: () => void }) {
  const samples = resource.key === telemetryKey ? resource.data : null;
  if (resource.key === telemetryKey && resource.error && !samples) {
    return <ErrorNotice title="Could not load the telemetry" message={resource.error} onRetry={onRetry} />;
  }
  if (!samples) return <LoadingState>Loading telemetry…</LoadingState>;
  if (samples.length === 0) {
    return <EmptyState>No telemetry yet: a sample is stored every 10 seconds while the participant sends or receives media.</EmptyState>;
  }
  return (
    <div className="flex flex-col gap-4">
      <Charts samples={samples} />
      <LatestSamples samples={samples} />
    </div>
  );
}
