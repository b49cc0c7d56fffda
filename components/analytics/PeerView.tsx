'use client';

import { useAnalyticsActions } from '@/client/analytics/useAnalyticsActions';
import { formatBitrate } from '@/lib/analytics/format';
import type { PeerDetail } from '@/lib/analytics/types';
import { useAnalyticsStore, type WatchedPeer } from '@/stores/analyticsStore';
import { Breadcrumb } from './Breadcrumb';
import { ConnectionState, ConsumersTable, ProducersTable } from './MediaTables';
import { analyticsHref } from './route';
import { TelemetryPanel } from './TelemetryPanel';
import { formatClock, formatWhen } from './time';
import { TransportsTable } from './TransportsTable';
import { Badge, ErrorNotice, Facts, LoadingState, Notice, Section } from './ui';

function PeerStatus({ peer }: { peer: WatchedPeer }) {
  if (peer.status === 'live') return <Badge tone="ok">In the call</Badge>;
  if (peer.status === 'ended') return <Badge tone="bad">Left</Badge>;
  if (peer.status === 'absent') return <Badge tone="muted">Not in the call</Badge>;
  return null;
}

function PeerFacts({ detail }: { detail: PeerDetail }) {
  return (
    <Facts
      items={[
        { label: 'Joined at', value: formatWhen(detail.joinedAt) },
        { label: 'Connection', value: <ConnectionState state={detail.connectionState} /> },
        { label: 'Up (to the SFU)', value: formatBitrate(detail.bitrate.up) },
        { label: 'Down (to the browser)', value: formatBitrate(detail.bitrate.down) },
        { label: 'Transports', value: detail.transportCount },
        { label: 'Peer id', value: <span title={detail.id}>{detail.id}</span> },
      ]}
    />
  );
}

/** `/analytics?room=<id>&peer=<id>`: one participant's transports, media and telemetry. */
export function PeerView({ roomId, peerId }: { roomId: string; peerId: string }) {
  const peer = useAnalyticsStore((s) => s.peer);
  const watchError = useAnalyticsStore((s) => s.watchError);
  const telemetry = useAnalyticsStore((s) => s.telemetry);
  const actions = useAnalyticsActions();
  const current = peer.peerId === peerId ? peer : null;
  const detail = current?.detail ?? null;
  const name = detail?.displayName ?? peerId;

  return (
    <>
      <Breadcrumb
        crumbs={[{ label: 'Overview', href: analyticsHref({}) }, { label: `Room ${roomId}`, href: analyticsHref({ room: roomId }) }, { label: name }]}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-xl font-semibold break-all text-white">{name}</h1>
        {current && <PeerStatus peer={current} />}
      </div>
      {detail?.userAgent && <p className="-mt-2 mb-4 text-xs break-all text-zinc-500">{detail.userAgent}</p>}

      {watchError && <ErrorNotice title="Could not watch this participant" message={watchError} />}
      {current?.status === 'ended' && (
        <Notice>
          {name} left{current.endedAt ? ` at ${formatClock(current.endedAt)}` : ''}. The live numbers below are the last ones; the
          telemetry stays.
        </Notice>
      )}
      {current?.status === 'absent' && (
        <Notice>
          {detail ? `${name} is not in the call any more. What the database remembers is below.` : `No participant ${peerId} in room ${roomId}, live or in the history.`}
        </Notice>
      )}
      {(!current || current.status === 'loading') && !watchError && <LoadingState>Loading participant…</LoadingState>}

      {detail && (
        <div className="mt-4">
          <PeerFacts detail={detail} />
          {detail.live && (
            <>
              <Section title="Transports" id="peer-transports">
                <TransportsTable transports={detail.transports} />
              </Section>
              <Section title={`Sends (${detail.producers.length})`} id="peer-producers">
                <ProducersTable producers={detail.producers} caption={`Producers of ${name}`} />
              </Section>
              <Section title={`Receives (${detail.consumers.length})`} id="peer-consumers">
                <ConsumersTable consumers={detail.consumers} caption={`Consumers of ${name}`} />
              </Section>
            </>
          )}
        </div>
      )}

      <Section title="Telemetry (every 10 s)" id="peer-telemetry">
        <TelemetryPanel resource={telemetry} telemetryKey={`${roomId}/${peerId}`} onRetry={() => actions.loadTelemetry(roomId, peerId)} />
      </Section>
    </>
  );
}
