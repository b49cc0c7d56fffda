import type { types } from 'mediasoup-client';
import { QualityScorer } from '@/lib/quality/connectionQuality';
import { convertInbound, receiveQualityInput, type InboundCounters } from '@/lib/quality/receiveStats';
import { entriesOfMid, limitationText, sendCodec, sendQualityInput } from '@/lib/quality/sendQuality';
import { tileQualityOf, type TileQuality } from '@/lib/quality/tileQuality';
import { CAMERA_ENCODINGS } from '@/lib/simulcast';
import { convertSendStats, type SendStatsState, type StatsReportLike } from '@/lib/studio/sendStats';
import type { ReceivedStream } from '../RemoteMedia';

/** What the server said about one consumer (consumer-layers-changed, consumer-score). */
export interface ServerView {
  /** The spatial layer it sends; null = none. */
  layer: number | null;
  /** When that layer began (performance.now()). */
  layerSince: number;
  /** min(score, producerScore), 0..10. */
  score: number | null;
}

/** The stream a tile's quality is measured on. */
export type MeasuredSource = 'camera' | 'mic';

/**
 * One remote peer's received quality: the inbound counters between reports
 * and the smoothed score. A different consumer (camera turned on, a new
 * producer) starts afresh, since its history says nothing about the new one.
 */
export class ReceiveTracker {
  #consumerId: string | null = null;
  #counters: InboundCounters | null = null;
  #sampledAt: number | null = null;
  #last: TileQuality | null = null;
  readonly #scorer = new QualityScorer();

  update(report: StatsReportLike, stream: ReceivedStream, server: ServerView | undefined, nowMs: number): TileQuality | null {
    const { consumer } = stream;
    if (consumer.id !== this.#consumerId) this.#reset(consumer.id);
    const { sample, counters } = convertInbound(report, { trackId: consumer.track.id, mid: consumer.localId }, this.#counters);
    const previousAt = this.#sampledAt;
    this.#counters = counters;
    this.#sampledAt = nowMs;
    // No interval yet (first report, or the counters restarted): nothing new to judge.
    if (sample.packetsReceived === null && !stream.paused) return this.#last;
    const source: MeasuredSource = stream.source === 'camera' ? 'camera' : 'mic';
    const input = receiveQualityInput(sample, {
      paused: stream.paused,
      layer: server?.layer ?? null,
      layerSettled: server !== undefined && previousAt !== null && server.layerSince <= previousAt,
      requestedLayer: stream.requestedLayer,
      serverScore: server?.score ?? null,
      encodings: source === 'camera' ? CAMERA_ENCODINGS : null,
    });
    const result = this.#scorer.update(input, nowMs);
    this.#last = tileQualityOf(result, input, { direction: 'receive', source, codec: sample.codec, frame: sample.frame, fps: sample.fps });
    return this.#last;
  }

  #reset(consumerId: string): void {
    this.#consumerId = consumerId;
    this.#counters = null;
    this.#sampledAt = null;
    this.#last = null;
    this.#scorer.reset();
  }
}

/** My own send quality, on the studio's send-stats conversion narrowed to one producer. */
export class SendTracker {
  #mid: string | null = null;
  #state: SendStatsState | null = null;
  #last: TileQuality | null = null;
  readonly #scorer = new QualityScorer();

  update(report: StatsReportLike, producer: types.Producer, source: MeasuredSource, nowMs: number): TileQuality | null {
    if (producer.localId !== this.#mid) this.reset(producer.localId);
    const entries = entriesOfMid(report, producer.localId);
    const first = this.#state === null;
    const { stats, state } = convertSendStats(entries, this.#state);
    this.#state = state;
    // Rates are deltas: the first report is only the baseline.
    if (first) return this.#last;
    const input = sendQualityInput(stats, { paused: producer.paused, encodings: source === 'camera' ? CAMERA_ENCODINGS : null });
    const result = this.#scorer.update(input, nowMs);
    const frame = stats.resolution.width > 0 ? stats.resolution : null;
    this.#last = tileQualityOf(result, input, {
      direction: 'send',
      source,
      codec: sendCodec(entries),
      frame,
      fps: frame ? stats.fps : null,
      extraReason: limitationText(stats.qualityLimitationReason),
    });
    return this.#last;
  }

  reset(mid: string | null = null): void {
    this.#mid = mid;
    this.#state = null;
    this.#last = null;
    this.#scorer.reset();
  }
}
