import Table from 'cli-table3';
import { formatBitrate, formatBytes, formatDuration, formatLayers, formatMs, formatPercent, scoreLabel } from '../lib/analytics/format';
import type {
  ConsumerView,
  PeerView,
  ProducerLayerView,
  ProducerView,
  RoomDetail,
  RoomSummary,
  ServerOverview,
} from '../lib/analytics/types';
import type { RoomBundle } from './apiClient';

/*
 * Plain-text views of the analytics bodies (SPEC 5: "plain text tables").
 * Pure functions of the data and the clock, so tests can read them. No
 * colours: the output is also piped into files and grep.
 */

type Row = Table.HorizontalTableRow;

/** Compact (no rule between rows) unless cells span several lines, where the rules show which lines belong together. */
function table(head: string[], rows: Row[], compact = true): string {
  if (rows.length === 0) return '(none)';
  const t = new Table({ head, style: { head: [], border: [], compact } });
  t.push(...rows);
  return t.toString();
}

function keyValues(entries: [string, string | number][]): string {
  const t = new Table({ style: { head: [], border: [], compact: true } });
  t.push(...entries.map(([key, value]) => ({ [key]: String(value) })));
  return t.toString();
}

const section = (title: string, body: string) => `${title}\n${body}`;
const yesNo = (value: boolean | undefined) => (value === undefined ? '—' : value ? 'yes' : 'no');
const orDash = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? '—' : String(value));

/** Local wall-clock time of an ISO instant, 24 h. */
export function clock(iso: string | null | undefined): string {
  const time = iso ? new Date(iso) : undefined;
  if (!time || Number.isNaN(time.getTime())) return '—';
  return time.toLocaleTimeString('en-GB', { hour12: false });
}

export function ago(iso: string | null | undefined, now: Date): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '—';
  return `${formatDuration((now.getTime() - time) / 1000)} ago`;
}

// A CLI may meet a server of another version; a missing list shows as empty rather than crashing.
const listOf = <T>(items: T[] | null | undefined): T[] => items ?? [];

// ---- server -----------------------------------------------------------------

export function renderServer(server: ServerOverview): string {
  const { totals, bitrate } = server;
  const workers = table(
    ['#', 'pid', 'alive', 'CPU %', 'memory', 'rooms', 'consumers'],
    listOf(server.workers).map((w) => [w.index, w.pid, yesNo(w.alive), formatPercent(w.cpuPercent), formatBytes(w.memoryKb * 1024), w.rooms, w.consumers]),
  );
  const totalsTable = table(
    ['workers', 'routers', 'rooms', 'peers', 'transports', 'producers', 'consumers', 'in', 'out'],
    [[totals.workers, totals.routers, totals.rooms, totals.peers, totals.transports, totals.producers, totals.consumers, formatBitrate(bitrate?.inbound), formatBitrate(bitrate?.outbound)]],
  );
  return [
    `Node ${orDash(server.nodeId)} · up ${formatDuration(server.uptimeSeconds)} · collected ${clock(server.collectedAt)}`,
    section('Workers', workers),
    section('Totals (in/out: node bitrate)', totalsTable),
  ].join('\n\n');
}

// ---- rooms ------------------------------------------------------------------

export function renderRooms(rooms: RoomSummary[], now: Date): string {
  if (rooms.length === 0) return 'No active rooms.';
  return table(
    ['room', 'peers', 'producers', 'consumers', 'in', 'out', 'age', 'worker'],
    rooms.map((r) => [
      r.id,
      r.peerCount,
      r.producerCount,
      r.consumerCount,
      formatBitrate(r.bitrate?.inbound),
      formatBitrate(r.bitrate?.outbound),
      ago(r.createdAt, now).replace(/ ago$/, ''),
      `${r.workerIndex} (pid ${r.workerPid})`,
    ]),
  );
}

function roomHeadline(room: RoomSummary, now: Date): string {
  return [
    `Room ${room.id} · worker ${room.workerIndex} (pid ${room.workerPid}) · created ${clock(room.createdAt)} (${ago(room.createdAt, now)})`,
    `${room.peerCount} peers · ${room.transportCount} transports · ${room.producerCount} producers · ${room.consumerCount} consumers · ` +
      `in ${formatBitrate(room.bitrate?.inbound)} · out ${formatBitrate(room.bitrate?.outbound)}`,
  ].join('\n');
}

export function renderPeers(peers: PeerView[], now: Date, activeSpeakerId: string | null = null): string {
  return table(
    ['name', 'peer id', 'joined', 'connection', 'up', 'down', 'transports', 'producers', 'consumers'],
    peers.map((p) => [
      p.id === activeSpeakerId ? `${p.displayName} (speaking)` : p.displayName,
      p.id,
      `${clock(p.joinedAt)} (${ago(p.joinedAt, now)})`,
      orDash(p.connectionState),
      formatBitrate(p.bitrate?.up),
      formatBitrate(p.bitrate?.down),
      p.transportCount,
      p.producerCount,
      p.consumerCount,
    ]),
  );
}

// ---- producers --------------------------------------------------------------

interface LayerLine {
  layer: string;
  score: string;
  bitrate: string;
}

/** Measured layers once stats exist, else mediasoup's score entries (score known, bitrate not yet). */
function producerLayers(p: ProducerView): LayerLine[] {
  const label = (rid: string | null | undefined, index: number) => rid ?? (p.kind === 'audio' ? 'audio' : `S${index}`);
  const measured = listOf(p.layers);
  if (measured.length > 0) {
    return measured.map((l) => ({ layer: label(l.rid, l.spatialLayer), score: String(l.score), bitrate: formatBitrate(l.bitrate) }));
  }
  return listOf(p.score).map((s, i) => ({ layer: label(s.rid, i), score: String(s.score), bitrate: '—' }));
}

const kindSource = (kind: string, source: string | undefined) => (source && source !== kind ? `${kind}/${source}` : kind);

export function renderProducers(producers: ProducerView[]): string {
  return table(
    ['producer id', 'peer', 'kind', 'paused', 'codec', 'layer', 'score', 'bitrate', 'total'],
    producers.map((p) => {
      const layers = producerLayers(p);
      const column = (key: keyof LayerLine) => (layers.length ? layers.map((l) => l[key]).join('\n') : '—');
      return [p.id, p.peerName, kindSource(p.kind, p.source), yesNo(p.paused), orDash(p.codec), column('layer'), column('score'), column('bitrate'), formatBitrate(p.bitrate)];
    }),
    false,
  );
}

function layerStatsTable(layers: ProducerLayerView[]): string {
  return table(
    ['rid', 'spatial', 'ssrc', 'score', 'bitrate', 'packets', 'bytes', 'lost', 'loss', 'jitter', 'NACK', 'PLI', 'FIR'],
    layers.map((l) => [
      orDash(l.rid),
      l.spatialLayer,
      l.ssrc,
      l.score,
      formatBitrate(l.bitrate),
      l.packets,
      formatBytes(l.bytes),
      l.packetsLost,
      formatPercent(l.lossPercent),
      formatMs(l.jitterMs),
      l.nackCount,
      l.pliCount,
      l.firCount,
    ]),
  );
}

export function renderProducer(p: ProducerView): string {
  const scores = listOf(p.score).map((s) => `${s.rid ?? s.ssrc}: ${s.score}`).join(', ');
  const details = keyValues([
    ['producer', p.id],
    ['peer', `${p.peerName} (${p.peerId})`],
    ['kind', kindSource(p.kind, p.source)],
    ['type', orDash(p.type)],
    ['paused', yesNo(p.paused)],
    ['codec', orDash(p.codec)],
    ['score', orDash(scores)],
    ['bitrate', formatBitrate(p.bitrate)],
    ['consumers per layer', orDash(listOf(p.consumersPerLayer).join(' / '))],
    ['stats at', clock(p.statsAt)],
  ]);
  const encodings = table(
    ['rid', 'ssrc', 'scale down', 'max bitrate'],
    listOf(p.simulcastLayers).map((e) => [orDash(e.rid), orDash(e.ssrc), orDash(e.scaleResolutionDownBy), formatBitrate(e.maxBitrate)]),
  );
  return [details, section('Layers', layerStatsTable(listOf(p.layers))), section('Encodings', encodings)].join('\n\n');
}

// ---- consumers --------------------------------------------------------------

export function renderConsumers(consumers: ConsumerView[]): string {
  return table(
    ['consumer id', 'receiver', 'from', 'kind', 'paused', 'producer paused', 'score', 'producer scores', 'current', 'preferred', 'bitrate'],
    consumers.map((c) => [
      c.id,
      c.peerName,
      c.producerPeerName,
      kindSource(c.kind, c.source),
      yesNo(c.paused),
      yesNo(c.producerPaused),
      orDash(c.score),
      orDash(listOf(c.producerScores).join(', ')),
      formatLayers(c.currentLayers),
      formatLayers(c.preferredLayers),
      formatBitrate(c.bitrate),
    ]),
  );
}

export function renderConsumer(c: ConsumerView): string {
  return keyValues([
    ['consumer', c.id],
    ['receiver', `${c.peerName} (${c.peerId})`],
    ['producer', `${c.producerId} of ${c.producerPeerName} (${c.producerPeerId})`],
    ['kind', kindSource(c.kind, c.source)],
    ['type', orDash(c.type)],
    ['paused', yesNo(c.paused)],
    ['producer paused', yesNo(c.producerPaused)],
    ['score', `${c.score} (${scoreLabel(c.score)})`],
    ['producer score', orDash(c.producerScore)],
    ['producer scores', orDash(listOf(c.producerScores).join(', '))],
    ['current layers', formatLayers(c.currentLayers)],
    ['preferred layers', formatLayers(c.preferredLayers)],
    ['bitrate', formatBitrate(c.bitrate)],
    ['packets', c.packets],
    ['bytes', formatBytes(c.bytes)],
    ['packets lost', `${c.packetsLost} (${formatPercent(c.lossPercent)})`],
    ['NACK / PLI / FIR', `${c.nackCount} / ${c.pliCount} / ${c.firCount}`],
    ['round trip', formatMs(c.roundTripTimeMs)],
    ['stats at', clock(c.statsAt)],
  ]);
}

// ---- a whole room -----------------------------------------------------------

function roomView(room: RoomDetail, producers: ProducerView[], consumers: ConsumerView[], now: Date): string {
  return [
    roomHeadline(room, now),
    section('Peers', renderPeers(listOf(room.peers), now, room.activeSpeakerId)),
    section('Producers', renderProducers(producers)),
    section('Consumers', renderConsumers(consumers)),
  ].join('\n\n');
}

export function renderRoom(room: RoomDetail, now: Date): string {
  return roomView(room, listOf(room.producers), listOf(room.consumers), now);
}

/** `all <id>`: the room, with producers and consumers as their own endpoints describe them. */
export function renderAll(bundle: RoomBundle, now: Date): string {
  return roomView(bundle.room, bundle.producers, bundle.consumers, now);
}
