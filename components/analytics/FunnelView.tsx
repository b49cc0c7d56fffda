'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { histogramColumns } from '@/client/analytics/chartData';
import { useAnalyticsActions } from '@/client/analytics/useAnalyticsActions';
import { formatMs, formatPercent } from '@/lib/analytics/format';
import { FUNNEL_STAGES, type FunnelStage, type FunnelView as Funnel } from '@/lib/analytics/types';
import { useAnalyticsStore } from '@/stores/analyticsStore';
import { HistogramChart } from './HistogramChart';
import { DataTable, EmptyState, ErrorNotice, LoadingState, RowHeader, Section, SmallButton, Td, Th } from './ui';

const STAGE_LABELS: Record<FunnelStage, string> = {
  joined: 'Joined',
  'transports-connected': 'Transports connected',
  'media-sent': 'First media sent',
  'media-received': 'First media received',
};

const PERIODS = [
  { hours: 1, label: 'Last hour' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 24 * 7, label: 'Last 7 days' },
];

function StagesTable({ funnel }: { funnel: Funnel }) {
  const joined = funnel.stages.find((s) => s.stage === 'joined')?.count ?? funnel.sessions;
  return (
    <DataTable caption="Join funnel: sessions that reached each stage and how long it took" minWidth={560}>
      <thead>
        <tr>
          <Th>Stage</Th>
          <Th className="text-right">Sessions</Th>
          <Th className="text-right">Of joins</Th>
          <Th className="text-right">p50 after join</Th>
          <Th className="text-right">p95 after join</Th>
        </tr>
      </thead>
      <tbody>
        {funnel.stages.map((s) => (
          <tr key={s.stage} data-stage={s.stage}>
            <RowHeader>{STAGE_LABELS[s.stage]}</RowHeader>
            <Td className="text-right">{s.count}</Td>
            <Td className="text-right">{joined > 0 ? formatPercent((100 * s.count) / joined, 0) : '—'}</Td>
            <Td className="text-right">{s.stage === 'joined' ? '—' : formatMs(s.p50Ms)}</Td>
            <Td className="text-right">{s.stage === 'joined' ? '—' : formatMs(s.p95Ms)}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function FailedTable({ funnel }: { funnel: Funnel }) {
  return (
    <DataTable caption="Failed joins by the last stage they reached" minWidth={360}>
      <thead>
        <tr>
          <Th>Stopped after</Th>
          <Th className="text-right">Failed joins</Th>
        </tr>
      </thead>
      <tbody>
        {FUNNEL_STAGES.filter((stage) => stage !== 'media-received').map((stage) => (
          <tr key={stage} data-last-stage={stage}>
            <RowHeader>{STAGE_LABELS[stage]}</RowHeader>
            <Td className="text-right">{funnel.failedByLastStage[stage] ?? 0}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function Summary({ funnel }: { funnel: Funnel }) {
  const items = [
    { label: 'Sessions', value: funnel.sessions },
    { label: 'Failed (no media received)', value: funnel.failed },
    { label: 'Relayed through TURN', value: funnel.relayed },
  ];
  return (
    <dl className="grid grid-cols-3 gap-3">
      {items.map((item) => (
        <div key={item.label} className="rounded-xl bg-zinc-900 p-3 ring-1 ring-zinc-800">
          <dt className="text-xs text-zinc-400">{item.label}</dt>
          <dd className="mt-0.5 text-xl font-semibold text-white tabular-nums">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function FunnelBody({ funnel }: { funnel: Funnel }) {
  const columns = useMemo(() => histogramColumns(funnel), [funnel]);
  if (funnel.sessions === 0) return <EmptyState>No joins in this period yet. Every session that joins a room is counted here.</EmptyState>;
  return (
    <>
      <Summary funnel={funnel} />
      <Section title="Stages" id="funnel-stages">
        <StagesTable funnel={funnel} />
      </Section>
      <div className="mt-8 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] [&>section]:mt-0">
        <Section title={`Failed joins (${funnel.failed})`} id="funnel-failed">
          <FailedTable funnel={funnel} />
        </Section>
        <Section title="Time to first media" id="funnel-histogram">
          <figure className="min-w-0 rounded-xl bg-zinc-900/60 p-3 ring-1 ring-zinc-800">
            <figcaption className="mb-2 text-xs text-zinc-400">Sessions per bucket of time from join to first media</figcaption>
            <HistogramChart columns={columns} label="Histogram of the time from join to first media sent and received" />
          </figure>
        </Section>
      </div>
    </>
  );
}

/** `/analytics?tab=funnel`: where joins fail or stall. */
export function FunnelView() {
  const actions = useAnalyticsActions();
  const funnel = useAnalyticsStore((s) => s.funnel);
  const [hours, setHours] = useState(24);
  const periodId = useId();

  useEffect(() => actions.loadFunnel(hours), [actions, hours]);

  const data = funnel.key === String(hours) ? funnel.data : null;
  let body;
  if (funnel.key === String(hours) && funnel.error && !data) {
    body = <ErrorNotice title="Could not load the join funnel" message={funnel.error} onRetry={() => actions.loadFunnel(hours)} />;
  } else if (!data) body = <LoadingState>Loading the join funnel…</LoadingState>;
  else body = <FunnelBody funnel={data} />;

  return (
    <>
      <Section
        title="Join funnel"
        level="h1"
        id="funnel"
        actions={
          <>
            <label htmlFor={periodId} className="text-xs text-zinc-400">
              Period
            </label>
            <select
              id={periodId}
              value={hours}
              onChange={(e) => setHours(Number(e.target.value))}
              className="h-8 rounded-lg border border-zinc-700 bg-zinc-900 px-2 text-xs text-zinc-100"
            >
              {PERIODS.map((p) => (
                <option key={p.hours} value={p.hours}>
                  {p.label}
                </option>
              ))}
            </select>
            <SmallButton onClick={() => actions.loadFunnel(hours)} disabled={funnel.loading}>
              {funnel.loading ? 'Refreshing…' : 'Refresh'}
            </SmallButton>
          </>
        }
      >
        <p className="-mt-1 mb-4 text-sm text-zinc-400">
          Each session from join to transports connected, first media sent and first media received. A session that never receives
          media (it left, or waited 30 s) counts as failed at the last stage it reached.
        </p>
        {body}
      </Section>
    </>
  );
}
