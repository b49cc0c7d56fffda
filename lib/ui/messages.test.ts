import { describe, expect, it } from 'vitest';
import { describeJoinError, formatChatTime, unreadCount } from './messages';

describe('describeJoinError', () => {
  it('gives friendly headlines for known codes, keeping the message as detail', () => {
    expect(describeJoinError({ code: 'room_full', message: 'Room abc has 8 of 8 people' })).toEqual({
      headline: 'This room is full',
      detail: 'Room abc has 8 of 8 people',
    });
    expect(describeJoinError({ code: 'unavailable', message: 'The meeting server did not answer. It may be restarting, or this device may be offline.' })).toEqual({
      headline: "Can't reach the meeting server",
      detail: 'The meeting server did not answer. It may be restarting, or this device may be offline.',
    });
  });

  it('does not repeat a message that already says it', () => {
    expect(describeJoinError({ code: 'unavailable', message: "Can't reach the meeting server: it is restarting." })).toEqual({
      headline: "Can't reach the meeting server: it is restarting.",
      detail: '',
    });
    expect(describeJoinError({ code: 'room_full', message: 'This room is full (8 people)' }).detail).toBe('');
  });

  it('falls back to the message for other codes', () => {
    expect(describeJoinError({ code: 'internal', message: 'Internal server error' })).toEqual({
      headline: 'Internal server error',
      detail: '',
    });
    expect(describeJoinError({ code: 'internal', message: '' }).headline).toBe('Something went wrong while joining');
  });
});

describe('unreadCount', () => {
  const msgs = [{ peerId: 'a' }, { peerId: 'me' }, { peerId: 'b' }, { peerId: 'a' }];
  it('counts messages from others after the seen mark', () => {
    expect(unreadCount(msgs, 0, ['me'])).toBe(3);
    expect(unreadCount(msgs, 2, ['me'])).toBe(2);
    expect(unreadCount(msgs, 4, ['me'])).toBe(0);
    expect(unreadCount(msgs, 10, ['me'])).toBe(0);
  });
  it('counts none of my own, including those sent as an earlier peer id before a rejoin', () => {
    expect(unreadCount(msgs, 0, ['old-me', 'a'])).toBe(2);
    expect(unreadCount(msgs, 0, [])).toBe(4);
  });
});

describe('formatChatTime', () => {
  it('formats hours and minutes', () => {
    const t = new Date(2024, 0, 1, 9, 5).getTime();
    expect(formatChatTime(t, 'en-GB')).toBe('09:05');
  });
});
