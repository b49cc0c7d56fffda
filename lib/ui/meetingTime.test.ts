import { describe, expect, it } from 'vitest';
import { formatMeetingTime } from './meetingTime';

describe('formatMeetingTime', () => {
  it('reads like a clock, with hours only once there are any', () => {
    expect(formatMeetingTime(7_400)).toBe('0:07');
    expect(formatMeetingTime((12 * 60 + 4) * 1000)).toBe('12:04');
    expect(formatMeetingTime((3600 + 2 * 60 + 3) * 1000)).toBe('1:02:03');
  });

  it('never goes below zero (a clock that stepped back)', () => {
    expect(formatMeetingTime(-5000)).toBe('0:00');
  });
});
