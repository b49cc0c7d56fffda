/*
 * One received stream's quality input from the receive transport's
 * getStats(): its inbound-rtp (found by the consumer's track id or mid), the
 * counters' growth since the previous report, and the transport's RTT. Pure:
 * the previous counters are passed in and handed back.
 */
import { toStatsEntries, type StatsReportLike } from '@/lib/studio/sendStats';
import type { SimulcastEncoding } from '@/lib/simulcast';
import type { FrameSize, QualityInput } from './connectionQuality';
import { codecName, finite, secondsToMs, transportRttMs, type StatsEntry } from './statsFields';

/** How to find a consumer's inbound-rtp: its track id (trackIdentifier) or, failing that, its mid. */
export interface StreamMatch {
  trackId?: string;
  mid?: string;
}

/** The cumulative counters of one inbound-rtp, kept for the next report's deltas. */
export interface InboundCounters {
  id: string;
  timestamp: number;
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
}

/** What one interval of one received stream measured; null = not known this time. */
export interface InboundSample {
  lossPercent: number | null;
  bitrateBps: number | null;
  /** Packets received in the interval; 0 = nothing arrived. */
  packetsReceived: number | null;
  jitterMs: number | null;
  rttMs: number | null;
  codec: string | null;
  frame: FrameSize | null;
  fps: number | null;
}

export function findInbound(entries: StatsEntry[], match: StreamMatch): StatsEntry | undefined {
  const inbound = entries.filter((e) => e.type === 'inbound-rtp');
  return (
    (match.trackId ? inbound.find((e) => e.trackIdentifier === match.trackId) : undefined) ??
    (match.mid ? inbound.find((e) => e.mid === match.mid) : undefined)
  );
}

function countersOf(entry: StatsEntry): InboundCounters | null {
  const packetsReceived = finite(entry.packetsReceived);
  const bytesReceived = finite(entry.bytesReceived);
  if (packetsReceived === null || bytesReceived === null) return null;
  return { id: entry.id, timestamp: entry.timestamp, packetsReceived, bytesReceived, packetsLost: finite(entry.packetsLost) ?? 0 };
}

interface Interval {
  ms: number;
  received: number;
  lost: number;
  bytes: number;
}

/**
 * Growth since the previous report; null when there is none to compare with:
 * no previous report, another stream (new id), or counters that went back (a
 * restarted receiver), all of which only start a new baseline.
 */
function intervalOf(current: InboundCounters, previous: InboundCounters | null): Interval | null {
  if (!previous || previous.id !== current.id) return null;
  const ms = current.timestamp - previous.timestamp;
  const received = current.packetsReceived - previous.packetsReceived;
  const bytes = current.bytesReceived - previous.bytesReceived;
  if (!(ms > 0) || received < 0 || bytes < 0) return null;
  // packetsLost falls when late duplicates arrive: that is no loss, not negative loss.
  return { ms, received, bytes, lost: Math.max(0, current.packetsLost - previous.packetsLost) };
}

const BITS_PER_BYTE = 8;
const MS_PER_SECOND = 1000;

function frameOf(entry: StatsEntry | undefined): FrameSize | null {
  const width = finite(entry?.frameWidth);
  const height = finite(entry?.frameHeight);
  return width && height ? { width, height } : null;
}

export function convertInbound(
  report: StatsReportLike,
  match: StreamMatch,
  previous: InboundCounters | null,
): { sample: InboundSample; counters: InboundCounters | null } {
  const entries = toStatsEntries(report);
  const entry = findInbound(entries, match);
  const counters = entry ? countersOf(entry) : null;
  const interval = counters ? intervalOf(counters, previous) : null;
  const expectedPackets = interval ? interval.received + interval.lost : 0;
  const sample: InboundSample = {
    lossPercent: interval && expectedPackets > 0 ? (interval.lost / expectedPackets) * 100 : null,
    bitrateBps: interval ? (interval.bytes * BITS_PER_BYTE * MS_PER_SECOND) / interval.ms : null,
    packetsReceived: interval ? interval.received : null,
    jitterMs: secondsToMs(finite(entry?.jitter)),
    rttMs: transportRttMs(entries),
    codec: codecName(entries, entry),
    frame: frameOf(entry),
    fps: finite(entry?.framesPerSecond),
  };
  return { sample, counters };
}

/** What the rest of the call knows about the stream besides its stats. */
export interface ReceiveContext {
  paused: boolean;
  /** Spatial layer the server says it sends (consumer-layers-changed); null = unknown. */
  layer: number | null;
  /** True when that layer held through the whole interval; a switch makes the interval's bitrate a mix of two layers. */
  layerSettled: boolean;
  /** The layer asked for (set-preferred-layers); null = none asked, so the server sends the top one. */
  requestedLayer: number | null;
  /** The lower of the server's consumer and producer score, 0..10; null = none yet. */
  serverScore: number | null;
  /** The sender's simulcast encodings (camera); null for a stream without layers (audio). */
  encodings: readonly SimulcastEncoding[] | null;
}

/**
 * The frame size of the wanted layer, from the received frame and the two
 * layers' scale factors: the real capture size is not known here.
 */
function scaledFrame(frame: FrameSize, fromScale: number, toScale: number): FrameSize {
  return { width: Math.round((frame.width * fromScale) / toScale), height: Math.round((frame.height * fromScale) / toScale) };
}

function layerOf(index: number | null, encodings: readonly SimulcastEncoding[]): SimulcastEncoding | undefined {
  return index === null ? undefined : encodings[index];
}

export function receiveQualityInput(sample: InboundSample, context: ReceiveContext): QualityInput {
  const { encodings, layer, paused } = context;
  const base: QualityInput = {
    lossPercent: sample.lossPercent,
    rttMs: sample.rttMs,
    jitterMs: sample.jitterMs,
    bitrateBps: sample.bitrateBps,
    expectedBitrateBps: null,
    layer: null,
    wantedLayer: null,
    packetsReceived: sample.packetsReceived,
    paused,
    serverScore: context.serverScore,
    direction: 'receive',
  };
  if (!encodings || encodings.length === 0) return base;
  const wantedLayer = Math.min(context.requestedLayer ?? encodings.length - 1, encodings.length - 1);
  const received = layerOf(layer, encodings);
  const wanted = encodings[wantedLayer];
  const sizes =
    received && sample.frame && layer !== wantedLayer
      ? { layerSize: sample.frame, wantedLayerSize: scaledFrame(sample.frame, received.scaleResolutionDownBy, wanted.scaleResolutionDownBy) }
      : {};
  return {
    ...base,
    expectedBitrateBps: received && context.layerSettled ? received.maxBitrate : null,
    layer,
    wantedLayer,
    ...sizes,
  };
}
