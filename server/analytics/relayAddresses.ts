import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { log } from '@/server/log';

/** The host of a TURN URL: `turn:host:3478?transport=udp`, `turns:[::1]:5349`. */
export function turnHost(url: string): string | null {
  const match = /^turns?:(\[[^\]]+\]|[^:?]+)/i.exec(url.trim());
  if (!match) return null;
  return match[1]!.replace(/^\[|\]$/g, '');
}

/**
 * Addresses of our TURN servers. A transport whose selected remote address is
 * one of them carries relayed media: that is how the server counts TURN
 * sessions without asking the browser.
 */
export async function relayAddresses(turnUrls: readonly string[]): Promise<Set<string>> {
  const addresses = new Set<string>();
  for (const host of new Set(turnUrls.map(turnHost).filter((h): h is string => h !== null))) {
    if (isIP(host)) {
      addresses.add(host);
      continue;
    }
    try {
      for (const { address } of await lookup(host, { all: true })) addresses.add(address);
    } catch (error) {
      log.warn('analytics', 'could not resolve a TURN host; its relayed sessions will not be counted', { host, error: String(error) });
    }
  }
  return addresses;
}
