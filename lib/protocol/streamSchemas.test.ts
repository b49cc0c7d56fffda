import { describe, expect, it } from 'vitest';
import { AnyRoomIdSchema, streamIdOfRoom, streamRoomId, StreamStatsUpdateSchema } from './streamSchemas';

const stats = {
  bitrate: 1200,
  fps: 30,
  resolution: { width: 1280, height: 720 },
  audioLevel: -30,
  packetLoss: 0.5,
  latency: 12,
  jitter: 1.5,
  bandwidth: { upload: 2000, download: 0 },
  qualityLimitationReason: 'none',
  layers: [{ rid: 'r0', bitrate: 100, fps: 30, width: 320, height: 180 }],
};

describe('stream stats payloads', () => {
  it('accepts the SPEC 4 shape', () => {
    expect(StreamStatsUpdateSchema.safeParse({ streamId: 'show', stats, timestamp: Date.now() }).success).toBe(true);
  });

  it.each([
    ['a bad stream id', { streamId: 'bad id!', stats, timestamp: 1 }],
    ['NaN', { streamId: 'show', stats: { ...stats, fps: Number.NaN }, timestamp: 1 }],
    ['Infinity', { streamId: 'show', stats: { ...stats, bitrate: Number.POSITIVE_INFINITY }, timestamp: 1 }],
    ['loss above 100 %', { streamId: 'show', stats: { ...stats, packetLoss: 120 }, timestamp: 1 }],
    ['a negative RTT', { streamId: 'show', stats: { ...stats, latency: -1 }, timestamp: 1 }],
    ['an unknown limitation', { streamId: 'show', stats: { ...stats, qualityLimitationReason: 'aliens' }, timestamp: 1 }],
    ['five layers', { streamId: 'show', stats: { ...stats, layers: Array(5).fill(stats.layers[0]) }, timestamp: 1 }],
    ['a missing field', { streamId: 'show', stats: { ...stats, resolution: undefined }, timestamp: 1 }],
    ['no timestamp', { streamId: 'show', stats }],
  ])('refuses %s', (_name, payload) => {
    expect(StreamStatsUpdateSchema.safeParse(payload).success).toBe(false);
  });

  it('names stream rooms so no call room can collide with them', () => {
    expect(streamRoomId('show')).toBe('stream:show');
    expect(streamIdOfRoom('stream:show')).toBe('show');
    expect(streamIdOfRoom('show')).toBeNull();
    expect(AnyRoomIdSchema.safeParse('stream:show').success).toBe(true);
    expect(AnyRoomIdSchema.safeParse('stream:').success).toBe(false);
    expect(AnyRoomIdSchema.safeParse('other:show').success).toBe(false);
  });
});
