import { describe, expect, it } from 'vitest';
import { AppError } from '../protocol/errors';
import { JOIN_REFUSAL_MESSAGES } from '../protocol/joinRefusals';
import { describeJoinRefusal } from './joinRefusal';

const refused = (code: 'unauthorized' | 'forbidden', message: string) => describeJoinRefusal(new AppError(code, message).toJSON());

describe('describeJoinRefusal', () => {
  it('has its own heading for each reason the server gives', () => {
    expect(refused('unauthorized', JOIN_REFUSAL_MESSAGES.missing)).toMatchObject({
      reason: 'missing',
      heading: 'You need an invitation to join this meeting',
    });
    expect(refused('unauthorized', JOIN_REFUSAL_MESSAGES.expired)).toMatchObject({ reason: 'expired', heading: 'This invitation has expired' });
    expect(refused('forbidden', JOIN_REFUSAL_MESSAGES['other-room'])).toMatchObject({
      reason: 'other-room',
      heading: 'This invitation is for another meeting',
    });
    expect(refused('unauthorized', JOIN_REFUSAL_MESSAGES.invalid)).toMatchObject({ reason: 'invalid', heading: 'This invitation link is not valid' });
  });

  it('tells the person to ask the organiser, every time', () => {
    for (const [reason, message] of Object.entries(JOIN_REFUSAL_MESSAGES)) {
      const copy = refused(reason === 'other-room' ? 'forbidden' : 'unauthorized', message);
      expect(copy?.detail).toMatch(/Ask the organiser/);
    }
  });

  it('is null for no error and for failures that are not about the link', () => {
    expect(describeJoinRefusal(null)).toBeNull();
    expect(refused('forbidden', 'Wrong admin token')).toBeNull();
    expect(refused('unauthorized', 'Sign in first')).toBeNull();
    expect(describeJoinRefusal({ code: 'room_full', message: 'This room is full' })).toBeNull();
    expect(describeJoinRefusal({ code: 'unavailable', message: "Can't reach the server" })).toBeNull();
  });
});
