import { describe, expect, it } from 'vitest';
import { JOIN_REFUSAL_MESSAGES, joinRefusalReason } from './joinRefusals';

describe('joinRefusalReason', () => {
  it('reads each refusal back from its code and message', () => {
    expect(joinRefusalReason({ code: 'unauthorized', message: JOIN_REFUSAL_MESSAGES.missing })).toBe('missing');
    expect(joinRefusalReason({ code: 'unauthorized', message: JOIN_REFUSAL_MESSAGES.invalid })).toBe('invalid');
    expect(joinRefusalReason({ code: 'unauthorized', message: JOIN_REFUSAL_MESSAGES.expired })).toBe('expired');
    expect(joinRefusalReason({ code: 'forbidden', message: JOIN_REFUSAL_MESSAGES['other-room'] })).toBe('other-room');
  });

  it('is null for other errors, including other 401s and 403s and a message under the wrong code', () => {
    expect(joinRefusalReason({ code: 'forbidden', message: 'Wrong admin token' })).toBeNull();
    expect(joinRefusalReason({ code: 'unauthorized', message: 'Sign in first' })).toBeNull();
    expect(joinRefusalReason({ code: 'room_full', message: 'This room is full' })).toBeNull();
    expect(joinRefusalReason({ code: 'forbidden', message: JOIN_REFUSAL_MESSAGES.expired })).toBeNull();
  });
});
