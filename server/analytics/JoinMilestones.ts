import type { FunnelStage } from '@/lib/analytics/types';

/** When one session reached each stage of the join funnel (unix ms). */
export interface Milestones {
  joinedAt: number;
  transportsConnectedAt?: number;
  firstMediaSentAt?: number;
  firstMediaReceivedAt?: number;
  relayed: boolean;
}

export type MilestonePatch = Partial<Omit<Milestones, 'joinedAt'>>;

/** The furthest stage reached, for a join that never got media. */
export function lastStage(m: Milestones): FunnelStage {
  if (m.firstMediaReceivedAt !== undefined) return 'media-received';
  if (m.firstMediaSentAt !== undefined) return 'media-sent';
  if (m.transportsConnectedAt !== undefined) return 'transports-connected';
  return 'joined';
}

/**
 * Records a stage once (the first time wins) and returns what changed, or
 * null when nothing did, so only real progress reaches the database.
 */
export function reach(m: Milestones, patch: MilestonePatch): MilestonePatch | null {
  const changed: MilestonePatch = {};
  for (const key of ['transportsConnectedAt', 'firstMediaSentAt', 'firstMediaReceivedAt'] as const) {
    const value = patch[key];
    if (value !== undefined && m[key] === undefined) {
      m[key] = value;
      changed[key] = value;
    }
  }
  if (patch.relayed && !m.relayed) {
    m.relayed = true;
    changed.relayed = true;
  }
  return Object.keys(changed).length > 0 ? changed : null;
}
