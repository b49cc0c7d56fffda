import type { ErrorBody } from '@/lib/protocol/errors';
import { joinRefusalReason } from '@/lib/protocol/joinRefusals';

/*
 * The join link's token: `/room/<id>?token=<jwt>`, as `joinLink` in
 * server/auth/joinTokens.ts builds it. Read from the URL at each join rather
 * than once at load, so a rejoin and a client-side move to another room's
 * link both send the token of the page they are on. The token is a
 * credential: it is sent in `join-room` and never logged or stored.
 */

/** The query parameter `joinLink` puts the token in. */
export const JOIN_TOKEN_PARAM = 'token';

export function joinTokenFromSearch(search: string): string | undefined {
  return new URLSearchParams(search).get(JOIN_TOKEN_PARAM) || undefined;
}

/** This page's join token, if its link carries one; `joinToken` of the `join-room` request. */
export function joinTokenFromPage(): string | undefined {
  return typeof window === 'undefined' ? undefined : joinTokenFromSearch(window.location.search);
}

/**
 * The display name a token names, read without checking its signature: only
 * to show the person the name the server will give them (a token's name wins
 * over a typed one), never to decide anything. Undefined for no name or a
 * token that is not a JWT.
 */
export function invitedNameOf(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const { name } = JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown };
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  } catch {
    // Not a JWT: the server will refuse it and say so; there is no name to show.
    return undefined;
  }
}

/** The name this page's link gives its holder, if any. */
export function invitedName(): string | undefined {
  return invitedNameOf(joinTokenFromPage());
}

/** A join the server refused for its link: retrying cannot help, the page shows the refusal instead. */
export function isJoinRefusal(error: ErrorBody): boolean {
  return joinRefusalReason(error) !== null;
}
