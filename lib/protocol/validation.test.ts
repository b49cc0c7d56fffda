import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DisplayNameSchema, RoomIdSchema, describeZodError, validate } from './validation';

describe('RoomIdSchema', () => {
  it.each(['a', 'room-1', 'Room_2', 'A'.repeat(64), '0123456789_-abcXYZ'])('accepts %j', (id) => {
    expect(RoomIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'A'.repeat(65), 'has space', 'slash/room', 'dot.room', 'émoji', ' pad', 'pad\n'])('refuses %j', (id) => {
    expect(RoomIdSchema.safeParse(id).success).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(RoomIdSchema.safeParse(42).success).toBe(false);
    expect(RoomIdSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('DisplayNameSchema', () => {
  it('trims surrounding whitespace', () => {
    expect(DisplayNameSchema.parse('  Ada Lovelace \t')).toBe('Ada Lovelace');
  });

  it('accepts exactly 64 characters and refuses 65', () => {
    expect(DisplayNameSchema.safeParse('x'.repeat(64)).success).toBe(true);
    expect(DisplayNameSchema.safeParse('x'.repeat(65)).success).toBe(false);
  });

  it('measures the length after trimming', () => {
    expect(DisplayNameSchema.parse(`  ${'x'.repeat(64)}  `)).toBe('x'.repeat(64));
  });

  it('refuses empty and whitespace-only names', () => {
    expect(DisplayNameSchema.safeParse('').success).toBe(false);
    expect(DisplayNameSchema.safeParse('   \t\n').success).toBe(false);
  });
});

describe('describeZodError', () => {
  it('prefixes the dotted path of the first issue', () => {
    const schema = z.object({ outer: z.object({ inner: z.string().min(3, 'too short') }) });
    const result = schema.safeParse({ outer: { inner: 'a' } });
    expect(result.success).toBe(false);
    expect(describeZodError(result.error!)).toBe('outer.inner: too short');
  });

  it('includes array indices in the path', () => {
    const schema = z.object({ list: z.array(z.number().max(1, 'too big')) });
    const result = schema.safeParse({ list: [0, 5] });
    expect(describeZodError(result.error!)).toBe('list.1: too big');
  });

  it('gives only the message for a root-level issue', () => {
    const result = z.string().min(2, 'root message').safeParse('a');
    expect(describeZodError(result.error!)).toBe('root message');
  });

  it('uses the custom room-id message', () => {
    const result = z.object({ roomId: RoomIdSchema }).safeParse({ roomId: 'bad id' });
    expect(describeZodError(result.error!)).toBe('roomId: A room id is 1-64 letters, digits, "-" or "_"');
  });

  it('falls back when there are no issues', () => {
    expect(describeZodError(new z.ZodError([]))).toBe('Invalid input');
  });
});

describe('validate', () => {
  it('returns ok with the transformed value', () => {
    expect(validate(DisplayNameSchema, '  Bob  ')).toEqual({ ok: true, value: 'Bob' });
  });

  it('returns ok:false with a described message', () => {
    const schema = z.object({ displayName: DisplayNameSchema });
    expect(validate(schema, { displayName: '   ' })).toEqual({ ok: false, message: 'displayName: Enter a display name' });
    expect(validate(schema, { displayName: 'y'.repeat(65) })).toEqual({
      ok: false,
      message: 'displayName: A display name is at most 64 characters',
    });
  });

  it('does not throw on garbage input', () => {
    const result = validate(z.object({ a: z.string() }), 'not an object');
    expect(result.ok).toBe(false);
  });
});
