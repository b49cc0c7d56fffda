import { randomUUID } from 'node:crypto';
import type { AnalyticsEvent, EventSeverity, EventType } from '@/lib/analytics/types';
import type { ConsumerCloseCause, TransportStateChange } from '@/server/sfu/Peer';
import type { RoomSnapshot, RtpStreamStats } from '@/server/sfu/snapshots';
import { BitrateCollapseRule, HighLossRule, LowScoreRule } from './dropRules';

export interface DropSettings {
  /** A score below this for `lowScoreHoldMs` is an incident (mediasoup 0-10). */
  lowScoreThreshold: number;
  lowScoreHoldMs: number;
  /** Loss above this percentage (RTCP fraction lost) is an incident. */
  lossThresholdPercent: number;
  /** Bitrate below this share of its recent average is a collapse. */
  bitrateCollapseRatio: number;
  /** mediasoup's ICE has no 'failed': disconnected this long counts as failed. */
  iceFailedAfterMs: number;
}

export const DEFAULT_DROP_SETTINGS: DropSettings = {
  lowScoreThreshold: 5,
  lowScoreHoldMs: 5000,
  lossThresholdPercent: 5,
  bitrateCollapseRatio: 0.5,
  iceFailedAfterMs: 10_000,
};

/** Who an event is about. */
export interface Subject {
  roomId: string | null;
  peerId: string | null;
  peerName: string | null;
}

/** Reasons a peer ends that are not a drop. */
const ORDERLY_ENDS = ['left', 'server-shutdown', 'replaced'];

const lossPercent = (fractionLost: number) => Math.round((fractionLost / 256) * 1000) / 10;

/**
 * Turns the SFU's events and the collector's samples into the drop/incident
 * log of SPEC 5. Each rule fires once when its condition starts and re-arms
 * when it clears (dropRules), so a bad minute is one event, not sixty.
 */
export class DropDetector {
  readonly #nodeId: string;
  readonly #settings: DropSettings;
  readonly #emit: (event: AnalyticsEvent) => void;
  readonly #lowScore: LowScoreRule;
  readonly #loss: HighLossRule;
  readonly #collapse: BitrateCollapseRule;
  /** Rule keys in use, so keys of closed objects can be forgotten. */
  readonly #keys = new Set<string>();
  readonly #iceTimers = new Map<string, NodeJS.Timeout>();
  readonly totals = { iceErrors: 0, dtlsErrors: 0, workerCrashes: 0 };

  constructor(nodeId: string, settings: DropSettings, emit: (event: AnalyticsEvent) => void) {
    this.#nodeId = nodeId;
    this.#settings = settings;
    this.#emit = emit;
    this.#lowScore = new LowScoreRule({ threshold: settings.lowScoreThreshold, holdMs: settings.lowScoreHoldMs });
    this.#loss = new HighLossRule({ thresholdPercent: settings.lossThresholdPercent });
    this.#collapse = new BitrateCollapseRule({ ratio: settings.bitrateCollapseRatio });
  }

  #report(
    type: EventType,
    severity: EventSeverity,
    subject: Subject,
    objectId: string | null,
    cause: string,
    data: AnalyticsEvent['data'],
  ): void {
    this.#emit({
      id: randomUUID(),
      at: new Date().toISOString(),
      nodeId: this.#nodeId,
      type,
      severity,
      ...subject,
      objectId,
      cause,
      data,
    });
  }

  transportState(subject: Subject, change: TransportStateChange): void {
    const { transportId, direction } = change;
    if (change.dtlsState === 'failed') {
      this.totals.dtlsErrors++;
      this.#report('dtls-failed', 'error', subject, transportId, `DTLS failed on the ${direction} transport`, { direction });
    }
    if (change.iceState === 'disconnected' && !this.#iceTimers.has(transportId)) {
      this.totals.iceErrors++;
      this.#report('ice-disconnected', 'warning', subject, transportId, `ICE disconnected on the ${direction} transport`, { direction });
      const timer = setTimeout(() => {
        this.#iceTimers.delete(transportId);
        this.#report('ice-failed', 'error', subject, transportId, `ICE stayed disconnected on the ${direction} transport`, {
          direction,
          disconnectedSeconds: this.#settings.iceFailedAfterMs / 1000,
        });
      }, this.#settings.iceFailedAfterMs);
      timer.unref();
      this.#iceTimers.set(transportId, timer);
    } else if (change.iceState !== 'disconnected') {
      this.#clearIceTimer(transportId);
    }
  }

  #clearIceTimer(transportId: string): void {
    clearTimeout(this.#iceTimers.get(transportId));
    this.#iceTimers.delete(transportId);
  }

  transportClosed(subject: Subject, transportId: string, direction: string): void {
    this.#clearIceTimer(transportId);
    this.#report('transport-closed', 'error', subject, transportId, `The ${direction} transport closed while the participant stayed`, {
      direction,
    });
  }

  consumerClosed(subject: Subject, consumerId: string, producerId: string, cause: ConsumerCloseCause): void {
    this.#forgetObject(consumerId);
    // A producer that ended (camera off, screen share stopped) is not a drop.
    if (cause === 'producer-closed') return;
    this.#report('consumer-closed', 'warning', subject, consumerId, `A consumer closed (${cause}) while the participant stayed`, {
      producerId,
      cause,
    });
  }

  producerClosed(producerId: string): void {
    this.#forgetObject(producerId);
  }

  peerRemoved(subject: Subject, reason: string, details: { connectedSeconds: number; transportIds: string[] }): void {
    for (const id of details.transportIds) this.#clearIceTimer(id);
    if (ORDERLY_ENDS.some((r) => reason === r || reason.startsWith(`${r}:`))) return;
    // A closed tab also ends as 'transport close'; a stalled network is 'ping timeout'.
    const severity: EventSeverity = /ping timeout|transport error/.test(reason)
      ? 'warning'
      : reason.startsWith('disconnected')
        ? 'info'
        : 'error';
    this.#report('peer-dropped', severity, subject, null, `The participant dropped (${reason})`, {
      reason,
      connectedSeconds: details.connectedSeconds,
    });
  }

  joinFailed(subject: Subject, lastStage: string, waitedSeconds: number): void {
    this.#report('join-failed', 'warning', subject, null, `Joined but never received media (last stage: ${lastStage})`, {
      lastStage,
      waitedSeconds,
    });
  }

  workerDied(info: { index: number; pid: number; error: string }): void {
    this.totals.workerCrashes++;
    this.#report('worker-died', 'error', { roomId: null, peerId: null, peerName: null }, null, `mediasoup worker ${info.index} died: ${info.error}`, {
      worker: info.index,
      pid: info.pid,
    });
  }

  /** Loss per stream and bitrate collapse of a producer, from one stats sample. */
  producerSample(subject: Subject, producerId: string, kind: string, paused: boolean, streams: RtpStreamStats[], nowMs: number): void {
    if (paused) return this.#forgetObject(producerId);
    for (const s of streams) this.#checkLoss(subject, `${producerId}:${s.ssrc}`, producerId, s, nowMs, 'from the sender');
    if (kind !== 'video') return;
    const key = `${producerId}:bitrate`;
    this.#keys.add(key);
    const bitrate = streams.reduce((sum, s) => sum + s.bitrate, 0);
    const trigger = this.#collapse.update(key, bitrate, nowMs);
    if (trigger) {
      this.#report('bitrate-collapse', 'warning', subject, producerId, 'Video bitrate fell below half of its recent average', {
        currentKbps: Math.round(trigger.value / 1000),
        averageKbps: Math.round(trigger.average / 1000),
        ratio: Math.round((trigger.value / Math.max(1, trigger.average)) * 100) / 100,
        threshold: this.#settings.bitrateCollapseRatio,
      });
    }
  }

  consumerSample(subject: Subject, consumerId: string, paused: boolean, stream: RtpStreamStats, nowMs: number): void {
    if (paused) return this.#forgetObject(consumerId);
    this.#checkLoss(subject, `${consumerId}:loss`, consumerId, stream, nowMs, 'towards the receiver');
  }

  #checkLoss(subject: Subject, key: string, objectId: string, s: RtpStreamStats, nowMs: number, where: string): void {
    this.#keys.add(key);
    const loss = lossPercent(s.fractionLost);
    const trigger = this.#loss.update(key, loss, nowMs);
    if (!trigger) return;
    this.#report('high-loss', 'warning', subject, objectId, `Packet loss ${loss} % ${where}`, {
      lossPercent: loss,
      thresholdPercent: this.#settings.lossThresholdPercent,
      ssrc: s.ssrc,
      packetsLost: s.packetsLost,
    });
  }

  /** Low scores from the live snapshots (scores change by event; the hold needs a clock). */
  scores(rooms: readonly RoomSnapshot[], nowMs: number): void {
    const live = new Set<string>();
    for (const room of rooms) {
      for (const peer of room.peers) {
        const subject = { roomId: room.id, peerId: peer.id, peerName: peer.displayName };
        for (const p of peer.producers) {
          if (p.paused) continue;
          for (const s of p.score) this.#checkScore(live, subject, `${p.id}:${s.ssrc}:score`, p.id, s.score, nowMs, 'producer', { rid: s.rid ?? null, ssrc: s.ssrc });
        }
        for (const c of peer.consumers) {
          if (c.paused || c.producerPaused) continue;
          this.#checkScore(live, subject, `${c.id}:score`, c.id, c.score, nowMs, 'consumer', { producerScore: c.producerScore });
        }
      }
    }
    for (const key of this.#keys) {
      if (key.endsWith(':score') && !live.has(key)) this.#forgetKey(key);
    }
  }

  #checkScore(
    live: Set<string>,
    subject: Subject,
    key: string,
    objectId: string,
    score: number,
    nowMs: number,
    role: 'producer' | 'consumer',
    extra: AnalyticsEvent['data'],
  ): void {
    live.add(key);
    this.#keys.add(key);
    const trigger = this.#lowScore.update(key, score, nowMs);
    if (!trigger) return;
    const whose = role === 'producer' ? 'What the SFU receives from this participant' : 'What this participant receives';
    this.#report('low-score', 'warning', subject, objectId, `${whose} scored ${score}/10 for ${Math.round(trigger.heldMs / 1000)} s`, {
      role,
      score,
      threshold: this.#settings.lowScoreThreshold,
      seconds: Math.round(trigger.heldMs / 1000),
      ...extra,
    });
  }

  #forgetObject(objectId: string): void {
    for (const key of this.#keys) if (key.startsWith(`${objectId}:`)) this.#forgetKey(key);
  }

  #forgetKey(key: string): void {
    this.#keys.delete(key);
    this.#lowScore.forget(key);
    this.#loss.forget(key);
    this.#collapse.forget(key);
  }

  close(): void {
    for (const timer of this.#iceTimers.values()) clearTimeout(timer);
    this.#iceTimers.clear();
  }
}
