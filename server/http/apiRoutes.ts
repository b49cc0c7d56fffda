import type http from 'node:http';
import { AppError } from '@/lib/protocol';
import { analyticsRequest, type AnalyticsSources } from '@/server/analytics/restApi';
import { STREAM_HISTORY_PATH, streamHistory } from '@/server/analytics/streamHistory';
import type { Database } from '@/server/db';
import type { AppConfig } from '@/server/config';
import { log } from '@/server/log';
import { assertAdmin, hasAdminSession } from './adminAuth';
import { handleSignIn, SIGN_IN_PATH } from './adminSignIn';
import { iceServersFor, type ParticipantCredential } from './iceServersRoute';
import { sendError, sendJson } from './respond';

export interface ApiDeps extends Omit<AnalyticsSources, 'db'> {
  db: Pick<Database, 'sessions' | 'telemetry' | 'events' | 'streams'> | null;
  config: AppConfig;
  adminToken: string;
  workers: () => number;
  metrics: { contentType: string; render(): Promise<string> };
  /** The joined participant a resume token belongs to; gates `/api/ice-servers`. */
  participantCredential: ParticipantCredential;
}

const SIGN_IN_POSTS = new Set(['/analytics/session', '/analytics/sign-out']);

/** True for the paths server.ts serves itself rather than handing to Next. */
export function isApiPath(pathname: string): boolean {
  if (pathname === SIGN_IN_PATH) return false;
  return pathname.startsWith('/api/') || pathname.startsWith('/analytics/') || pathname === '/metrics';
}

/**
 * The analytics page itself is a Next page; without a session it goes to the
 * sign-in page instead (and a signed-in admin skips the sign-in page).
 * Returns true when it answered the request.
 */
export function guardAnalyticsPage(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, adminToken: string): boolean {
  const redirectTo = (location: string) => {
    res.writeHead(302, { location, 'cache-control': 'no-store' }).end();
    return true;
  };
  if (pathname === '/analytics' && !hasAdminSession(req, adminToken)) return redirectTo(SIGN_IN_PATH);
  // With ?error= or ?signed-out= the sign-in page still has something to say.
  if (pathname === SIGN_IN_PATH && !req.url?.includes('?') && hasAdminSession(req, adminToken)) return redirectTo('/analytics');
  return false;
}

export async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, deps: ApiDeps): Promise<void> {
  const { pathname } = url;
  try {
    if (SIGN_IN_POSTS.has(pathname)) {
      return await handleSignIn(req, res, pathname, { adminToken: deps.adminToken, allowedOrigins: deps.config.allowedOrigins });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('invalid_payload', 'Only GET is supported here');
    if (pathname === '/api/health') {
      return sendJson(res, 200, { ok: true, workers: deps.workers(), rooms: deps.collector.rooms().length });
    }
    if (pathname === '/api/ice-servers') {
      const { ice, joinTokenSecret } = deps.config;
      return sendJson(res, 200, await iceServersFor(req, url, { ice, joinTokenSecret, participantCredential: deps.participantCredential }));
    }
    if (pathname === '/metrics') {
      assertAdmin(req, deps.adminToken);
      const body = await deps.metrics.render();
      res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' });
      return void res.end(body);
    }
    const history = pathname.match(STREAM_HISTORY_PATH);
    if (history) {
      res.setHeader('cache-control', 'no-store');
      return sendJson(res, 200, await streamHistory(req, url, history[1]!, { adminToken: deps.adminToken, db: deps.db }));
    }
    if (pathname.startsWith('/analytics/')) {
      assertAdmin(req, deps.adminToken);
      return sendJson(res, 200, await analyticsRequest(deps, url));
    }
    throw new AppError('not_found', `Nothing at ${pathname}`);
  } catch (error) {
    if (!(error instanceof AppError)) log.error('http', 'request failed', { path: pathname, error: String(error) });
    if (res.headersSent) return void res.end();
    sendError(res, error);
  }
}
