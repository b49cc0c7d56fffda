/**
 * Browsers send Origin; scripts and the CLI usually don't. Without a configured
 * list only the server's own origin is allowed, so another site can't open a
 * signaling socket in a visitor's browser.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.length > 0) return allowed.includes(origin) || allowed.includes('*');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
