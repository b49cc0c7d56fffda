import type { ConnectionStatus } from '@/stores/analyticsStore';

/** The overview is pushed every second: three seconds without one is not live any more. */
export const LIVE_WINDOW_MS = 3000;
/** Failed connection attempts in a row after which we say offline rather than reconnecting. */
export const OFFLINE_AFTER_FAILURES = 3;

export interface ConnectionFacts {
  connected: boolean;
  /** When the last push arrived (ms), null before the first. */
  lastPushAt: number | null;
  now: number;
  /** Failed connection attempts since the last success. */
  failures: number;
  /** navigator.onLine */
  online: boolean;
  /** The server refused the session: no retry will help. */
  refused: boolean;
}

export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.refused || !facts.online) return 'offline';
  if (facts.connected && facts.lastPushAt !== null && facts.now - facts.lastPushAt <= LIVE_WINDOW_MS) return 'live';
  if (facts.failures >= OFFLINE_AFTER_FAILURES) return 'offline';
  return facts.lastPushAt === null ? 'connecting' : 'reconnecting';
}

/** The sentence beside the indicator when it is not live. */
export function connectionProblem(facts: ConnectionFacts, lastError: string | null): string | null {
  const status = connectionStatus(facts);
  if (status === 'live' || status === 'connecting') return null;
  if (!facts.online) return 'This browser is offline';
  if (facts.refused) return lastError ?? 'The server refused this admin session';
  if (facts.connected) return 'Connected, waiting for fresh numbers';
  return lastError ? `Can't reach the server (${lastError})` : "Can't reach the server";
}
