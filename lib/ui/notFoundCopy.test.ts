import { describe, expect, it } from 'vitest';
import { notFoundCopy } from './notFoundCopy';

describe('notFoundCopy', () => {
  it('explains a meeting link whose id cannot exist', () => {
    expect(notFoundCopy('/room/bad%20id!')).toEqual({
      heading: 'Invalid meeting link',
      detail: '“bad id!” is not a valid room id. A room id is 1-64 letters, digits, "-" or "_".',
    });
  });

  it('explains studio and watch links with a bad stream id, in stream words', () => {
    for (const section of ['studio', 'watch']) {
      const copy = notFoundCopy(`/${section}/${'x'.repeat(200)}`);
      expect(copy.heading).toBe('Invalid stream id');
      expect(copy.detail).toContain('is not a valid stream id');
      expect(copy.detail).not.toContain('room id');
      // A pasted essay is shortened.
      expect(copy.detail.length).toBeLessThan(200);
    }
  });

  it('calls anything else a page that is not there, including deeper paths under a valid id', () => {
    expect(notFoundCopy('/nowhere').heading).toBe('Page not found');
    expect(notFoundCopy('/room/ok-id/extra').heading).toBe('Page not found');
    expect(notFoundCopy('/nowhere').detail).toContain('/nowhere');
  });

  it('survives a malformed escape', () => {
    expect(notFoundCopy('/room/%E0%A4%A').heading).toBe('Invalid meeting link');
  });
});
