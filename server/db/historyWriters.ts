import type { AnalyticsEvent, TelemetrySample } from '@/lib/analytics/types';
import type { Collector } from '@/server/analytics/Collector';
import type { AcceptedStats } from '@/server/analytics/StreamMonitor';
import type { StreamStorage } from '@/server/signaling/streamHub';
import type { StreamSampleInput } from './streamRepository';
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

/** One accepted studio update as a stored sample row. */
export function toStreamSample(streamId: string, sessionId: string, accepted: AcceptedStats): StreamSampleInput {
  const { stats } = accepted.update;
  return {
    streamId,
    sessionId,
    at: new Date(accepted.receivedAt),
    sample: {
      bitrate: stats.bitrate,
      fps: stats.fps,
      width: stats.resolution.width,
      height: stats.resolution.height,
      packetLoss: stats.packetLoss,
      latency: stats.latency,
      jitter: stats.jitter,
      audioLevel: stats.audioLevel,
      uploadKbps: stats.bandwidth.upload,
      qualityLimitationReason: stats.qualityLimitationReason,
      band: accepted.band,
      layers: stats.layers,
    },
  };
}

/** Stream sessions written at once, samples in batches (SPEC 4: "stored for history"). */
export function startStreamStorage(db: Database, nodeId: string): StreamStorage & { close(): Promise<void> } {
  const samples = new BatchWriter<StreamSampleInput>({
    write: (items) => db.streams.insertSamples(items),
    onError: (error, lost) => log.error('db', 'could not store stream samples', { lost, error: String(error) }),
  });
  return {
    startSession: ({ streamId, peerId, ownerKeyHash }) => db.streams.startSession({ streamId, peerId, ownerKeyHash, nodeId }),
    endSession: (id, reason) => db.streams.endSession(id, reason),
    pushSample: ({ streamId, sessionId, accepted }) => samples.push(toStreamSample(streamId, sessionId, accepted)),
    close: () => samples.close(),
  };
}
