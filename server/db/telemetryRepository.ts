import type { TelemetryDirection, TelemetrySample } from '@/lib/analytics/types';
import type { PrismaClient, TelemetrySample as TelemetryRow } from '../../generated/prisma/client';
import { clampLimit } from './limits';

/** A sample as the collector hands it over, tied to its session when known. */
export type TelemetryInput = TelemetrySample & { sessionId?: string | null };

export interface TelemetryListOptions {
  /** Default 60, at most 1000. */
  limit?: number;
  /** Only samples whose window ended at or after this time. */
  since?: Date;
}

export const TELEMETRY_LIMIT = { fallback: 60, max: 1000 } as const;

/** Per-participant telemetry history over Prisma. Database errors propagate. */
export class TelemetryRepository {
  readonly #prisma: PrismaClient;

  constructor(prisma: PrismaClient) {
    this.#prisma = prisma;
  }

  /** Stores a batch in one statement. */
  async insertMany(samples: readonly TelemetryInput[]): Promise<void> {
    if (samples.length === 0) return;
    await this.#prisma.telemetrySample.createMany({ data: samples.map(toRowData) });
  }

  /** One peer's samples, newest window first. */
  async listForPeer(roomId: string, peerId: string, options: TelemetryListOptions = {}): Promise<TelemetrySample[]> {
    const rows = await this.#prisma.telemetrySample.findMany({
      where: { roomId, peerId, ...(options.since ? { at: { gte: options.since } } : {}) },
      // id breaks ties between the two directions of one window.
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: clampLimit(options.limit, TELEMETRY_LIMIT),
    });
    return rows.map(toTelemetrySample);
  }

  /** Deletes samples whose window ended before the cutoff; returns how many. */
  async pruneBefore(cutoff: Date): Promise<number> {
    const { count } = await this.#prisma.telemetrySample.deleteMany({ where: { at: { lt: cutoff } } });
    return count;
  }
}

function toRowData(sample: TelemetryInput) {
  return {
    at: new Date(sample.at),
    nodeId: sample.nodeId,
    roomId: sample.roomId,
    peerId: sample.peerId,
    sessionId: sample.sessionId ?? null,
    direction: sample.direction,
    windowMs: toInt(sample.windowMs),
    packets: toInt(sample.packets),
    bytes: toInt(sample.bytes),
    bitrate: toInt(sample.bitrate),
    packetsLost: toInt(sample.packetsLost),
    lossPercent: toFloat(sample.lossPercent),
    jitterMs: toFloat(sample.jitterMs),
    maxDelayMs: toFloat(sample.maxDelayMs),
    nackCount: toInt(sample.nackCount),
    pliCount: toInt(sample.pliCount),
    firCount: toInt(sample.firCount),
  };
}

// Prisma rejects a fractional Int and a NaN Float, and one bad number would
// lose the whole batch: a computed rate like 12345.6 bit/s is rounded, and a
// 0/0 (no packets in the window) is stored as 0.
function toInt(value: number): number {
  return Number.isFinite(value) ? Math.round(value) : 0;
}

function toFloat(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function toTelemetrySample(row: TelemetryRow): TelemetrySample {
  return {
    at: row.at.toISOString(),
    nodeId: row.nodeId,
    roomId: row.roomId,
    peerId: row.peerId,
    direction: row.direction as TelemetryDirection,
    windowMs: row.windowMs,
    packets: row.packets,
    bytes: row.bytes,
    bitrate: row.bitrate,
    packetsLost: row.packetsLost,
    lossPercent: row.lossPercent,
    jitterMs: row.jitterMs,
    maxDelayMs: row.maxDelayMs,
    nackCount: row.nackCount,
    pliCount: row.pliCount,
    firCount: row.firCount,
  };
}
