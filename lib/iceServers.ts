import { createHmac } from 'node:crypto';
import type { IceServerInfo } from './protocol/events';

export interface IceServerSettings {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | undefined;
  turnTtlSeconds: number;
}

/**
 * STUN plus TURN with time-limited credentials (the TURN REST scheme coturn
 * implements with `use-auth-secret`): username `<expiry-unix>:<user>`,
 * credential base64(HMAC-SHA1(secret, username)). STUN only without a secret.
 */
export function buildIceServers(settings: IceServerSettings, user: string, nowMs: number = Date.now()): IceServerInfo[] {
  const servers: IceServerInfo[] = [];
  if (settings.stunUrls.length > 0) servers.push({ urls: settings.stunUrls });
  if (settings.turnUrls.length > 0 && settings.turnSecret) {
    const expiry = Math.floor(nowMs / 1000) + settings.turnTtlSeconds;
    const username = `${expiry}:${user}`;
    const credential = createHmac('sha1', settings.turnSecret).update(username).digest('base64');
    servers.push({ urls: settings.turnUrls, username, credential });
  }
  return servers;
}
