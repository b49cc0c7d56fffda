'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatBitrate, formatLayers, formatMs, formatPercent } from '@/lib/analytics/format';
import type { ConsumerView, PeerConnectionState, PeerView, ProducerView } from '@/lib/analytics/types';
import { analyticsHref } from './route';
import { formatWhen } from './time';
import { Badge, DataTable, EmptyState, RowHeader, Score, Td, Th, type Tone } from './ui';
import { shortUserAgent } from './userAgent';

/* The room drill-down's tables: who is there, what they send, what they receive. */

/** Peer, ICE and DTLS states share the words. */
const STATE_TONE: Record<PeerConnectionState | 'checking' | 'completed', Tone> = {
  new: 'muted',
  checking: 'info',
  connecting: 'info',
  connected: 'ok',
  completed: 'ok',
  disconnected: 'warn',
  failed: 'bad',
  closed: 'muted',
};

export function ConnectionState({ state }: { state: PeerConnectionState | string }) {
  return <Badge tone={STATE_TONE[state as keyof typeof STATE_TONE] ?? 'muted'}>{state}</Badge>;
}

export function PeersTable({ roomId, peers, activeSpeakerId }: { roomId: string; peers: PeerView[]; activeSpeakerId: string | null }) {
  if (peers.length === 0) return <EmptyState>Nobody is in this room.</EmptyState>;
  return (
    <DataTable caption="Peers in this room" minWidth={820}>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Joined at</Th>
          <Th>User agent</Th>
          <Th>Connection</Th>
          <Th className="text-right">Up</Th>
          <Th className="text-right">Down</Th>
          <Th className="text-right">Producers</Th>
          <Th className="text-right">Consumers</Th>
        </tr>
      </thead>
      <tbody>
        {peers.map((peer) => (
          <tr key={peer.id} data-peer-id={peer.id}>
            <RowHeader>
              <Link href={analyticsHref({ room: roomId, peer: peer.id })} className="text-sky-300 underline-offset-2 hover:underline">
                {peer.displayName}
              </Link>
              {peer.id === activeSpeakerId && <span className="ml-2 text-xs font-normal text-emerald-300">speaking</span>}
            </RowHeader>
            <Td>
              <time dateTime={peer.joinedAt}>{formatWhen(peer.joinedAt)}</time>
            </Td>
            <Td title={peer.userAgent ?? undefined}>{shortUserAgent(peer.userAgent)}</Td>
            <Td>
              <ConnectionState state={peer.connectionState} />
            </Td>
            <Td className="text-right">{formatBitrate(peer.bitrate.up)}</Td>
            <Td className="text-right">{formatBitrate(peer.bitrate.down)}</Td>
            <Td className="text-right">{peer.producerCount}</Td>
            <Td className="text-right">{peer.consumerCount}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

interface LayerLine {
  key: string;
  name: string;
  score: number | null;
  bitrate: number | null;
  consumers: number;
}

/** One line per RTP stream: measured layers once stats exist, else the scores mediasoup reported. */
function layerLines(p: ProducerView): LayerLine[] {
  const name = (spatial: number, rid: string | null | undefined) =>
    p.kind === 'audio' ? 'audio' : `S${spatial}${rid ? ` (${rid})` : ''}`;
  if (p.layers.length > 0) {
    return p.layers.map((l) => ({
      key: String(l.ssrc),
      name: name(l.spatialLayer, l.rid),
      score: l.score,
      bitrate: l.bitrate,
      consumers: p.consumersPerLayer[l.spatialLayer] ?? 0,
    }));
  }
  return p.score.map((s, i) => ({ key: String(s.ssrc), name: name(i, s.rid), score: s.score, bitrate: null, consumers: p.consumersPerLayer[i] ?? 0 }));
}

/** Cells that list one value per layer, one per line, so the lines of a row read across. */
function PerLayer({ lines, render, className = '' }: { lines: LayerLine[]; render: (line: LayerLine) => ReactNode; className?: string }) {
  if (lines.length === 0) return <Td className={className}>—</Td>;
  return (
    <Td className={className}>
      {lines.map((line) => (
        <div key={line.key}>{render(line)}</div>
      ))}
    </Td>
  );
}

export function ProducersTable({ producers, caption }: { producers: ProducerView[]; caption: string }) {
  if (producers.length === 0) return <EmptyState>No producers: nobody is sending audio or video.</EmptyState>;
  return (
    <DataTable caption={caption} minWidth={900}>
      <thead>
        <tr>
          <Th>Peer</Th>
          <Th>Kind</Th>
          <Th>Source</Th>
          <Th>State</Th>
          <Th>Codec</Th>
          <Th>Layer</Th>
          <Th className="text-right">Score</Th>
          <Th className="text-right">Bitrate</Th>
          <Th className="text-right">Consumers</Th>
          <Th className="text-right">Total</Th>
        </tr>
      </thead>
      <tbody>
        {producers.map((p) => {
          const lines = layerLines(p);
          return (
            <tr key={p.id} data-producer-id={p.id} data-source={p.source}>
              <RowHeader>
                {p.peerName}
                <div className="text-xs font-normal text-zinc-500" title={p.id}>
                  {p.id.slice(0, 8)}
                </div>
              </RowHeader>
              <Td>{p.kind}</Td>
              <Td>{p.source}</Td>
              <Td>{p.paused ? <Badge tone="warn">Paused</Badge> : <Badge tone="ok">Sending</Badge>}</Td>
              <Td>{p.codec ?? '—'}</Td>
              <PerLayer lines={lines} render={(l) => l.name} />
              <PerLayer lines={lines} className="text-right" render={(l) => <Score value={l.score} />} />
              <PerLayer lines={lines} className="text-right" render={(l) => formatBitrate(l.bitrate)} />
              <PerLayer lines={lines} className="text-right" render={(l) => l.consumers} />
              <Td className="text-right">{formatBitrate(p.bitrate)}</Td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

function ConsumerState({ c }: { c: ConsumerView }) {
  if (c.producerPaused) return <Badge tone="warn">Producer paused</Badge>;
  if (c.paused) return <Badge tone="warn">Paused</Badge>;
  return <Badge tone="ok">Receiving</Badge>;
}

export function ConsumersTable({ consumers, caption }: { consumers: ConsumerView[]; caption: string }) {
  if (consumers.length === 0) return <EmptyState>No consumers: nobody is receiving anyone yet.</EmptyState>;
  return (
    <DataTable caption={caption} minWidth={1040}>
      <thead>
        <tr>
          <Th>Receiver</Th>
          <Th>From</Th>
          <Th>Kind</Th>
          <Th>State</Th>
          <Th className="text-right">Score</Th>
          <Th className="text-right">Producer scores</Th>
          <Th>Current layers</Th>
          <Th>Preferred layers</Th>
          <Th className="text-right">Bitrate</Th>
          <Th className="text-right">Loss</Th>
          <Th className="text-right">RTT</Th>
        </tr>
      </thead>
      <tbody>
        {consumers.map((c) => (
          <tr key={c.id} data-consumer-id={c.id} data-producer-id={c.producerId}>
            <RowHeader>
              {c.peerName}
              <div className="text-xs font-normal text-zinc-500" title={c.id}>
                {c.id.slice(0, 8)}
              </div>
            </RowHeader>
            <Td>
              {c.producerPeerName} <span className="text-zinc-500">· {c.source}</span>
            </Td>
            <Td>{c.kind}</Td>
            <Td>
              <ConsumerState c={c} />
            </Td>
            <Td className="text-right" data-field="score">
              <Score value={c.score} />
            </Td>
            <Td className="text-right" data-field="producer-scores">
              {c.producerScores.length > 0 ? c.producerScores.join(' / ') : '—'}
            </Td>
            <Td data-field="current-layers">{c.kind === 'audio' ? '—' : formatLayers(c.currentLayers)}</Td>
            <Td data-field="preferred-layers">{c.kind === 'audio' ? '—' : formatLayers(c.preferredLayers)}</Td>
            <Td className="text-right">{formatBitrate(c.bitrate)}</Td>
            <Td className="text-right">{formatPercent(c.lossPercent)}</Td>
            <Td className="text-right">{formatMs(c.roundTripTimeMs)}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
