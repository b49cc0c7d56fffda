import { createHash } from 'node:crypto';
import type {
  QualityBand,
  QualityLimitationReason,
  StreamLayerStats,
  StreamSampleRecord,
} from '@/lib/studio/types';
import type { PrismaClient, StreamSample as StreamSampleRow, StreamSession } from '../../generated/prisma/client';
import { clampLimit } from './limits';
import { DEFAULT_NODE_ID } from './sessionRepository';

export type { StreamSession };

/** Why a stream run ended. Free text in the database; these are the usual ones. */
export type StreamEndReason =
  | 'ended'
  | 'disconnected'
  | 'server-shutdown'
  | 'server-restart'
  | (string & {});

export interface StreamSessionStart {
  streamId: string;
  /** The SFU's peer id of the streamer. */
  peerId: string;
  /** The node hosting the stream; default "local". */
  nodeId?: string;
  /** sha256 hex (lowercase, 64 characters) of the owner key, see hashOwnerKey. */
  ownerKeyHash: string;
}

/** A sample as the stats handler hands it over: the record without `at`, which comes as a Date. */
export interface StreamSampleInput {
  streamId: string;
  sessionId: string;
  at: Date;
  sample: Omit<StreamSampleRecord, 'at'>;
}

export interface StreamSampleListOptions {
  /** Only samples taken at or after this time (the boundary included). */
  since?: Date;
  /** Default 300, at most 1000. */
  limit?: number;
}

export const STREAM_SAMPLE_LIMIT = { fallback: 300, max: 1000 } as const;

export interface StreamRepositoryOptions {
  /** Clock for startedAt/endedAt; injectable for tests. */
  now?: () => Date;
}

export interface StreamPruneResult {
  samples: number;
  sessions: number;
}

const OWNER_KEY_HASH = /^[0-9a-f]{64}$/;

/** The value stored as ownerKeyHash for an owner key: sha256, lowercase hex. */
export function hashOwnerKey(ownerKey: string): string {
  return createHash('sha256').update(ownerKey, 'utf8').digest('hex');
}

/**
 * Studio streams over Prisma: their runs (sessions, with the owner key's
 * hash) and their stats samples. Database errors propagate.
 */
export class StreamRepository {
  readonly #prisma: PrismaClient;
  readonly #now: () => Date;

  constructor(prisma: PrismaClient, options: StreamRepositoryOptions = {}) {
    this.#prisma = prisma;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Records a stream run starting now; returns its id. Throws RangeError for
   * an ownerKeyHash that is not sha256 hex (so a raw key is never stored).
   */
  async startSession(start: StreamSessionStart): Promise<string> {
    if (!OWNER_KEY_HASH.test(start.ownerKeyHash)) {
      throw new RangeError('ownerKeyHash must be the sha256 hex (64 lowercase hex characters) of the owner key');
    }
    const session = await this.#prisma.streamSession.create({
      data: {
        streamId: start.streamId,
        peerId: start.peerId,
        nodeId: start.nodeId ?? DEFAULT_NODE_ID,
        ownerKeyHash: start.ownerKeyHash,
        startedAt: this.#now(),
      },
      select: { id: true },
    });
    return session.id;
  }

  /**
   * Marks a run as ended. Only the first call counts (a disconnect after an
   * explicit end keeps the first reason); an unknown id is ignored.
   */
  async endSession(id: string, reason: StreamEndReason): Promise<void> {
    await this.#prisma.streamSession.updateMany({
      where: { id, endedAt: null },
      data: { endedAt: this.#now(), endReason: reason },
    });
  }

  /**
   * Ends every run still open, for start-up: a previous process that crashed
   * or was killed streams nothing any more. With `nodeId`, only that node's
   * runs (a database shared by nodes). Returns how many.
   */
  async closeDangling(reason: StreamEndReason = 'server-restart', options: { nodeId?: string } = {}): Promise<number> {
    const { count } = await this.#prisma.streamSession.updateMany({
      where: { endedAt: null, ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }) },
      data: { endedAt: this.#now(), endReason: reason },
    });
    return count;
  }

  /**
   * Stores a batch in one statement. Numbers are made storable rather than
   * failing the batch (Int columns rounded, NaN/Infinity stored as 0); a
   * sample without a valid time is dropped, having no place on a timeline.
   */
  async insertSamples(items: readonly StreamSampleInput[]): Promise<void> {
    const data = items.filter((item) => Number.isFinite(item.at.getTime())).map(toRowData);
    if (data.length === 0) return;
    await this.#prisma.streamSample.createMany({ data });
  }

  /**
   * A stream's samples from `since` on, oldest first. When more than `limit`
   * (default 300, at most 1000) match, the newest `limit` are returned, so
   * the answer always reaches the present.
   */
  async listSamples(streamId: string, options: StreamSampleListOptions = {}): Promise<StreamSampleRecord[]> {
    const rows = await this.#prisma.streamSample.findMany({
      where: { streamId, ...(options.since ? { at: { gte: options.since } } : {}) },
      // id breaks ties between samples of the same millisecond.
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: clampLimit(options.limit, STREAM_SAMPLE_LIMIT),
    });
    return rows.reverse().map(toSampleRecord);
  }

  /** Whether any run of the stream (open or ended) was started with this owner key hash. */
  async ownsStream(streamId: string, ownerKeyHash: string): Promise<boolean> {
    if (!OWNER_KEY_HASH.test(ownerKeyHash)) return false;
    const session = await this.#prisma.streamSession.findFirst({
      where: { streamId, ownerKeyHash },
      select: { id: true },
    });
    return session !== null;
  }

  /** The stream's most recently started run (open or ended), or null if it never ran. */
  async latestSession(streamId: string): Promise<StreamSession | null> {
    return this.#prisma.streamSession.findFirst({
      where: { streamId },
      // id breaks ties between runs started in the same millisecond.
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    });
  }

  /**
   * Retention: deletes samples taken before the cutoff and runs that ended
   * before it. Open runs are kept however old. Returns the counts.
   */
  async pruneBefore(cutoff: Date): Promise<StreamPruneResult> {
    const [samples, sessions] = await this.#prisma.$transaction([
      this.#prisma.streamSample.deleteMany({ where: { at: { lt: cutoff } } }),
      this.#prisma.streamSession.deleteMany({ where: { endedAt: { not: null, lt: cutoff } } }),
    ]);
    return { samples: samples.count, sessions: sessions.count };
  }
}

function toRowData(item: StreamSampleInput) {
  const { sample } = item;
  return {
    streamId: item.streamId,
    sessionId: item.sessionId,
    at: item.at,
    bitrate: toInt(sample.bitrate),
    fps: toFloat(sample.fps),
    width: toInt(sample.width),
    height: toInt(sample.height),
    packetLoss: toFloat(sample.packetLoss),
    latency: toFloat(sample.latency),
    jitter: toFloat(sample.jitter),
    audioLevel: toFloat(sample.audioLevel),
    uploadKbps: toInt(sample.uploadKbps),
    qualityLimitationReason: sample.qualityLimitationReason,
    band: sample.band,
    layers: JSON.stringify(sample.layers ?? []),
  };
}

// Prisma rejects a fractional Int and a NaN Float, and one bad number would
// lose the whole batch.
function toInt(value: number): number {
  return Number.isFinite(value) ? Math.round(value) : 0;
}

function toFloat(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function toSampleRecord(row: StreamSampleRow): StreamSampleRecord {
  return {
    at: row.at.getTime(),
    bitrate: row.bitrate,
    fps: row.fps,
    width: row.width,
    height: row.height,
    packetLoss: row.packetLoss,
    latency: row.latency,
    jitter: row.jitter,
    audioLevel: row.audioLevel,
    uploadKbps: row.uploadKbps,
    qualityLimitationReason: row.qualityLimitationReason as QualityLimitationReason,
    band: row.band as QualityBand,
    layers: parseLayers(row.layers),
  };
}

/** Only this repository writes the column, but a hand-edited row must not break the whole list. */
function parseLayers(text: string): StreamLayerStats[] {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return value as StreamLayerStats[];
  } catch {
    // fall through: not JSON
  }
  return [];
}
