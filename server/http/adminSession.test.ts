import { describe, expect, it } from 'vitest';
import { createSessionValue, readCookie, SESSION_TTL_MS, sessionCookie, verifySessionValue } from './adminSession';

const TOKEN = 'an-admin-token-of-some-length';

describe('admin session cookie', () => {
  it('verifies a value it made, until it expires', () => {
    const now = 1_800_000_000_000;
    const value = createSessionValue(TOKEN, now);
    expect(verifySessionValue(value, TOKEN, now + 1000)).toBe(true);
    expect(verifySessionValue(value, TOKEN, now + SESSION_TTL_MS - 1)).toBe(true);
    expect(verifySessionValue(value, TOKEN, now + SESSION_TTL_MS)).toBe(false);
  });

  it('refuses a value signed with another token (the token was changed)', () => {
    const value = createSessionValue('another-token-entirely', Date.now());
    expect(verifySessionValue(value, TOKEN)).toBe(false);
  });

  it('refuses a tampered expiry, garbage and nothing', () => {
    const value = createSessionValue(TOKEN, Date.now());
    const [v, expiry, sig] = value.split('.');
    expect(verifySessionValue(`${v}.${Number(expiry) + 1}.${sig}`, TOKEN)).toBe(false);
    expect(verifySessionValue('v1.1.abc', TOKEN)).toBe(false);
    expect(verifySessionValue('', TOKEN)).toBe(false);
    expect(verifySessionValue(undefined, TOKEN)).toBe(false);
  });

  it('reads one cookie out of a header', () => {
    expect(readCookie('a=1; podium_admin=v1.2.x; b=3', 'podium_admin')).toBe('v1.2.x');
    expect(readCookie('a=1', 'podium_admin')).toBeUndefined();
    expect(readCookie(undefined, 'podium_admin')).toBeUndefined();
  });

  it('sets an http-only SameSite=Strict cookie, Secure behind TLS', () => {
    expect(sessionCookie('v', false)).toMatch(/HttpOnly; SameSite=Strict/);
    expect(sessionCookie('v', false)).not.toMatch(/Secure/);
    expect(sessionCookie('v', true)).toMatch(/; Secure$/);
  });
});
