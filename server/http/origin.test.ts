import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin';

describe('isAllowedOrigin', () => {
  it('allows a request without Origin', () => {
    expect(isAllowedOrigin(undefined, 'podium.example', [])).toBe(true);
    expect(isAllowedOrigin('', 'podium.example', ['https://other.example'])).toBe(true);
  });

  describe('without a configured list', () => {
    it('allows the same host', () => {
      expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true);
      expect(isAllowedOrigin('https://podium.example', 'podium.example', [])).toBe(true);
    });

    it('refuses another host', () => {
      expect(isAllowedOrigin('https://evil.example', 'podium.example', [])).toBe(false);
    });

    it('refuses the same hostname on another port', () => {
      expect(isAllowedOrigin('http://localhost:4000', 'localhost:3000', [])).toBe(false);
    });

    it('refuses when the Host header is missing', () => {
      expect(isAllowedOrigin('https://podium.example', undefined, [])).toBe(false);
    });

    it('refuses a malformed origin', () => {
      expect(isAllowedOrigin('not a url', 'podium.example', [])).toBe(false);
      expect(isAllowedOrigin('null', 'podium.example', [])).toBe(false);
    });
  });

  describe('with a configured list', () => {
    const allowed = ['https://app.example', 'http://localhost:3000'];

    it('allows listed origins', () => {
      expect(isAllowedOrigin('https://app.example', 'backend.internal', allowed)).toBe(true);
      expect(isAllowedOrigin('http://localhost:3000', 'backend.internal', allowed)).toBe(true);
    });

    it('refuses unlisted origins, even the same host', () => {
      expect(isAllowedOrigin('https://evil.example', 'backend.internal', allowed)).toBe(false);
      expect(isAllowedOrigin('https://backend.internal', 'backend.internal', allowed)).toBe(false);
    });

    it('matches exactly (scheme and port matter)', () => {
      expect(isAllowedOrigin('http://app.example', 'x', allowed)).toBe(false);
      expect(isAllowedOrigin('https://app.example:8443', 'x', allowed)).toBe(false);
    });

    it("allows anything with '*'", () => {
      expect(isAllowedOrigin('https://anything.example', 'x', ['*'])).toBe(true);
      expect(isAllowedOrigin('https://anything.example', 'x', ['https://app.example', '*'])).toBe(true);
    });
  });
});
