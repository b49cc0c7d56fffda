import { AppError } from '@/lib/protocol/errors';
import { JOIN_REFUSAL_MESSAGES, joinRefusalReason } from '@/lib/protocol/joinRefusals';
import { DisplayNameSchema, validate } from '@/lib/protocol/validation';
import { verifyJoinToken, type JoinClaims } from '@/server/auth/joinTokens';
import type { AppConfig } from '@/server/config';
import { log } from '@/server/log';

/*
 * Who may enter a call room. Without JOIN_TOKEN_SECRET a room is open to
 * anyone who knows its id; with it, only to the holder of an unexpired link
 * signed with that secret for that very room. Streams (studio and watch) are
 * not call rooms and do not come through here.
 */

/**
 * The claims of the join link that admits this join, null when the server
 * requires none, or the AppError to refuse it with (whose message the room
 * page turns into its refusal page).
 */
export async function admitJoin(
  config: Pick<AppConfig, 'joinTokenSecret'>,
  token: string | undefined,
  roomId: string,
  nowMs?: number,
): Promise<JoinClaims | null> {
  if (!config.joinTokenSecret) return null;
  try {
    const claims = await verifyJoinToken(config.joinTokenSecret, token, roomId, nowMs);
    return claims.name === undefined ? claims : { ...claims, name: linkName(claims.name) };
  } catch (error) {
    // Why, never the token: the operator should see refusals without holding anyone's link.
    if (error instanceof AppError) log.info('signaling', 'join refused', { room: roomId, reason: joinRefusalReason(error) ?? error.code });
    throw error;
  }
}

/** A name the CLI would not have put in a link is a link this server did not mean to issue. */
function linkName(name: string): string {
  const result = validate(DisplayNameSchema, name);
  if (!result.ok) throw new AppError('unauthorized', JOIN_REFUSAL_MESSAGES.invalid);
  return result.value;
}

/**
 * The name a participant appears under: the link's when it names one (the
 * host decided who this link is for, as with LiveKit's token identity),
 * otherwise the one they typed.
 */
export function admittedName(claims: JoinClaims | null, typedName: string): string {
  return claims?.name ?? typedName;
}
