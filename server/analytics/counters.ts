/*
 * Arithmetic on mediasoup's cumulative RTP counters. getStats() reports totals
 * since a stream began; analytics wants what happened between two sweeps.
 */

/**
 * How much a cumulative counter grew since the previous sweep.
 *
 * - First sight (`previous` undefined) counts 0: the total so far was earned
 *   before this window (a stream that existed before the collector saw it, or
 *   a sweep that missed it), and pouring it all into one window would show a
 *   spike that never happened. The stream counts from its second sweep on.
 * - A counter that went backwards means the stream restarted from 0 (producer
 *   re-created, worker restarted), so everything it counts now is new: `current`.
 */
export function counterDelta(previous: number | undefined, current: number): number {
  if (previous === undefined) return 0;
  return current < previous ? current : current - previous;
}

/** Events per second; 0 when no time passed, rather than Infinity or NaN in a chart. */
export function ratePerSecond(delta: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (delta / elapsedMs) * 1000 : 0;
}

/** Bits per second from a byte count, the unit every bitrate in the contract uses. */
export function bitrateBps(bytesDelta: number, elapsedMs: number): number {
  return ratePerSecond(bytesDelta * 8, elapsedMs);
}
