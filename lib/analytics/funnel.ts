import { FUNNEL_STAGES, type FunnelStage, type FunnelStageView, type FunnelView, type SessionRecord } from './types';
import { histogram, percentile } from './percentile';

export interface FunnelOptions {
  now: Date;
  /** Sessions that joined before this are left out (the caller may pass more). */
  since: Date;
  /** A join with no media after this long has failed even if it is still open (default 30 s). */
  stallMs?: number;
  /** Histogram bounds in ms; a last open bucket is added. */
  boundsMs?: number[];
}

const DEFAULT_BOUNDS_MS = [250, 500, 1000, 2000, 5000, 10000];

/** Ms from join to a stage, or null when not reached. Joining is the origin, so it is 0. */
function msToStage(session: SessionRecord, stage: FunnelStage): number | null {
  switch (stage) {
    case 'joined':
      return 0;
    case 'transports-connected':
      return session.transportsConnectedMs;
    case 'media-sent':
      return session.firstMediaSentMs;
    case 'media-received':
      return session.firstMediaReceivedMs;
  }
}

/** The furthest stage reached; a listener may receive media without ever sending any. */
export function lastStageOf(session: SessionRecord): FunnelStage {
  return FUNNEL_STAGES.findLast((stage) => msToStage(session, stage) !== null) ?? 'joined';
}

/** Never got media, and either gave up (left) or has waited past the stall limit. */
function hasFailed(session: SessionRecord, nowMs: number, stallMs: number): boolean {
  if (session.firstMediaReceivedMs !== null) return false;
  return session.leftAt !== null || nowMs - Date.parse(session.joinedAt) > stallMs;
}

/**
 * 'joined' has count only: everyone is there at 0 ms, so its percentiles are
 * null and its histogram empty rather than one bar of zeros dwarfing the rest.
 */
function stageView(sessions: readonly SessionRecord[], stage: FunnelStage, boundsMs: number[]): FunnelStageView {
  if (stage === 'joined') return { stage, count: sessions.length, p50Ms: null, p95Ms: null, histogram: [] };
  const times = sessions.map((s) => msToStage(s, stage)).filter((ms): ms is number => ms !== null);
  return {
    stage,
    count: times.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    histogram: histogram(times, boundsMs),
  };
}

/**
 * The join funnel (peermetrics / callstats.io): how many sessions reached
 * each stage and how long it took, which joins failed and where they stopped,
 * and how many went through a TURN relay.
 */
export function buildFunnel(sessions: readonly SessionRecord[], options: FunnelOptions): FunnelView {
  const { now, since, stallMs = 30_000, boundsMs = DEFAULT_BOUNDS_MS } = options;
  const inRange = sessions.filter((s) => Date.parse(s.joinedAt) >= since.getTime());
  const failed = inRange.filter((s) => hasFailed(s, now.getTime(), stallMs));
  const failedByLastStage = Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, 0])) as Record<FunnelStage, number>;
  for (const session of failed) failedByLastStage[lastStageOf(session)]++;
  return {
    since: since.toISOString(),
    sessions: inRange.length,
    stages: FUNNEL_STAGES.map((stage) => stageView(inRange, stage, boundsMs)),
    failed: failed.length,
    failedByLastStage,
    relayed: inRange.filter((s) => s.relayed).length,
  };
}
