'use client';

import type { QualityLimitationReason, StreamStats } from '@/lib/studio/types';
import { useStudioStore } from '@/stores/studioStore';
import { DASH, formatKbps } from './format';
import { useNow } from './useNow';

const LIMITATION: Record<QualityLimitationReason, string> = { none: 'None', cpu: 'CPU', bandwidth: 'Bandwidth', other: 'Other' };

interface Metric {
  key: string;
  label: string;
  value: (s: StreamStats) => string;
}

const METRICS: Metric[] = [
  { key: 'bitrate', label: 'Bitrate', value: (s) => formatKbps(s.bitrate) },
  { key: 'fps', label: 'Frame rate', value: (s) => `${Math.round(s.fps)} fps` },
  { key: 'resolution', label: 'Resolution', value: (s) => `${s.resolution.width}×${s.resolution.height}` },
  { key: 'rtt', label: 'Round-trip time', value: (s) => `${Math.round(s.latency)} ms` },
  { key: 'jitter', label: 'Jitter', value: (s) => `${s.jitter.toFixed(1)} ms` },
  { key: 'loss', label: 'Packet loss', value: (s) => `${s.packetLoss.toFixed(2)} %` },
  { key: 'audio', label: 'Audio level', value: (s) => `${Math.round(s.audioLevel)} dB` },
  // 0 means the browser has no estimate yet, not a dead link.
  { key: 'upload', label: 'Upload bandwidth', value: (s) => (s.bandwidth.upload > 0 ? formatKbps(s.bandwidth.upload) : DASH) },
  { key: 'limitation', label: 'Limited by', value: (s) => LIMITATION[s.qualityLimitationReason] },
  { key: 'encode', label: 'Encode time', value: (s) => (s.encodeTimeMs === undefined ? DASH : `${s.encodeTimeMs.toFixed(1)} ms per frame`) },
];

/** Proof the server hears us: its receipt time, aged every second. */
function ServerReceived() {
  const at = useStudioStore((s) => s.serverReceivedAt);
  const live = useStudioStore((s) => s.status === 'live');
  const now = useNow(1000, at !== null);
  let text: string;
  if (at !== null) text = `Server received ${Math.max(0, Math.round((now - at) / 1000))}s ago`;
  else text = live ? 'Waiting for the server to receive the first report…' : 'The server has not received stats yet';
  return (
    <p data-testid="server-received" className="text-xs text-zinc-400">
      {text}
    </p>
  );
}

export function StudioMetrics() {
  const stats = useStudioStore((s) => s.stats);
  return (
    <div className="flex flex-col gap-2">
      <dl aria-label="Stream metrics" className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-2 xl:grid-cols-3">
        {METRICS.map((m) => (
          <div key={m.key} className="min-w-0">
            <dt className="text-xs text-zinc-400">{m.label}</dt>
            <dd data-testid={`metric-${m.key}`} className="mt-0.5 text-sm break-words text-zinc-100 tabular-nums">
              {stats ? m.value(stats) : DASH}
            </dd>
          </div>
        ))}
      </dl>
      <ServerReceived />
    </div>
  );
}
