import type http from 'node:http';
import { z } from 'zod';
import type { AnalyticsEvent } from '@/lib/analytics/types';
import { AppError, describeZodError, streamRoomId, StreamIdSchema } from '@/lib/protocol';
import type { AlertType, StreamAlert, StreamHistory } from '@/lib/studio/types';
import type { Database } from '@/server/db';
import { hashOwnerKey } from '@/server/db/streamRepository';
import { hasAdminSession, sameToken } from '@/server/http/adminAuth';

export const STREAM_HISTORY_PATH = /^\/api\/streams\/([^/]+)\/history$/;

const HistoryQuery = z.object({ minutes: z.coerce.number().int().min(1).max(24 * 60).default(5) });

const ALERT_TYPES = new Set<AlertType>(['high-loss', 'low-fps', 'bitrate-drop']);

/** A stored `stream-alert` event back as the studio's alert. */
export function alertFromEvent(streamId: string, event: AnalyticsEvent): StreamAlert | null {
  const type = event.data.alert;
  if (typeof type !== 'string' || !ALERT_TYPES.has(type as AlertType)) return null;
  return {
    id: event.id,
    streamId,
    type: type as AlertType,
    severity: event.severity === 'error' ? 'error' : 'warning',
    message: event.cause.replace(/^Stream [^:]+: /, ''),
    value: Number(event.data.value) || 0,
    threshold: Number(event.data.threshold) || 0,
    at: Date.parse(event.at),
  };
}

/**
 * Who may read a stream's history: an admin (bearer token or sign-in cookie),
 * or the studio holding an owner key of one of the stream's sessions.
 */
async function assertMayRead(req: http.IncomingMessage, streamId: string, adminToken: string, db: Pick<Database, 'streams'>) {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!bearer) {
    if (hasAdminSession(req, adminToken)) return;
    throw new AppError('unauthorized', 'Send the studio owner key or the admin token as Authorization: Bearer <key>');
  }
  if (sameToken(bearer, adminToken)) return;
  if (bearer.length <= 256 && (await db.streams.ownsStream(streamId, hashOwnerKey(bearer)))) return;
  throw new AppError('forbidden', `That key does not own stream "${streamId}"`);
}

/** `GET /api/streams/<streamId>/history?minutes=5`: stored samples (oldest first) and alerts of the last minutes. */
export async function streamHistory(
  req: http.IncomingMessage,
  url: URL,
  rawStreamId: string,
  deps: { adminToken: string; db: Pick<Database, 'streams' | 'events'> | null },
): Promise<StreamHistory> {
  const id = StreamIdSchema.safeParse(decodeURIComponent(rawStreamId));
  if (!id.success) throw new AppError('invalid_payload', describeZodError(id.error));
  const query = HistoryQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new AppError('invalid_payload', `Bad query: ${describeZodError(query.error)}`);
  if (!deps.db) throw new AppError('unavailable', 'History needs the database, which is not open');
  const streamId = id.data;
  await assertMayRead(req, streamId, deps.adminToken, deps.db);
  const since = new Date(Date.now() - query.data.minutes * 60_000);
  const [samples, events] = await Promise.all([
    deps.db.streams.listSamples(streamId, { since, limit: 1000 }),
    deps.db.events.list({ roomId: streamRoomId(streamId), type: 'stream-alert', since: since.toISOString(), limit: 200 }),
  ]);
  const alerts = events.map((e) => alertFromEvent(streamId, e)).filter((a): a is StreamAlert => a !== null);
  return { streamId, samples, alerts: alerts.reverse() };
}
