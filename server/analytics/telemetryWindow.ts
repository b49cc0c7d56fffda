import type { TelemetryDirection, TelemetrySample } from '@/lib/analytics/types';
import { bitrateBps } from './counters';

/** One RTP stream's cumulative counters from one stats sweep. */
export interface StreamCounters {
  /** Unique over both directions, e.g. `producerId:ssrc` or a consumer id. */
  key: string;
  packets: number;
  bytes: number;
  packetsLost: number;
  nackCount: number;
  pliCount: number;
  firCount: number;
  jitterMs?: number;
  roundTripTimeMs?: number | null;
}

const COUNT_FIELDS = ['packets', 'bytes', 'packetsLost', 'nackCount', 'pliCount', 'firCount'] as const;
type CountField = (typeof COUNT_FIELDS)[number];
type Counts = Record<CountField, number>;

/** What one direction gathered in the current window. */
interface DirectionTotals {
  counts: Counts;
  /** Latest jitter per stream: jitter is a gauge, so it is not summed. */
  jitterByKey: Map<string, number>;
  maxDelayMs: number;
}

export interface WindowMeta {
  nodeId: string;
  roomId: string;
  peerId: string;
}

const zeroCounts = (): Counts => ({ packets: 0, bytes: 0, packetsLost: 0, nackCount: 0, pliCount: 0, firCount: 0 });

/**
 * What a stream added since its previous sweep. A restart is judged per
 * stream, by packets or bytes going backwards, and then every counter counts
 * from 0. Any other counter that dips is not a restart: RTCP's cumulative lost
 * falls when late or retransmitted packets arrive, and taking that dip as a
 * restart would pour the stream's whole loss history into one window.
 */
function streamDelta(prev: StreamCounters | undefined, curr: StreamCounters): Counts {
  const delta = zeroCounts();
  if (prev === undefined) return delta; // first sight: see counterDelta
  const restarted = curr.packets < prev.packets || curr.bytes < prev.bytes;
  for (const field of COUNT_FIELDS) delta[field] = restarted ? curr[field] : Math.max(0, curr[field] - prev[field]);
  return delta;
}

/** Lost share of what was sent: the receiver saw `packets`, the rest never came. */
function lossPercent(packets: number, lost: number): number {
  const expected = packets + lost;
  return expected > 0 ? (lost / expected) * 100 : 0;
}

/**
 * One participant's upstream and downstream traffic over a telemetry window
 * (LiveKit's StatsWorker model). Stats sweeps feed cumulative counters; the
 * window sums their deltas over all streams of a direction, and `close` turns
 * them into one sample per direction. The last reading of each stream is kept
 * across windows, so a delta that spans a window boundary lands in the window
 * where it was observed and nothing is counted twice or lost.
 */
export class TelemetryWindow {
  readonly #lastByKey = new Map<string, StreamCounters>();
  #totals = new Map<TelemetryDirection, DirectionTotals>();
  #startMs: number | undefined;

  /** Without `startMs` the first window starts at the first sample: before it there was nothing to measure. */
  constructor(startMs?: number) {
    this.#startMs = startMs;
  }

  addSample(direction: TelemetryDirection, stream: StreamCounters, atMs: number): void {
    this.#startMs ??= atMs;
    const totals = this.#direction(direction);
    const delta = streamDelta(this.#lastByKey.get(stream.key), stream);
    for (const field of COUNT_FIELDS) totals.counts[field] += delta[field];
    if (stream.jitterMs !== undefined) totals.jitterByKey.set(stream.key, stream.jitterMs);
    if (stream.roundTripTimeMs != null) totals.maxDelayMs = Math.max(totals.maxDelayMs, stream.roundTripTimeMs);
    this.#lastByKey.set(stream.key, { ...stream });
  }

  #direction(direction: TelemetryDirection): DirectionTotals {
    let totals = this.#totals.get(direction);
    if (!totals) {
      totals = { counts: zeroCounts(), jitterByKey: new Map(), maxDelayMs: 0 };
      this.#totals.set(direction, totals);
    }
    return totals;
  }

  /**
   * Ends the window at `atMs`: one sample per direction that had a stream in
   * it, even if nothing moved (a silent direction is data, e.g. a frozen
   * camera), upstream first. The next window starts at `atMs`.
   */
  close(atMs: number, meta: WindowMeta): TelemetrySample[] {
    const windowMs = Math.max(0, atMs - (this.#startMs ?? atMs));
    const samples = (['upstream', 'downstream'] as const).flatMap((direction) => {
      const totals = this.#totals.get(direction);
      return totals ? [toSample(direction, totals, windowMs, atMs, meta)] : [];
    });
    this.#totals = new Map();
    this.#startMs = atMs;
    return samples;
  }

  /**
   * A stream closed: drop its last reading, so a new stream that reuses the
   * key starts from first sight. What it added to this window stays counted.
   */
  forget(key: string): void {
    this.#lastByKey.delete(key);
  }
}

function toSample(
  direction: TelemetryDirection,
  totals: DirectionTotals,
  windowMs: number,
  atMs: number,
  meta: WindowMeta,
): TelemetrySample {
  const { counts } = totals;
  return {
    at: new Date(atMs).toISOString(),
    // Field by field: a caller's wider object must not leak into stored rows.
    nodeId: meta.nodeId,
    roomId: meta.roomId,
    peerId: meta.peerId,
    direction,
    windowMs,
    ...counts,
    // The database stores bits/s as an integer.
    bitrate: Math.round(bitrateBps(counts.bytes, windowMs)),
    lossPercent: lossPercent(counts.packets, counts.packetsLost),
    // The worst stream: an average would hide the one that stutters.
    jitterMs: Math.max(0, ...totals.jitterByKey.values()),
    maxDelayMs: totals.maxDelayMs,
  };
}
