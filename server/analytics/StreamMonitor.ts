import { randomUUID } from 'node:crypto';
import { TypedEmitter } from '@/lib/TypedEmitter';
import { evaluateAlerts, type AlertState } from '@/lib/studio/alerts';
import { qualityBand } from '@/lib/studio/quality';
import type { QualityBand, StreamAlert, StreamStats, StreamStatsCurrent, StreamStatsUpdate } from '@/lib/studio/types';

/** An accepted update with what the server made of it. */
export interface AcceptedStats {
  update: StreamStatsUpdate;
  receivedAt: number;
  band: QualityBand;
  reasons: string[];
  alerts: StreamAlert[];
}

interface StreamState {
  last: { stats: StreamStats; at: number; band: QualityBand } | null;
  alerts: AlertState | null;
}

interface StreamMonitorEvents {
  accepted: [data: AcceptedStats];
}

/**
 * The server's side of the studio's stats (SPEC 4): the band and alerts of
 * every accepted update, computed with the same rules the studio shows, and
 * the last stats per stream for `stream:stats:get`. Validation and who may
 * post are checked before anything reaches it.
 */
export class StreamMonitor extends TypedEmitter<StreamMonitorEvents> {
  readonly #streams = new Map<string, StreamState>();

  accept(update: StreamStatsUpdate, receivedAt: number): AcceptedStats {
    const state = this.#streams.get(update.streamId) ?? { last: null, alerts: null };
    this.#streams.set(update.streamId, state);
    const { band, reasons } = qualityBand(update.stats);
    const evaluated = evaluateAlerts(state.alerts, {
      streamId: update.streamId,
      stats: update.stats,
      at: receivedAt,
      makeId: () => randomUUID(),
    });
    state.alerts = evaluated.state;
    state.last = { stats: update.stats, at: receivedAt, band };
    const accepted: AcceptedStats = { update, receivedAt, band, reasons, alerts: evaluated.raised };
    this.emit('accepted', accepted);
    return accepted;
  }

  current(streamId: string, live: boolean, viewerCount: number): StreamStatsCurrent {
    const last = live ? this.#streams.get(streamId)?.last : null;
    return {
      streamId,
      live,
      stats: last ? { ...last.stats, lastUpdated: last.at } : null,
      band: last?.band ?? null,
      viewerCount,
    };
  }

  /** A new run of the stream starts its alerts and averages afresh. */
  reset(streamId: string): void {
    this.#streams.delete(streamId);
  }
}
