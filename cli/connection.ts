import { AppError } from '../lib/protocol/errors';

/*
 * Where the CLI talks to and with which credential (SPEC 5): flags win over
 * the environment, the URL has a local default, the token has none.
 */

export const DEFAULT_URL = 'http://localhost:3000';

export interface ConnectionFlags {
  url?: string;
  token?: string;
}

export interface Connection {
  /** Origin and optional base path, without a trailing slash. */
  baseUrl: string;
  token: string;
}

type Env = Record<string, string | undefined>;

/** An empty variable (`ADMIN_TOKEN= podium-stats ...`) means unset, not "the empty token". */
const present = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

export function resolveBaseUrl(flags: ConnectionFlags, env: Env): string {
  const raw = present(flags.url) ?? present(env.PODIUM_URL) ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_payload', `"${raw}" is not a URL; pass --url like ${DEFAULT_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('invalid_payload', `"${raw}" is not an http(s) URL; pass --url like ${DEFAULT_URL}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function resolveToken(flags: ConnectionFlags, env: Env): string {
  const token = present(flags.token) ?? present(env.ADMIN_TOKEN);
  if (!token) throw new AppError('unauthorized', 'no admin token: pass --token <token> or set ADMIN_TOKEN');
  return token;
}

export function resolveConnection(flags: ConnectionFlags, env: Env): Connection {
  return { baseUrl: resolveBaseUrl(flags, env), token: resolveToken(flags, env) };
}
