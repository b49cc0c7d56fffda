/*
 * The studio's StreamStats from the browser's own RTCPeerConnection.getStats()
 * of the send transport. Pure: two consecutive samples (the previous one kept
 * as SendStatsState) give the rates; every time comes from the reports'
 * timestamps, so captured reports replay exactly in tests.
 */
import type { QualityLimitationReason, StreamFrameCounters, StreamLayerStats, StreamStats } from './types';

export type StatsEntry = Record<string, unknown> & { id: string; type: string; timestamp: number };
/** What getStats() gives (a Map), or its serialisable form (an array of the entries). */
export type StatsReportLike = ReadonlyMap<string, StatsEntry> | StatsEntry[];

/** The cumulative counters of one outbound-rtp, kept for the next sample's deltas. */
export interface OutboundCounters {
  timestamp: number;
  bytesSent: number;
  packetsSent: number;
  framesEncoded: number;
  /** seconds */
  totalEncodeTime: number;
  retransmittedBytesSent: number;
  /** qualityLimitationDurations cpu + bandwidth + other, seconds */
  limitedSeconds: number;
}

/** Everything carried from one sample to the next; plain JSON, so it can be stored. */
export interface SendStatsState {
  /** by outbound-rtp id */
  outbound: Record<string, OutboundCounters>;
  /** by remote-inbound-rtp id */
  remoteInbound: Record<string, { packetsLost: number }>;
  /** Frames encoded while limited, accumulated over all samples (fractional: it is durations × fps). */
  limitedFrames: number;
}

export interface SendStatsOptions {
  /** The frame rate the camera was asked for, passed through as StreamStats.targetFps. */
  targetFps?: number;
}

export function toStatsEntries(report: RTCStatsReport | StatsReportLike): StatsEntry[] {
  if (Array.isArray(report)) return [...report];
  return [...(report as ReadonlyMap<string, StatsEntry>).values()];
}

// ---- numbers ----

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `|| 0` turns -0 and NaN into 0: nothing non-finite or signed-zero leaves this module. */
function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Number.isFinite(v) ? Math.round(v * f) / f || 0 : 0;
}

/** Growth of a cumulative counter; undefined when unknown: no previous value, or it went backwards (a restarted encoder). */
function grew(current: number | undefined, previous: number | undefined): number | undefined {
  if (current === undefined || previous === undefined || current < previous) return undefined;
  return current - previous;
}

// ---- one outbound-rtp and its previous counters ----

interface Outbound {
  entry: StatsEntry;
  counters: OutboundCounters;
  prev: OutboundCounters | undefined;
  /** ms since the previous sample of this id; 0 when there is none */
  dtMs: number;
}

type CounterKey = Exclude<keyof OutboundCounters, 'timestamp'>;

function limitedSecondsOf(entry: StatsEntry): number {
  const d = entry.qualityLimitationDurations as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object') return 0;
  return (num(d.cpu) ?? 0) + (num(d.bandwidth) ?? 0) + (num(d.other) ?? 0);
}

function countersOf(entry: StatsEntry): OutboundCounters {
  return {
    timestamp: entry.timestamp,
    bytesSent: num(entry.bytesSent) ?? 0,
    packetsSent: num(entry.packetsSent) ?? 0,
    framesEncoded: num(entry.framesEncoded) ?? 0,
    totalEncodeTime: num(entry.totalEncodeTime) ?? 0,
    retransmittedBytesSent: num(entry.retransmittedBytesSent) ?? 0,
    limitedSeconds: limitedSecondsOf(entry),
  };
}

function outboundOf(entry: StatsEntry, previous: SendStatsState | null): Outbound {
  const counters = countersOf(entry);
  const prev = previous?.outbound[entry.id];
  return { entry, counters, prev, dtMs: prev ? counters.timestamp - prev.timestamp : 0 };
}

function delta(o: Outbound, key: CounterKey): number | undefined {
  return grew(o.counters[key], o.prev?.[key]);
}

/** Per second of a counter over the interval; 0 without a usable delta or interval (never negative, never Infinity). */
function perSecond(o: Outbound, key: CounterKey): number {
  const d = delta(o, key);
  return d === undefined || !(o.dtMs > 0) ? 0 : (d * 1000) / o.dtMs;
}

/** bytes/s × 8 / 1000 = kbps */
const kbps = (o: Outbound, key: CounterKey): number => (perSecond(o, key) * 8) / 1000;

const kindOf = (e: StatsEntry): unknown => e.kind ?? e.mediaType;

// ---- video layers ----

interface Layer {
  o: Outbound;
  stats: StreamLayerStats;
  /** unrounded, so the total is not a sum of rounding errors */
  kbps: number;
  fps: number;
}

function reasonOf(v: unknown): QualityLimitationReason {
  if (v === undefined) return 'none';
  return v === 'none' || v === 'cpu' || v === 'bandwidth' || v === 'other' ? v : 'other';
}

function layerOf(o: Outbound): Layer {
  const { entry } = o;
  // The browser's own rate is over the last second; the delta is the fallback (and 0 on a first sample).
  const fps = num(entry.framesPerSecond) ?? perSecond(o, 'framesEncoded');
  const rate = kbps(o, 'bytesSent');
  const stats: StreamLayerStats = {
    rid: typeof entry.rid === 'string' ? entry.rid : '',
    bitrate: round(rate, 0),
    fps: round(fps, 1),
    width: num(entry.frameWidth) ?? 0,
    height: num(entry.frameHeight) ?? 0,
    // Chromium drops framesPerSecond when an encoding sends nothing, so no frames means not active.
    active: entry.active !== false && fps > 0,
    qualityLimitationReason: reasonOf(entry.qualityLimitationReason),
  };
  return { o, stats, kbps: rate, fps };
}

const wider = (a: Layer, b: Layer): boolean =>
  a.stats.width > b.stats.width || (a.stats.width === b.stats.width && a.stats.height > b.stats.height);

function widest(layers: Layer[]): Layer | undefined {
  return layers.reduce<Layer | undefined>((best, l) => (!best || wider(l, best) ? l : best), undefined);
}

// ---- receiver reports (what the SFU saw) ----

function lossPercent(ri: StatsEntry, outboundById: Map<string, Outbound>, previous: SendStatsState | null): number {
  const fraction = num(ri.fractionLost);
  if (fraction !== undefined) return Math.min(1, Math.max(0, fraction)) * 100;
  const lost = grew(num(ri.packetsLost), previous?.remoteInbound[ri.id]?.packetsLost);
  const o = typeof ri.localId === 'string' ? outboundById.get(ri.localId) : undefined;
  const sent = o ? delta(o, 'packetsSent') : undefined;
  if (lost === undefined || sent === undefined || lost + sent === 0) return 0;
  return (lost / (lost + sent)) * 100;
}

/** The worst of the video reports (a viewer of the worst layer sees it); audio ones only when no video is sent. */
function receiverReports(entries: StatsEntry[], outboundById: Map<string, Outbound>, previous: SendStatsState | null) {
  const all = entries.filter((e) => e.type === 'remote-inbound-rtp');
  const video = all.filter((e) => kindOf(e) === 'video');
  const chosen = video.length > 0 ? video : all;
  const worst = (f: (e: StatsEntry) => number) => chosen.reduce((m, e) => Math.max(m, f(e)), 0);
  return {
    packetLoss: worst((e) => lossPercent(e, outboundById, previous)),
    latency: worst((e) => (num(e.roundTripTime) ?? 0) * 1000),
    jitter: worst((e) => (num(e.jitter) ?? 0) * 1000),
  };
}

// ---- transport, sources ----

export function selectedPair(entries: StatsEntry[]): StatsEntry | undefined {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const t of entries) {
    if (t.type !== 'transport' || typeof t.selectedCandidatePairId !== 'string') continue;
    const pair = byId.get(t.selectedCandidatePairId);
    if (pair?.type === 'candidate-pair') return pair;
  }
  // Firefox has no transport stats: the nominated, working pair is the selected one.
  return entries.find((e) => e.type === 'candidate-pair' && e.nominated === true && e.state === 'succeeded');
}

function bandwidthOf(entries: StatsEntry[]): StreamStats['bandwidth'] {
  const pair = selectedPair(entries);
  return {
    upload: round((num(pair?.availableOutgoingBitrate) ?? 0) / 1000, 0),
    download: round((num(pair?.availableIncomingBitrate) ?? 0) / 1000, 0),
  };
}

/** The media-source a sender reads (its mediaSourceId), else the first one of that kind. */
function sourceOf(entries: StatsEntry[], kind: string, sender: StatsEntry | undefined): StatsEntry | undefined {
  const sources = entries.filter((e) => e.type === 'media-source' && kindOf(e) === kind);
  return sources.find((s) => s.id === sender?.mediaSourceId) ?? sources[0];
}

/** Linear 0..1 → dBov, clamped to [-100, 0]; silence (0) and no level at all are -100. */
function toDb(level: number | undefined): number {
  if (level === undefined || !(level > 0)) return -100;
  return Math.min(0, Math.max(-100, 20 * Math.log10(level)));
}

// ---- frame counters ----

/** Limited frames ≈ limitation seconds × fps; all the frame counters are since the start, so a first sample (or a restarted encoder) counts from zero. */
function limitedFramesAdded(top: Layer | undefined): number {
  if (!top) return 0;
  const { counters, prev } = top.o;
  const seconds = prev && prev.limitedSeconds <= counters.limitedSeconds ? counters.limitedSeconds - prev.limitedSeconds : counters.limitedSeconds;
  return seconds * top.fps;
}

function framesOf(entries: StatsEntry[], top: Layer | undefined, limitedFrames: number): StreamFrameCounters {
  const captured = num(sourceOf(entries, 'video', top?.o.entry)?.frames) ?? 0;
  const encoded = top?.o.counters.framesEncoded ?? 0;
  return {
    captured,
    encoded,
    dropped: Math.max(0, captured - encoded),
    limited: Math.min(encoded, round(limitedFrames, 0)),
  };
}

function encodeTimeMs(top: Layer | undefined): number {
  if (!top) return 0;
  const seconds = delta(top.o, 'totalEncodeTime');
  const frames = delta(top.o, 'framesEncoded');
  return seconds === undefined || !frames ? 0 : (seconds / frames) * 1000;
}

// ---- the whole sample ----

function nextState(outbound: Outbound[], entries: StatsEntry[], limitedFrames: number): SendStatsState {
  const remoteInbound: SendStatsState['remoteInbound'] = {};
  for (const e of entries) {
    if (e.type === 'remote-inbound-rtp') remoteInbound[e.id] = { packetsLost: num(e.packetsLost) ?? 0 };
  }
  // Only ids present now: a vanished layer's counters must not be compared with a later, unrelated one.
  return { outbound: Object.fromEntries(outbound.map((o) => [o.entry.id, o.counters])), remoteInbound, limitedFrames };
}

export function convertSendStats(
  current: StatsReportLike,
  previous: SendStatsState | null,
  options: SendStatsOptions = {},
): { stats: StreamStats; state: SendStatsState } {
  const entries = toStatsEntries(current);
  const outbound = entries.filter((e) => e.type === 'outbound-rtp').map((e) => outboundOf(e, previous));
  const audio = outbound.filter((o) => kindOf(o.entry) === 'audio');
  const layers = outbound.filter((o) => kindOf(o.entry) === 'video').map(layerOf);
  layers.sort((a, b) => a.stats.rid.localeCompare(b.stats.rid));
  const topActive = widest(layers.filter((l) => l.stats.active));
  // Frame counters and encode time still follow the widest encoding when none is active.
  const top = topActive ?? widest(layers);
  const audioKbps = audio.reduce((s, o) => s + kbps(o, 'bytesSent'), 0);
  const limitedFrames = (previous?.limitedFrames ?? 0) + limitedFramesAdded(top);
  const network = receiverReports(entries, new Map(outbound.map((o) => [o.entry.id, o])), previous);

  const stats: StreamStats = {
    bitrate: round(layers.reduce((s, l) => s + l.kbps, 0) + audioKbps, 0),
    fps: round(topActive?.fps ?? 0, 1),
    resolution: { width: topActive?.stats.width ?? 0, height: topActive?.stats.height ?? 0 },
    audioLevel: round(toDb(num(sourceOf(entries, 'audio', audio[0]?.entry)?.audioLevel)), 1),
    packetLoss: round(network.packetLoss, 2),
    latency: round(network.latency, 1),
    jitter: round(network.jitter, 1),
    bandwidth: bandwidthOf(entries),
    qualityLimitationReason: topActive?.stats.qualityLimitationReason ?? 'none',
    layers: layers.map((l) => l.stats),
    encodeTimeMs: round(encodeTimeMs(top), 1),
    targetBitrate: round(outbound.reduce((s, o) => s + (num(o.entry.targetBitrate) ?? 0), 0) / 1000, 0),
    retransmitBitrate: round(outbound.reduce((s, o) => s + kbps(o, 'retransmittedBytesSent'), 0), 0),
    audioBitrate: round(audioKbps, 0),
    frames: framesOf(entries, top, limitedFrames),
  };
  if (num(options.targetFps) !== undefined) stats.targetFps = options.targetFps;
  return { stats, state: nextState(outbound, entries, limitedFrames) };
}
