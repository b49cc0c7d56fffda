import { z } from 'zod';
import { AnyRoomIdSchema, StreamIdSchema } from './streamSchemas';
import { DisplayNameSchema, RoomIdSchema } from './validation';

/*
 * Runtime schemas for every client request. Types are derived from them, so
 * the server's validation and the client's compile-time checks cannot drift.
 * Nested RTP objects are loose (unknown keys kept) because mediasoup validates
 * their semantics itself; here we bound their shape and size.
 */

const Id = z.string().min(1).max(64);
const ShortString = z.string().max(256);

// Values are checked by mediasoup's own ortc validation (string or number only).
const ParametersSchema = z.record(z.string().max(64), z.unknown());

const RtcpFeedbackSchema = z.looseObject({ type: ShortString, parameter: ShortString.optional() });

const RtpCodecSchema = z.looseObject({
  mimeType: z.string().regex(/^(audio|video)\/[A-Za-z0-9.+-]{1,32}$/),
  payloadType: z.number().int().min(0).max(127).optional(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: ParametersSchema.optional(),
  rtcpFeedback: z.array(RtcpFeedbackSchema).max(16).optional(),
});

const HeaderExtensionSchema = z.looseObject({
  uri: ShortString,
  id: z.number().int().min(1).max(255).optional(),
  preferredId: z.number().int().min(1).max(255).optional(),
});

const EncodingSchema = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(16).optional(),
  scalabilityMode: z.string().max(16).optional(),
  maxBitrate: z.number().nonnegative().optional(),
});

export const RtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(RtpCodecSchema).min(1).max(16),
  headerExtensions: z.array(HeaderExtensionSchema).max(32).optional(),
  encodings: z.array(EncodingSchema).min(1).max(4).optional(),
  rtcp: z.looseObject({ cname: z.string().max(256).optional() }).optional(),
});

export const RtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(RtpCodecSchema).max(64).optional(),
  headerExtensions: z.array(HeaderExtensionSchema).max(64).optional(),
});

export const DtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.string().max(32), value: z.string().max(256) }))
    .min(1)
    .max(8),
});

export const MediaSourceSchema = z.enum(['mic', 'camera', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof MediaSourceSchema>;
export type MediaKind = 'audio' | 'video';

export const KIND_OF_SOURCE: Record<MediaSource, MediaKind> = {
  mic: 'audio',
  camera: 'video',
  screen: 'video',
  'screen-audio': 'audio',
};

/** Items per batch request: a full room (50 peers, mic and camera each) in one or two. */
export const BATCH_MAX_ITEMS = 100;

/** Distinct ids, so each item is one answer and two items can't race for the same object. */
const batchOf = (item: z.ZodString) =>
  z
    .array(item)
    .min(1)
    .max(BATCH_MAX_ITEMS)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'ids must be distinct' });

export const requestSchemas = {
  'join-room': z.object({
    roomId: RoomIdSchema,
    displayName: DisplayNameSchema,
    joinToken: z.string().max(2048).optional(),
    // A browser's own random id (kept in localStorage): the same identity joining again replaces its older session.
    identity: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  }),
  'resume-session': z.object({ resumeToken: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) }),
  'create-webrtc-transport': z.object({ direction: z.enum(['send', 'recv']) }),
  'connect-webrtc-transport': z.object({ transportId: Id, dtlsParameters: DtlsParametersSchema }),
  produce: z
    .object({
      transportId: Id,
      kind: z.enum(['audio', 'video']),
      source: MediaSourceSchema,
      rtpParameters: RtpParametersSchema,
      paused: z.boolean().optional(),
    })
    .refine((p) => KIND_OF_SOURCE[p.source] === p.kind, { message: 'kind does not match source', path: ['kind'] }),
  consume: z.object({ transportId: Id, producerId: Id, rtpCapabilities: RtpCapabilitiesSchema }),
  'resume-consumer': z.object({ consumerId: Id }),
  'pause-producer': z.object({ producerId: Id }),
  'resume-producer': z.object({ producerId: Id }),
  'close-producer': z.object({ producerId: Id }),
  'set-preferred-layers': z.object({
    consumerId: Id,
    spatialLayer: z.number().int().min(0).max(2),
    temporalLayer: z.number().int().min(0).max(2).optional(),
  }),
  'restart-ice': z.object({ transportId: Id }),
  'send-chat': z.object({ text: z.string().transform((s) => s.trim()).pipe(z.string().min(1).max(2000)) }),
  // Socket.IO sends a missing payload as null.
  'leave-room': z.object({}).nullish(),
  // The studio goes live on a stream id; viewers join it receive-only (SPEC 6).
  'stream:start': z.object({ streamId: StreamIdSchema, displayName: DisplayNameSchema.optional() }),
  'stream:watch': z.object({ streamId: StreamIdSchema }),
  // Admin sockets only: which room and peer the live analytics page shows.
  'analytics:watch': z.object({ roomId: AnyRoomIdSchema.optional(), peerId: Id.optional() }),
  // Batch requests: a newcomer's consumers in a few requests, not two per producer.
  'consume-batch': z.object({ transportId: Id, rtpCapabilities: RtpCapabilitiesSchema, producerIds: batchOf(Id) }),
  'resume-consumers': z.object({ consumerIds: batchOf(Id) }),
} as const;

export type RequestName = keyof typeof requestSchemas;
/** What a client sends (before defaults/transforms). */
export type RequestPayload<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
/** What the server works with after validation. */
export type ValidRequest<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;
