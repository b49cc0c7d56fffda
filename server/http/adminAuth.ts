import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { AppError } from '@/lib/protocol';
import { log } from '@/server/log';
import { readCookie, SESSION_COOKIE, verifySessionValue } from './adminSession';

/** The configured admin token, or one generated at start and printed once. */
export function resolveAdminToken(configured: string | undefined): string {
  if (configured) return configured;
  const token = randomBytes(24).toString('base64url');
  log.warn('admin', `ADMIN_TOKEN is not set; generated one for this run: ${token}`);
  return token;
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
