import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { AppError } from '@/lib/protocol';
import { log } from '@/server/log';
import { readCookie, SESSION_COOKIE, verifySessionValue } from './adminSession';

/**
 * The configured admin token, or one generated at start. A generated token is
 * written once to the terminal, never into the structured log, which is often
 * shipped to shared log stores.
 */
export function resolveAdminToken(
  configured: string | undefined,
  terminal: { write(text: string): unknown } = process.stderr,
): string {
  if (configured) return configured;
  const token = randomBytes(24).toString('base64url');
  log.warn('admin', 'ADMIN_TOKEN is not set; generated one for this run and printed it on the terminal');
  terminal.write(`\n  Admin token for this run: ${token}\n  (set ADMIN_TOKEN to keep one across restarts)\n\n`);
  return token;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares fixed-size digests so neither the timing nor an early exit tells the token's length. */
export function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** A browser signed in on /analytics/sign-in carries a valid session cookie. */
export function hasAdminSession(req: http.IncomingMessage, adminToken: string): boolean {
  return verifySessionValue(readCookie(req.headers.cookie, SESSION_COOKIE), adminToken);
}

/** 401 without a credential, 403 with a wrong one. Scripts send the bearer token; browsers the cookie. */
export function assertAdmin(req: http.IncomingMessage, adminToken: string): void {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(.+)$/i);
  if (!match && hasAdminSession(req, adminToken)) return;
  if (!match) throw new AppError('unauthorized', 'Admin credential required: send Authorization: Bearer <ADMIN_TOKEN>');
  if (!sameToken(match[1].trim(), adminToken)) throw new AppError('forbidden', 'Wrong admin token');
}
