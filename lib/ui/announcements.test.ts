import { describe, expect, it } from 'vitest';
import { chatPreviewText, joinedText, leftText, muteText } from './announcements';

describe('announcements', () => {
  it('says who joined, left and muted', () => {
    expect(joinedText('Dana')).toBe('Dana joined');
    expect(leftText('Dana')).toBe('Dana left');
    expect(muteText('Dana', true)).toBe('Dana muted their microphone');
    expect(muteText('Dana', false)).toBe('Dana unmuted their microphone');
  });

  it('previews a chat message on one line, shortened', () => {
    expect(chatPreviewText('Dana', 'hello\n  there')).toBe('Dana: hello there');
    const long = chatPreviewText('Dana', 'x'.repeat(200));
    expect(long.length).toBe('Dana: '.length + 80);
    expect(long.endsWith('…')).toBe(true);
  });
});
