/*
 * My own send quality from the send transport's getStats(), reusing the
 * studio's conversion (lib/studio/sendStats) on the entries of one producer:
 * what the SFU reported back (remote-inbound-rtp loss, RTT, jitter) and what
 * the encoder managed against the encodings it was given.
 */
import type { SimulcastEncoding } from '@/lib/simulcast';
import { toStatsEntries, type StatsReportLike } from '@/lib/studio/sendStats';
import type { QualityLimitationReason, StreamStats } from '@/lib/studio/types';
import type { QualityInput } from './connectionQuality';
import { codecName, type StatsEntry } from './statsFields';

/**
 * The report narrowed to one producer: its outbound-rtp (by mid: all
 * simulcast encodings share it) and the receiver reports about them; every
 * other entry (transport, candidate pairs, codecs, sources) stays.
 */
export function entriesOfMid(report: StatsReportLike, mid: string): StatsEntry[] {
  const entries = toStatsEntries(report);
  const mine = new Set(entries.filter((e) => e.type === 'outbound-rtp' && e.mid === mid).map((e) => e.id));
  return entries.filter((e) => {
    if (e.type === 'outbound-rtp') return mine.has(e.id);
    if (e.type === 'remote-inbound-rtp') return typeof e.localId === 'string' && mine.has(e.localId);
    return true;
  });
}

/** The codec of the producer's first outbound-rtp. */
export function sendCodec(entries: StatsEntry[]): string | null {
  return codecName(entries, entries.find((e) => e.type === 'outbound-rtp'));
}

export interface SendContext {
  paused: boolean;
  /** The encodings the producer was created with (camera simulcast); null for audio. */
  encodings: readonly SimulcastEncoding[] | null;
}

const BPS_PER_KBPS = 1000;

/** The index of the highest encoding that is sending, by rid order (r0 < r1 < r2); null when none is. */
function topActiveLayer(stats: StreamStats): number | null {
  let top: number | null = null;
  stats.layers.forEach((layer, index) => {
    if (layer.active) top = index;
  });
  return top;
}

export function sendQualityInput(stats: StreamStats, context: SendContext): QualityInput {
  const { encodings, paused } = context;
  const base: QualityInput = {
    lossPercent: stats.packetLoss,
    rttMs: stats.latency,
    jitterMs: stats.jitter,
    bitrateBps: null,
    expectedBitrateBps: null,
    layer: null,
    wantedLayer: null,
    paused,
    direction: 'send',
  };
  if (!encodings || encodings.length === 0 || stats.layers.length === 0) return base;
  const videoKbps = stats.layers.reduce((sum, layer) => sum + layer.bitrate, 0);
  return {
    ...base,
    bitrateBps: videoKbps * BPS_PER_KBPS,
    // What the app asked for, not what the sender's parameters say now: a cap set elsewhere is a fault to show.
    expectedBitrateBps: encodings.reduce((sum, e) => sum + e.maxBitrate, 0),
    layer: topActiveLayer(stats) ?? 0,
    wantedLayer: Math.min(stats.layers.length, encodings.length) - 1,
  };
}

const LIMITATION_TEXT: Record<Exclude<QualityLimitationReason, 'none'>, string> = {
  bandwidth: 'The browser limits the video for lack of bandwidth',
  cpu: 'The browser limits the video for lack of CPU',
  other: 'The browser limits the video',
};

/** The encoder's own explanation of a shortfall, in words; null when it reports none. */
export function limitationText(reason: QualityLimitationReason): string | null {
  return reason === 'none' ? null : LIMITATION_TEXT[reason];
}
