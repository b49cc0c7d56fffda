import type { StreamAlert, StreamStatsBroadcast } from '@/lib/studio/types';
import type { LiveStream, LiveStreams } from '@/stores/analyticsStore';

/*
 * The live streams the analytics page shows, kept from the server's pushes
 * (`stream:stats:update`, `stream:alert`, `stream:viewers`). Pure: each
 * function returns the map it was given when nothing changed, so the store
 * only notifies when there is something new to draw.
 */

/** A streamer sends stats every ~2 s: 30 s of silence means the stream ended. */
export const STREAM_EXPIRY_MS = 30_000;
/** The bitrate sparkline's window. */
export const STREAM_HISTORY_SECONDS = 5 * 60;
/** Alerts kept per stream, newest first. */
export const STREAM_ALERTS = 5;

export const emptyStreamHistory: LiveStream['history'] = { t: [], bitrate: [] };

/**
 * The history with one more point (unix seconds, kbps), without the points
 * older than `windowSeconds` before it. A point at or before the last time
 * replaces it, so x never goes backwards (uPlot needs it ascending).
 */
export function appendStreamPoint(
  history: LiveStream['history'],
  t: number,
  bitrate: number,
  windowSeconds = STREAM_HISTORY_SECONDS,
): LiveStream['history'] {
  const last = history.t.length - 1;
  const replace = last >= 0 && t <= history.t[last]!;
  const keep = replace ? last : history.t.length;
  const at = replace ? history.t[last]! : t;
  let start = 0;
  while (start < keep && history.t[start]! < at - windowSeconds) start++;
  return {
    t: [...history.t.slice(start, keep), at],
    bitrate: [...history.bitrate.slice(start, keep), bitrate],
  };
}

/** A stats push: the stream's newest sample, shown from `now` (this browser's clock, ms). */
export function withStreamStats(streams: LiveStreams, update: StreamStatsBroadcast, now: number): LiveStreams {
  const before = streams[update.streamId];
  const stream: LiveStream = {
    latest: update,
    shownAt: now,
    alerts: before?.alerts ?? [],
    viewerCount: update.viewerCount,
    // Server time: one clock for every streamer, whatever their browser's says.
    history: appendStreamPoint(before?.history ?? emptyStreamHistory, update.receivedAt / 1000, update.stats.bitrate),
  };
  return { ...streams, [update.streamId]: stream };
}

/** An alert of a stream on the list; one of a stream not (yet) on it is dropped. */
export function withStreamAlert(streams: LiveStreams, alert: StreamAlert): LiveStreams {
  const stream = streams[alert.streamId];
  if (!stream || stream.alerts.some((a) => a.id === alert.id)) return streams;
  const alerts = [alert, ...stream.alerts].sort((a, b) => b.at - a.at).slice(0, STREAM_ALERTS);
  return { ...streams, [alert.streamId]: { ...stream, alerts } };
}

export function withStreamViewers(streams: LiveStreams, streamId: string, viewerCount: number): LiveStreams {
  const stream = streams[streamId];
  if (!stream || stream.viewerCount === viewerCount) return streams;
  return { ...streams, [streamId]: { ...stream, viewerCount } };
}

/** Without the streams not updated for `expiryMs` before `now` (they ended). */
export function withoutEndedStreams(streams: LiveStreams, now: number, expiryMs = STREAM_EXPIRY_MS): LiveStreams {
  const ended = Object.entries(streams)
    .filter(([, s]) => now - (s.shownAt ?? s.latest.receivedAt) > expiryMs)
    .map(([id]) => id);
  if (ended.length === 0) return streams;
  const next = { ...streams };
  for (const id of ended) delete next[id];
  return next;
}
