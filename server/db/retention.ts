import type { Database } from './index';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The oldest time still kept when history is kept for `days` (fractions allowed). */
export function retentionCutoff(now: Date, days: number): Date {
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`Retention must be a positive number of days, got ${days}`);
  }
  return new Date(now.getTime() - days * DAY_MS);
}

export interface PruneResult {
  telemetry: number;
  events: number;
  sessions: number;
  /** Studio stats samples taken before the cutoff. */
  streamSamples: number;
  /** Studio stream runs that ended before the cutoff. */
  streamSessions: number;
}

/**
 * Deletes history older than the retention period: telemetry samples,
 * events and studio stream samples before the cutoff, closed sessions that
 * ended before it and their emptied rooms, and ended stream runs likewise.
 * A row exactly at the cutoff is kept. Returns the counts.
 */
export async function pruneHistory(
  db: Pick<Database, 'telemetry' | 'events' | 'sessions' | 'streams'>,
  options: { now: Date; retentionDays: number },
): Promise<PruneResult> {
  const cutoff = retentionCutoff(options.now, options.retentionDays);
  // One after the other: SQLite has a single writer, so parallel deletes would only queue.
  const telemetry = await db.telemetry.pruneBefore(cutoff);
  const events = await db.events.pruneBefore(cutoff);
  const sessions = await db.sessions.pruneBefore(cutoff);
  const streams = await db.streams.pruneBefore(cutoff);
  return { telemetry, events, sessions, streamSamples: streams.samples, streamSessions: streams.sessions };
}
