'use client';

import { formatBitrate, formatPercent } from '@/lib/analytics/format';
import type { ServerOverview } from '@/lib/analytics/types';
import { COLORS } from './chartTheme';
import { Sparkline } from './Sparkline';

interface TileSpec {
  label: string;
  value: string;
  values: number[];
  color: string;
}

function tiles(server: ServerOverview): TileSpec[] {
  const { series, bitrate, totals, workers } = server;
  const cpu = workers.reduce((sum, w) => sum + (w.cpuPercent ?? 0), 0);
  return [
    { label: 'Inbound', value: formatBitrate(bitrate.inbound), values: series.inboundBps, color: COLORS.inbound },
    { label: 'Outbound', value: formatBitrate(bitrate.outbound), values: series.outboundBps, color: COLORS.outbound },
    { label: 'Peers', value: String(totals.peers), values: series.peers, color: COLORS.violet },
    { label: 'Consumers', value: String(totals.consumers), values: series.consumers, color: COLORS.amber },
    { label: 'Worker CPU', value: formatPercent(cpu), values: series.workerCpuPercent, color: COLORS.rose },
  ];
}

/** The node's headline numbers, each over a sparkline of the last minutes. */
export function StatTiles({ server }: { server: ServerOverview }) {
  const minutes = Math.max(1, Math.round(((server.series.t.at(-1) ?? 0) - (server.series.t[0] ?? 0)) / 60));
  return (
    <ul aria-label="Node at a glance" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {tiles(server).map((tile) => (
        <li key={tile.label} className="min-w-0 rounded-xl bg-zinc-900 p-3 ring-1 ring-zinc-800">
          <p className="text-xs text-zinc-400">{tile.label}</p>
          <p className="mt-0.5 text-xl font-semibold text-white tabular-nums">{tile.value}</p>
          <div className="mt-2">
            <Sparkline t={server.series.t} values={tile.values} color={tile.color} label={`${tile.label} over the last ${minutes} min`} />
          </div>
        </li>
      ))}
    </ul>
  );
}
