/**
 * Runs async jobs with at most `limit` in flight, so a sweep over hundreds of
 * objects never floods the worker channel. Resolves when all have settled;
 * a failing job is reported to `onError` and does not stop the others.
 */
export async function runLimited(
  jobs: readonly (() => Promise<void>)[],
  limit: number,
  onError: (error: unknown, index: number) => void,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      try {
        await jobs[index]!();
      } catch (error) {
        onError(error, index);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, lane));
}
