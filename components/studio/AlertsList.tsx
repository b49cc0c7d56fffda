'use client';

import { useMemo } from 'react';
import { Badge, EmptyState, Section } from '@/components/analytics/ui';
import { useStudioStore } from '@/stores/studioStore';
import { formatClock } from './format';

/** The server's alerts for this stream, newest first (live ones and those refilled from history). */
export function AlertsList() {
  const alerts = useStudioStore((s) => s.alerts);
  const newestFirst = useMemo(() => [...alerts].sort((a, b) => b.at - a.at), [alerts]);
  return (
    <Section title="Alerts" id="studio-alerts">
      {newestFirst.length === 0 ? (
        <EmptyState>No alerts yet</EmptyState>
      ) : (
        <ul aria-label="Stream alerts" className="flex flex-col gap-2">
          {newestFirst.map((alert) => (
            <li key={alert.id} className="flex flex-wrap items-start gap-2 rounded-xl bg-zinc-900/60 p-3 text-sm ring-1 ring-zinc-800">
              <time dateTime={new Date(alert.at).toISOString()} className="text-xs text-zinc-400 tabular-nums">
                {formatClock(alert.at)}
              </time>
              <Badge tone={alert.severity === 'error' ? 'bad' : 'warn'}>{alert.severity}</Badge>
              <span className="min-w-0 flex-1 text-zinc-200">{alert.message}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
