'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { formatPercent } from '@/lib/analytics/format';
import { streamRoomId } from '@/lib/protocol/streamSchemas';
import { BAND_LABEL } from '@/lib/studio/quality';
import type { QualityBand } from '@/lib/studio/types';
import { useAnalyticsStore, type LiveStream } from '@/stores/analyticsStore';
import { COLORS } from './chartTheme';
import { analyticsHref } from './route';
import { Sparkline } from './Sparkline';
import { formatClock } from './time';
import { Badge, DataTable, EmptyState, RowHeader, Section, Td, Th, type Tone } from './ui';

const BAND_TONE: Record<QualityBand, Tone> = { good: 'ok', fair: 'warn', poor: 'bad' };

function LastAlert({ stream }: { stream: LiveStream }) {
  const alert = stream.alerts[0];
  if (!alert) return <span className="text-zinc-500">—</span>;
  const when = formatClock(new Date(alert.at).toISOString());
  return (
    <span title={stream.alerts.map((a) => `${formatClock(new Date(a.at).toISOString())} ${a.message}`).join('\n')}>
      <span className={alert.severity === 'error' ? 'text-red-300' : 'text-amber-200'}>{alert.message}</span>{' '}
      <span className="text-zinc-500">{when}</span>
    </span>
  );
}

function StreamRow({ id, stream }: { id: string; stream: LiveStream }) {
  const { stats, band, reasons, timestamp } = stream.latest;
  return (
    <tr data-testid={`stream-row-${id}`} data-sample-timestamp={timestamp}>
      <RowHeader>
        <Link href={analyticsHref({ room: streamRoomId(id) })} className="text-sky-300 underline-offset-2 hover:underline">
          {id}
        </Link>
      </RowHeader>
      <Td>
        <Badge tone={BAND_TONE[band]} title={reasons.length > 0 ? reasons.join('\n') : undefined}>
          {BAND_LABEL[band]}
        </Badge>
      </Td>
      <Td className="text-right" data-testid="stream-bitrate">
        {`${stats.bitrate.toLocaleString('en-US')} kbps`}
      </Td>
      <Td className="text-right">{Math.round(stats.fps)}</Td>
      <Td className="text-right">
        {stats.resolution.width}×{stats.resolution.height}
      </Td>
      <Td className="text-right">{formatPercent(stats.packetLoss)}</Td>
      <Td className="text-right">{Math.round(stats.latency)} ms</Td>
      <Td className="text-right">{stream.viewerCount}</Td>
      <Td>
        <LastAlert stream={stream} />
      </Td>
      <Td className="py-1">
        <div className="w-32">
          <Sparkline t={stream.history.t} values={stream.history.bitrate} color={COLORS.outbound} label={`Bitrate of ${id} over the last 5 min`} />
        </div>
      </Td>
    </tr>
  );
}

/** Every live stream's latest studio stats, from the server's `stream:*` pushes. */
export function StreamsPanel() {
  const streams = useAnalyticsStore((s) => s.streams);
  const rows = useMemo(() => Object.entries(streams).sort(([a], [b]) => a.localeCompare(b)), [streams]);
  return (
    <Section title="Live streams" id="live-streams">
      {rows.length === 0 ? (
        <EmptyState>No live streams. Streamers go live at /studio/&lt;id&gt;.</EmptyState>
      ) : (
        <DataTable caption="Live streams" minWidth={960}>
          <thead>
            <tr>
              <Th>Stream</Th>
              <Th>Quality</Th>
              <Th className="text-right">Bitrate</Th>
              <Th className="text-right">FPS</Th>
              <Th className="text-right">Resolution</Th>
              <Th className="text-right">Loss</Th>
              <Th className="text-right">RTT</Th>
              <Th className="text-right">Viewers</Th>
              <Th>Last alert</Th>
              <Th>Bitrate, 5 min</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([id, stream]) => (
              <StreamRow key={id} id={id} stream={stream} />
            ))}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}
