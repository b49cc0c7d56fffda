import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('initials', () => {
  it('takes the first letter of the first and last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('Ada King Lovelace')).toBe('AL');
  });

  it('uses one letter for a single word', () => {
    expect(initials('grace')).toBe('G');
  });

  it('ignores extra whitespace', () => {
    expect(initials('  alan   turing  ')).toBe('AT');
  });

  it('falls back to ? for an empty name', () => {
    expect(initials('')).toBe('?');
    expect(initials('   ')).toBe('?');
  });

  it('does not split surrogate pairs', () => {
    expect(initials('😀 smile')).toBe('😀S');
  });
});
