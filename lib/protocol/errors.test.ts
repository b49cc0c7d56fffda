import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, toErrorBody, type ErrorCode } from './errors';

describe('AppError', () => {
  it.each([
    ['invalid_payload', 400],
    ['unknown_event', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['room_full', 403],
    ['not_found', 404],
    ['not_in_room', 409],
    ['already_joined', 409],
    ['stream_live', 409],
    ['limit_exceeded', 429],
    ['rate_limited', 429],
    ['internal', 500],
    ['unavailable', 503],
  ] as [ErrorCode, number][])('%s → HTTP %i', (code, status) => {
    const error = new AppError(code, 'msg');
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('covers every declared code in the table above', () => {
    expect(Object.keys(ERROR_CODES)).toHaveLength(13);
  });

  it('is an Error with name AppError and the given message', () => {
    const error = new AppError('not_found', 'No such room');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.message).toBe('No such room');
  });

  it('serialises to just code and message', () => {
    const error = new AppError('room_full', 'The room is full');
    expect(error.toJSON()).toEqual({ code: 'room_full', message: 'The room is full' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'room_full', message: 'The room is full' });
  });
});

describe('toErrorBody', () => {
  it('passes an AppError through', () => {
    expect(toErrorBody(new AppError('rate_limited', 'Slow down'))).toEqual({ code: 'rate_limited', message: 'Slow down' });
  });

  it.each([
    new Error('ENOENT /secret/path/db.sqlite'),
    new TypeError('x is undefined'),
    'a thrown string with details',
    { code: 'not_found', message: 'looks like an AppError but is not' },
    undefined,
    null,
  ])('hides the details of %j', (thrown) => {
    const body = toErrorBody(thrown);
    expect(body).toEqual({ code: 'internal', message: 'Internal server error' });
  });
});
