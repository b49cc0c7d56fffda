import type { ErrorBody } from '../protocol/errors';
import { joinRefusalReason, type JoinRefusalReason } from '../protocol/joinRefusals';

/*
 * What the room page says when the server refuses a join link: one heading
 * per reason, said to the person holding the link, with what to do next.
 */

export interface JoinRefusalCopy {
  reason: JoinRefusalReason;
  heading: string;
  detail: string;
}

const COPY: Record<JoinRefusalReason, Omit<JoinRefusalCopy, 'reason'>> = {
  missing: {
    heading: 'You need an invitation to join this meeting',
    detail: 'This meeting is open only to people with an invitation link. Ask the organiser to send you one.',
  },
  expired: {
    heading: 'This invitation has expired',
    detail: 'Invitation links work for a limited time. Ask the organiser for a new link.',
  },
  'other-room': {
    heading: 'This invitation is for another meeting',
    detail: 'The link you opened was made for a different meeting. Ask the organiser for a link to this one.',
  },
  invalid: {
    heading: 'This invitation link is not valid',
    detail: 'It may have been cut short or changed when it was copied. Ask the organiser for a new link.',
  },
};

/** The refusal page's words for a failed join, or null when the failure is not about the join link. */
export function describeJoinRefusal(error: Pick<ErrorBody, 'code' | 'message'> | null): JoinRefusalCopy | null {
  const reason = error ? joinRefusalReason(error) : null;
  return reason ? { reason, ...COPY[reason] } : null;
}
