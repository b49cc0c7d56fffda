import { describe, expect, it } from 'vitest';
import { KIND_OF_SOURCE, requestSchemas } from './schemas';
import { validate } from './validation';

const ok = (schema: { safeParse(x: unknown): { success: boolean } }, input: unknown) => schema.safeParse(input).success;

const OPUS = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };
const VP8 = { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }] };

function producePayload(overrides: Record<string, unknown> = {}) {
  return {
    transportId: 't1',
    kind: 'video',
    source: 'camera',
    rtpParameters: { mid: '0', codecs: [VP8], encodings: [{ rid: 'l' }, { rid: 'm' }, { rid: 'h' }] },
    ...overrides,
  };
}

describe('join-room', () => {
  const schema = requestSchemas['join-room'];

  it('accepts a valid payload and trims the display name', () => {
    expect(schema.parse({ roomId: 'abc-DEF_123', displayName: '  Ada  ' })).toEqual({
      roomId: 'abc-DEF_123',
      displayName: 'Ada',
    });
  });

  it('keeps an optional join token', () => {
    expect(schema.parse({ roomId: 'r', displayName: 'A', joinToken: 'tok' }).joinToken).toBe('tok');
    expect(ok(schema, { roomId: 'r', displayName: 'A', joinToken: 'x'.repeat(2049) })).toBe(false);
  });

  it('bounds the room id to 1-64 of [A-Za-z0-9_-]', () => {
    expect(ok(schema, { roomId: 'r'.repeat(64), displayName: 'A' })).toBe(true);
    expect(ok(schema, { roomId: 'r'.repeat(65), displayName: 'A' })).toBe(false);
    expect(ok(schema, { roomId: '', displayName: 'A' })).toBe(false);
    expect(ok(schema, { roomId: 'a b', displayName: 'A' })).toBe(false);
    expect(ok(schema, { roomId: '../etc', displayName: 'A' })).toBe(false);
  });

  it('bounds the display name to 1-64 characters after trimming', () => {
    expect(ok(schema, { roomId: 'r', displayName: 'n'.repeat(64) })).toBe(true);
    expect(ok(schema, { roomId: 'r', displayName: 'n'.repeat(65) })).toBe(false);
    expect(ok(schema, { roomId: 'r', displayName: '    ' })).toBe(false);
    expect(ok(schema, { roomId: 'r', displayName: '' })).toBe(false);
  });

  it('requires both fields', () => {
    expect(ok(schema, { roomId: 'r' })).toBe(false);
    expect(ok(schema, { displayName: 'A' })).toBe(false);
  });

  it('reports the failing field through validate()', () => {
    const result = validate(schema, { roomId: 'r', displayName: ' ' });
    expect(result).toEqual({ ok: false, message: 'displayName: Enter a display name' });
  });
});

describe('create-webrtc-transport', () => {
  const schema = requestSchemas['create-webrtc-transport'];

  it.each(['send', 'recv'])('accepts direction %s', (direction) => {
    expect(schema.parse({ direction })).toEqual({ direction });
  });

  it.each(['both', 'SEND', '', undefined])('refuses direction %j', (direction) => {
    expect(ok(schema, { direction })).toBe(false);
  });
});

describe('produce', () => {
  const schema = requestSchemas.produce;

  it('accepts a camera producer with three simulcast encodings', () => {
    const parsed = schema.parse(producePayload({ paused: false }));
    expect(parsed.kind).toBe('video');
    expect(parsed.rtpParameters.encodings).toHaveLength(3);
  });

  it.each([
    ['mic', 'audio'],
    ['screen-audio', 'audio'],
    ['camera', 'video'],
    ['screen', 'video'],
  ] as const)('accepts source %s with kind %s', (source, kind) => {
    const codecs = [kind === 'audio' ? OPUS : VP8];
    expect(ok(schema, producePayload({ source, kind, rtpParameters: { codecs } }))).toBe(true);
  });

  it.each([
    ['mic', 'video'],
    ['screen-audio', 'video'],
    ['camera', 'audio'],
    ['screen', 'audio'],
  ] as const)('refuses source %s with kind %s', (source, kind) => {
    const result = validate(schema, producePayload({ source, kind }));
    expect(result).toEqual({ ok: false, message: 'kind: kind does not match source' });
  });

  it('KIND_OF_SOURCE maps every source', () => {
    expect(KIND_OF_SOURCE).toEqual({ mic: 'audio', camera: 'video', screen: 'video', 'screen-audio': 'audio' });
  });

  it('refuses an unknown source or kind', () => {
    expect(ok(schema, producePayload({ source: 'webcam' }))).toBe(false);
    expect(ok(schema, producePayload({ kind: 'data' }))).toBe(false);
  });

  it('needs at least one codec', () => {
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [] } }))).toBe(false);
    expect(ok(schema, producePayload({ rtpParameters: {} }))).toBe(false);
  });

  it('allows at most 4 encodings (and at least 1 when given)', () => {
    const enc = (n: number) => Array.from({ length: n }, (_, i) => ({ rid: `r${i}` }));
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [VP8], encodings: enc(4) } }))).toBe(true);
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [VP8], encodings: enc(5) } }))).toBe(false);
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [VP8], encodings: [] } }))).toBe(false);
  });

  it.each(['VP8', 'text/plain', 'video/', 'video/VP8; evil', 'application/x', `video/${'a'.repeat(33)}`])(
    'refuses mimeType %j',
    (mimeType) => {
      expect(ok(schema, producePayload({ rtpParameters: { codecs: [{ ...VP8, mimeType }] } }))).toBe(false);
    },
  );

  it('accepts H264-style mime types with dots, plus and dashes', () => {
    const codec = { ...VP8, mimeType: 'video/H264' };
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [codec] } }))).toBe(true);
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [{ ...VP8, mimeType: 'video/x-foo.bar+1' }] } }))).toBe(
      true,
    );
  });

  it('refuses out-of-range payload types and non-positive clock rates', () => {
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [{ ...VP8, payloadType: 128 }] } }))).toBe(false);
    expect(ok(schema, producePayload({ rtpParameters: { codecs: [{ ...VP8, clockRate: 0 }] } }))).toBe(false);
  });

  it('keeps unknown keys in nested RTP objects', () => {
    const parsed = schema.parse(producePayload({ rtpParameters: { codecs: [VP8], msid: 'stream track' } }));
    expect((parsed.rtpParameters as Record<string, unknown>).msid).toBe('stream track');
  });

  it('requires a non-empty transport id', () => {
    expect(ok(schema, producePayload({ transportId: '' }))).toBe(false);
  });
});

describe('consume', () => {
  const schema = requestSchemas.consume;
  const valid = { transportId: 't', producerId: 'p', rtpCapabilities: { codecs: [OPUS, VP8] } };

  it('accepts a valid payload', () => {
    expect(ok(schema, valid)).toBe(true);
    expect(ok(schema, { ...valid, rtpCapabilities: {} })).toBe(true);
  });

  it('refuses missing or empty ids', () => {
    expect(ok(schema, { ...valid, producerId: '' })).toBe(false);
    expect(ok(schema, { ...valid, producerId: 'p'.repeat(65) })).toBe(false);
    const { transportId: _omit, ...noTransport } = valid;
    expect(ok(schema, noTransport)).toBe(false);
  });

  it('refuses missing or malformed rtpCapabilities', () => {
    expect(ok(schema, { transportId: 't', producerId: 'p' })).toBe(false);
    expect(ok(schema, { ...valid, rtpCapabilities: { codecs: [{ mimeType: 'bogus', clockRate: 1 }] } })).toBe(false);
  });
});

describe('set-preferred-layers', () => {
  const schema = requestSchemas['set-preferred-layers'];

  it.each([0, 1, 2])('accepts spatial layer %i', (spatialLayer) => {
    expect(schema.parse({ consumerId: 'c', spatialLayer })).toEqual({ consumerId: 'c', spatialLayer });
  });

  it.each([-1, 3, 1.5, '1', null])('refuses spatial layer %j', (spatialLayer) => {
    expect(ok(schema, { consumerId: 'c', spatialLayer })).toBe(false);
  });

  it('bounds the optional temporal layer too', () => {
    expect(ok(schema, { consumerId: 'c', spatialLayer: 1, temporalLayer: 2 })).toBe(true);
    expect(ok(schema, { consumerId: 'c', spatialLayer: 1, temporalLayer: 3 })).toBe(false);
  });
});

describe('send-chat', () => {
  const schema = requestSchemas['send-chat'];

  it('trims the text', () => {
    expect(schema.parse({ text: '  hello \n' })).toEqual({ text: 'hello' });
  });

  it('accepts 2000 characters and refuses 2001', () => {
    expect(ok(schema, { text: 'a'.repeat(2000) })).toBe(true);
    expect(ok(schema, { text: 'a'.repeat(2001) })).toBe(false);
  });

  it('refuses empty and whitespace-only text', () => {
    expect(ok(schema, { text: '' })).toBe(false);
    expect(ok(schema, { text: ' \n\t ' })).toBe(false);
  });

  it('refuses non-string text', () => {
    expect(ok(schema, { text: 5 })).toBe(false);
    expect(ok(schema, {})).toBe(false);
  });
});

describe('leave-room', () => {
  const schema = requestSchemas['leave-room'];

  it.each([undefined, null, {}])('accepts %j', (payload) => {
    expect(ok(schema, payload)).toBe(true);
  });

  it.each(['bye', 1, []])('refuses %j', (payload) => {
    expect(ok(schema, payload)).toBe(false);
  });
});
