/*
 * Replaces secret values in a log context, at any depth. A key is secret when
 * its name ends in one of these words (case aside): adminToken, sessionToken,
 * headers.authorization, auth.password, set-cookie all match.
 */
export const REDACTED = '[redacted]';

const SECRET_SUFFIXES = ['token', 'authorization', 'password', 'secret', 'cookie'];

// Contexts are small; this only stops a pathological or cyclic object.
const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with every secret key's value replaced. Only plain
 * objects and arrays are walked: an Error or a Date is left to pino's
 * serializers, and the input is never mutated (callers reuse their objects).
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return REDACTED as T;
    return value.map((item) => redactSecrets(item, depth + 1)) as T;
  }
  if (!isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return REDACTED as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : redactSecrets(item, depth + 1);
  }
  return copy as T;
}
