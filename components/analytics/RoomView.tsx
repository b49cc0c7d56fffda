'use client';

import { useMemo } from 'react';
import { useAnalyticsActions } from '@/client/analytics/useAnalyticsActions';
import { formatBitrate, formatDuration } from '@/lib/analytics/format';
import type { RoomDetail } from '@/lib/analytics/types';
import { useAnalyticsStore, type WatchedRoom } from '@/stores/analyticsStore';
import { Breadcrumb } from './Breadcrumb';
import { COLORS } from './chartTheme';
import { ConsumersTable, PeersTable, ProducersTable } from './MediaTables';
import { analyticsHref } from './route';
import { SessionsResource } from './SessionsTable';
import { TimeChart, type ChartLine } from './TimeChart';
import { formatClock, formatWhen } from './time';
import { Badge, ErrorNotice, Facts, LoadingState, Notice, Section } from './ui';

function RoomStatus({ room }: { room: WatchedRoom }) {
  if (room.status === 'live') return <Badge tone="ok">Live</Badge>;
  if (room.status === 'ended') return <Badge tone="bad">Room ended</Badge>;
  if (room.status === 'absent') return <Badge tone="muted">Not live</Badge>;
  return null;
}

function RoomFacts({ detail }: { detail: RoomDetail }) {
  const age = (Date.now() - Date.parse(detail.createdAt)) / 1000;
  return (
    <Facts
      items={[
        { label: 'Created', value: `${formatWhen(detail.createdAt)} (${formatDuration(age)} ago)` },
        { label: 'Worker', value: `#${detail.workerIndex} · pid ${detail.workerPid}` },
        { label: 'Peers', value: detail.peerCount },
        { label: 'Producers / consumers', value: `${detail.producerCount} / ${detail.consumerCount}` },
        { label: 'Into the SFU', value: formatBitrate(detail.bitrate.inbound) },
        { label: 'Out of the SFU', value: formatBitrate(detail.bitrate.outbound) },
      ]}
    />
  );
}

function RoomBitrateChart({ room }: { room: WatchedRoom }) {
  const { series } = room;
  const seconds = series.t.length > 1 ? series.t.at(-1)! - series.t[0]! : 0;
  const lines = useMemo<ChartLine[]>(
    () => [
      { label: 'In', color: COLORS.inbound, values: series.inbound },
      { label: 'Out', color: COLORS.outbound, values: series.outbound },
    ],
    [series],
  );
  return (
    <figure className="min-w-0 rounded-xl bg-zinc-900/60 p-3 ring-1 ring-zinc-800">
      <figcaption className="mb-2 text-xs text-zinc-400">
        Bitrate into and out of the SFU for this room, since you opened this page ({formatDuration(seconds)})
      </figcaption>
      <TimeChart t={series.t} lines={lines} format={formatBitrate} label="Room bitrate in and out over time" height={180} />
    </figure>
  );
}

/** `/analytics?room=<id>`: one room, live, with its past sessions. */
export function RoomView({ roomId }: { roomId: string }) {
  const room = useAnalyticsStore((s) => s.room);
  const watchError = useAnalyticsStore((s) => s.watchError);
  const sessions = useAnalyticsStore((s) => s.sessions);
  const actions = useAnalyticsActions();
  const current = room.roomId === roomId ? room : null;
  const detail = current?.detail ?? null;

  return (
    <>
      <Breadcrumb crumbs={[{ label: 'Overview', href: analyticsHref({}) }, { label: `Room ${roomId}` }]} />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-xl font-semibold break-all text-white">Room {roomId}</h1>
        {current && <RoomStatus room={current} />}
      </div>

      {watchError && <ErrorNotice title="Could not watch this room" message={watchError} />}
      {current?.status === 'ended' && (
        <div role="alert" className="mb-4 rounded-xl border border-red-500/40 bg-red-500/10 p-3 text-sm text-red-200">
          <p className="font-medium">Room ended{current.endedAt ? ` at ${formatClock(current.endedAt)}` : ''}.</p>
          <p className="mt-0.5 text-red-300/90">Everyone left. The numbers below are its last ones; its sessions stay in the history.</p>
        </div>
      )}
      {current?.status === 'absent' && (
        <Notice>This room is not live right now: it has ended or has not started. Its past sessions, if any, are below.</Notice>
      )}
      {(!current || current.status === 'loading') && !watchError && <LoadingState>Loading room {roomId}…</LoadingState>}

      {detail && current && (
        <div className={current.status === 'ended' ? 'opacity-70' : undefined}>
          <RoomFacts detail={detail} />
          <Section title="Bitrate" id="room-bitrate">
            <RoomBitrateChart room={current} />
          </Section>
          <Section title={`Peers (${detail.peers.length})`} id="room-peers">
            <PeersTable roomId={roomId} peers={detail.peers} activeSpeakerId={detail.activeSpeakerId} />
          </Section>
          <Section title={`Producers (${detail.producers.length})`} id="room-producers">
            <ProducersTable producers={detail.producers} caption="Producers in this room: what each peer sends" />
          </Section>
          <Section title={`Consumers (${detail.consumers.length})`} id="room-consumers">
            <ConsumersTable consumers={detail.consumers} caption="Consumers in this room: what each peer receives" />
          </Section>
        </div>
      )}

      <Section title="Sessions" id="room-sessions">
        <SessionsResource
          resource={sessions}
          roomId={roomId}
          hrefFor={(s) => analyticsHref({ room: roomId, peer: s.peerId })}
          onRetry={() => actions.loadSessions(roomId)}
        />
      </Section>
    </>
  );
}
