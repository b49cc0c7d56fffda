import type http from 'node:http';
import { AppError, type IceServerInfo } from '@/lib/protocol';
import { buildIceServers, type IceServerSettings } from '@/lib/iceServers';
import { verifyJoinTokenAnyRoom } from '@/server/auth/joinTokens';

/** Who a resume token belongs to, while that participant is in a call. */
export type ParticipantCredential = (token: string) => { peerId: string; roomId: string } | null;

export interface IceServersDeps {
  ice: IceServerSettings;
  /** Set when join links are in use: then a valid link's holder may ask too. */
  joinTokenSecret: string | undefined;
  participantCredential: ParticipantCredential;
  nowMs?: () => number;
}

/** Characters a TURN username's user part keeps; the rest would only confuse coturn's logs and quotas. */
const TURN_USER_UNSAFE = /[^A-Za-z0-9._-]/g;
const TURN_USER_MAX = 64;

const bearerOf = (req: http.IncomingMessage): string | null => req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;

/**
 * `GET /api/ice-servers`. TURN credentials are bandwidth on our relay, so only
 * someone in a call (its resume token as a bearer) or holding a join link
 * (`?token=` or bearer, when join links are configured) gets them: 401 without
 * a credential, 403 with one that is neither. The TURN user part says whose
 * they are: the peer id, or `link-<room>` for a link that has not joined yet.
 */
export async function iceServersFor(req: http.IncomingMessage, url: URL, deps: IceServersDeps): Promise<{ iceServers: IceServerInfo[] }> {
  const user = await turnUser(bearerOf(req), url.searchParams.get('token'), deps);
  return { iceServers: buildIceServers(deps.ice, user, deps.nowMs?.()) };
}

async function turnUser(bearer: string | null, linkToken: string | null, deps: IceServersDeps): Promise<string> {
  if (!bearer && !linkToken) {
    throw new AppError('unauthorized', 'ICE servers are for participants: send Authorization: Bearer <resume token> or a join link token');
  }
  const participant = bearer ? deps.participantCredential(bearer) : null;
  if (participant) return participant.peerId;
  if (!deps.joinTokenSecret) throw new AppError('forbidden', 'Not a participant of a call');
  let refusal: AppError | null = null;
  for (const token of [bearer, linkToken]) {
    if (!token) continue;
    try {
      const claims = await verifyJoinTokenAnyRoom(deps.joinTokenSecret, token, deps.nowMs?.());
      return `link-${claims.roomId}`.replace(TURN_USER_UNSAFE, '_').slice(0, TURN_USER_MAX);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusal = error;
    }
  }
  // A credential was sent, just not a usable one: forbidden, with the link's own reason (expired, not valid).
  throw new AppError('forbidden', refusal?.message ?? 'Not a participant of a call');
}
