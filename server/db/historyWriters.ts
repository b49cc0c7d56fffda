import type { AnalyticsEvent, TelemetrySample } from '@/lib/analytics/types';
import type { Collector } from '@/server/analytics/Collector';
import { log } from '@/server/log';
import { BatchWriter } from './BatchWriter';
import type { Database } from './index';
import { pruneHistory } from './retention';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const MILESTONE_RETRY_MS = 1500;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Stores what the collector produces — telemetry, events, join milestones —
 * in batches off the signaling path, and enforces retention hourly.
 */
export function startHistoryWriters(db: Database, collector: Collector, options: { retentionDays: number }) {
  const onError = (what: string) => (error: unknown, lost: number) =>
    log.error('db', `could not store ${what}`, { lost, error: String(error) });
  const telemetry = new BatchWriter<TelemetrySample>({ write: (items) => db.telemetry.insertMany(items), onError: onError('telemetry') });
  const events = new BatchWriter<AnalyticsEvent>({ write: (items) => db.events.insertMany(items), onError: onError('events') });
  collector.on('telemetry', (samples) => {
    for (const sample of samples) telemetry.push(sample);
  });
  collector.on('event', (event) => events.push(event));
  collector.on('milestone', ({ peerId, patch }) => {
    const toDate = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    const milestones = {
      transportsConnectedAt: toDate(patch.transportsConnectedAt),
      firstMediaSentAt: toDate(patch.firstMediaSentAt),
      firstMediaReceivedAt: toDate(patch.firstMediaReceivedAt),
      relayed: patch.relayed,
    };
    const record = () => db.sessions.recordMilestonesForPeer(peerId, milestones);
    // The join row is written asynchronously; a fast milestone may arrive first.
    record()
      .then((stored) => (stored ? true : delay(MILESTONE_RETRY_MS).then(record)))
      .then((stored) => {
        if (!stored) log.warn('db', 'join milestone for a session that was never recorded', { peer: peerId });
      })
      .catch((error: unknown) => log.error('db', 'could not record a join milestone', { peer: peerId, error: String(error) }));
  });

  const prune = () =>
    pruneHistory(db, { now: new Date(), retentionDays: options.retentionDays }).then(
      (removed) => log.info('db', 'history pruned', { ...removed, retentionDays: options.retentionDays }),
      (error: unknown) => log.error('db', 'could not prune history', { error: String(error) }),
    );
  void prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();

  return {
    async close(): Promise<void> {
      clearInterval(timer);
      await Promise.all([telemetry.close(), events.close()]);
    },
  };
}
