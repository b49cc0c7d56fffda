import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The browser's admin credential: an http-only, SameSite=Strict cookie that
 * carries an expiry signed with the admin token itself, so changing
 * ADMIN_TOKEN signs every browser out and the server keeps no session table.
 */

export const SESSION_COOKIE = 'podium_admin';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function signature(adminToken: string, expiresAt: number): string {
  return createHmac('sha256', adminToken).update(`podium-admin-session:${expiresAt}`).digest('base64url');
}

export function createSessionValue(adminToken: string, now = Date.now()): string {
  const expiresAt = now + SESSION_TTL_MS;
  return `v1.${expiresAt}.${signature(adminToken, expiresAt)}`;
}

export function verifySessionValue(value: string | undefined, adminToken: string, now = Date.now()): boolean {
  const match = value?.match(/^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  if (!(expiresAt > now)) return false;
  const expected = Buffer.from(signature(adminToken, expiresAt));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
