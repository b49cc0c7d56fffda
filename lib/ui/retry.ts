/** Seconds before the n-th automatic retry (0-based) of a join the server did not answer: soon, then backing off. */
export function retryDelaySeconds(attempt: number): number {
  const steps = [3, 5, 10, 20, 30];
  return steps[Math.min(Math.max(0, Math.floor(attempt)), steps.length - 1)]!;
}
