/** Page sizes for list queries: a default, and a cap no caller can exceed. */
export interface LimitRule {
  fallback: number;
  max: number;
}

/**
 * The number of rows to take: the caller's limit floored and kept within
 * 1..max, or the fallback when none (or no number) was given. Clamping rather
 * than refusing: a page size is a wish, not something worth a failed request.
 */
export function clampLimit(limit: number | undefined, rule: LimitRule): number {
  if (limit === undefined || !Number.isFinite(limit)) return rule.fallback;
  return Math.min(rule.max, Math.max(1, Math.floor(limit)));
}
