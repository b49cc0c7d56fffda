import { z } from 'zod';
import { RoomIdSchema } from './validation';

/*
 * Streamer studio payloads (SPEC 4). A stream id follows the room id rules
 * (SPEC 6); its SFU room is `stream:<streamId>`, which no call room can be
 * named, so a call and a stream never share a router.
 */

export const StreamIdSchema = RoomIdSchema;

export const STREAM_ROOM_PREFIX = 'stream:';

export const streamRoomId = (streamId: string) => `${STREAM_ROOM_PREFIX}${streamId}`;

/** The stream id of a stream room, or null for a call room. */
export function streamIdOfRoom(roomId: string): string | null {
  return roomId.startsWith(STREAM_ROOM_PREFIX) ? roomId.slice(STREAM_ROOM_PREFIX.length) : null;
}

/** A room id as analytics sees it: a call room or a stream's room. */
export const AnyRoomIdSchema = z
  .string()
  .regex(/^(stream:)?[A-Za-z0-9_-]{1,64}$/, 'A room id is 1-64 letters, digits, "-" or "_" (streams: "stream:<id>")');

// Bounds are generous (8K, 1 Gbps) but finite: a report can't smuggle NaN, Infinity or huge strings.
const Count = (max: number) => z.number().finite().min(0).max(max);
const Kbps = Count(10_000_000);
const Ms = Count(600_000);
const Pixels = Count(16_384);

export const QualityLimitationReasonSchema = z.enum(['none', 'cpu', 'bandwidth', 'other']);

const StreamLayerSchema = z.object({
  rid: z.string().max(16),
  bitrate: Kbps,
  fps: Count(1000),
  width: Pixels,
  height: Pixels,
  active: z.boolean().optional(),
  qualityLimitationReason: QualityLimitationReasonSchema.optional(),
});

const FrameCountersSchema = z.object({
  captured: Count(1e12),
  encoded: Count(1e12),
  dropped: Count(1e12),
  limited: Count(1e12),
});

export const StreamStatsSchema = z.object({
  bitrate: Kbps,
  fps: Count(1000),
  resolution: z.object({ width: Pixels, height: Pixels }),
  audioLevel: z.number().finite().min(-200).max(20),
  packetLoss: Count(100),
  latency: Ms,
  jitter: Ms,
  bandwidth: z.object({ upload: Kbps, download: Kbps }),
  qualityLimitationReason: QualityLimitationReasonSchema,
  layers: z.array(StreamLayerSchema).max(4),
  encodeTimeMs: Ms.optional(),
  targetBitrate: Kbps.optional(),
  retransmitBitrate: Kbps.optional(),
  audioBitrate: Kbps.optional(),
  targetFps: Count(1000).optional(),
  frames: FrameCountersSchema.optional(),
});

export const StreamStatsUpdateSchema = z.object({
  streamId: StreamIdSchema,
  stats: StreamStatsSchema,
  timestamp: z.number().finite().positive(),
});

export const StreamStatsGetSchema = z.object({ streamId: StreamIdSchema });
