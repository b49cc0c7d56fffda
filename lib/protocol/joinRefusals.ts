import type { ErrorBody } from './errors';

/*
 * Why a join link was refused. The server sends these exact messages (under
 * `unauthorized`, or `forbidden` for another room's link) and the room page
 * reads the reason back from them, so one table serves both sides and the
 * error stays a plain { code, message }.
 */

export type JoinRefusalReason = 'missing' | 'invalid' | 'expired' | 'other-room';

export const JOIN_REFUSAL_MESSAGES = {
  missing: 'This room needs an invite link; ask the host for one',
  invalid: 'This link is not valid',
  expired: 'This link has expired; ask the host for a new one',
  'other-room': 'This link is for another room',
} as const satisfies Record<JoinRefusalReason, string>;

const REFUSAL_CODES: Record<JoinRefusalReason, ErrorBody['code']> = {
  missing: 'unauthorized',
  invalid: 'unauthorized',
  expired: 'unauthorized',
  'other-room': 'forbidden',
};

/** The reason when `error` is a join-link refusal; null for any other error, even another 401 or 403. */
export function joinRefusalReason(error: Pick<ErrorBody, 'code' | 'message'>): JoinRefusalReason | null {
  for (const [reason, message] of Object.entries(JOIN_REFUSAL_MESSAGES) as [JoinRefusalReason, string][]) {
    if (error.message === message && error.code === REFUSAL_CODES[reason]) return reason;
  }
  return null;
}
