import type { ErrorBody } from '../protocol/errors';

const FRIENDLY: Partial<Record<ErrorBody['code'], string>> = {
  room_full: 'This room is full',
  unavailable: "Can't reach the meeting server",
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  limit_exceeded: 'Too many attempts. Wait a moment and try again.',
  unauthorized: "You're not allowed to join this room",
  forbidden: "You're not allowed to join this room",
};

/**
 * What to show when joining failed: a friendly headline for the code, with
 * the store's message as detail, unless the message already says the same
 * thing (then the message alone is the headline).
 */
export function describeJoinError(error: Pick<ErrorBody, 'code' | 'message'>): { headline: string; detail: string } {
  const message = error.message.trim();
  const friendly = FRIENDLY[error.code];
  if (!friendly) return { headline: message || 'Something went wrong while joining', detail: '' };
  const lead = friendly.split(/[.!]/)[0].toLowerCase();
  if (message.toLowerCase().startsWith(lead)) return { headline: message, detail: '' };
  return { headline: friendly, detail: message };
}

/** "14:05" in the user's locale, for chat timestamps. */
export function formatChatTime(sentAt: number, locale?: string): string {
  return new Date(sentAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** Messages from others that arrived after the user last looked at the chat. */
export function unreadCount(messages: ReadonlyArray<{ peerId: string }>, seenCount: number, ownPeerIds: readonly string[]): number {
  let n = 0;
  for (let i = Math.max(0, seenCount); i < messages.length; i++) {
    if (!ownPeerIds.includes(messages[i].peerId)) n++;
  }
  return n;
}
