import { histogram, percentile } from './percentile';
import { FUNNEL_STAGES, type FunnelStage, type FunnelView, type SessionRecord } from './types';

export interface FunnelOptions {
  now: Date;
  since: Date;
  /** A session with no media after this long (or that has left) failed. */
  stallMs?: number;
  boundsMs?: number[];
}

const DEFAULT_BOUNDS_MS = [250, 500, 1000, 2000, 5000, 10_000];

/** Milliseconds from join to a stage; 0 for 'joined' itself. */
function msTo(session: SessionRecord, stage: FunnelStage): number | null {
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

/** The furthest stage a session reached, in funnel order. */
export function lastStageOf(session: SessionRecord): FunnelStage {
  let last: FunnelStage = 'joined';
  for (const stage of FUNNEL_STAGES) if (msTo(session, stage) !== null) last = stage;
  return last;
}

function failed(session: SessionRecord, now: number, stallMs: number): boolean {
  if (session.firstMediaReceivedMs !== null) return false;
  return session.leftAt !== null || now - Date.parse(session.joinedAt) > stallMs;
}

/**
 * The join funnel of peermetrics and callstats.io: how many sessions reached
 * each stage, how long it took, and where the ones that never got media
 * stopped. A session still joining (younger than stallMs, not left) is
 * neither failed nor done: it only counts in the stages it reached.
 */
export function buildFunnel(sessions: readonly SessionRecord[], options: FunnelOptions): FunnelView {
  const stallMs = options.stallMs ?? 30_000;
  const bounds = options.boundsMs ?? DEFAULT_BOUNDS_MS;
  const now = options.now.getTime();
  const stages = FUNNEL_STAGES.map((stage) => {
    const times = sessions.map((s) => msTo(s, stage)).filter((ms): ms is number => ms !== null);
    const timed = stage !== 'joined';
    return {
      stage,
      count: times.length,
      p50Ms: timed ? percentile(times, 50) : null,
      p95Ms: timed ? percentile(times, 95) : null,
      histogram: timed ? histogram(times, bounds) : [],
    };
  });
  const failedByLastStage = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>;
  let failedCount = 0;
  for (const s of sessions) {
    if (!failed(s, now, stallMs)) continue;
    failedCount++;
    failedByLastStage[lastStageOf(s)]++;
  }
  return {
    since: options.since.toISOString(),
    sessions: sessions.length,
    stages,
    failed: failedCount,
    failedByLastStage,
    relayed: sessions.filter((s) => s.relayed).length,
  };
}
