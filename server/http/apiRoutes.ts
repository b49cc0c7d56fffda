import type http from 'node:http';
import { AppError } from '@/lib/protocol';
import { buildIceServers } from '@/lib/iceServers';
import { analyticsRequest, prometheusMetrics, type AnalyticsSources } from '@/server/analytics/restApi';
import type { AppConfig } from '@/server/config';
import { log } from '@/server/log';
import { assertAdmin } from './adminAuth';
import { sendError, sendJson } from './respond';

export interface ApiDeps extends AnalyticsSources {
  config: AppConfig;
  adminToken: string;
}

/** True for the paths server.ts serves itself rather than handing to Next. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/analytics/') || pathname === '/metrics';
}

export async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, deps: ApiDeps): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('invalid_payload', 'Only GET is supported here');
    if (pathname === '/api/health') {
      return sendJson(res, 200, { ok: true, workers: deps.pool.slots.length, rooms: deps.rooms.rooms().length });
    }
    if (pathname === '/api/ice-servers') {
      return sendJson(res, 200, { iceServers: buildIceServers(deps.config.ice, 'podium') });
    }
    if (pathname === '/metrics') {
      assertAdmin(req, deps.adminToken);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return void res.end(prometheusMetrics(deps));
    }
    if (pathname.startsWith('/analytics/')) {
      assertAdmin(req, deps.adminToken);
      return sendJson(res, 200, await analyticsRequest(deps, pathname));
    }
    throw new AppError('not_found', `Nothing at ${pathname}`);
  } catch (error) {
    if (!(error instanceof AppError)) log.error('http', 'request failed', { path: pathname, error: String(error) });
    sendError(res, error);
  }
}
