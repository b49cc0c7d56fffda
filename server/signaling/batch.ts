import { AppError, toErrorBody, type ErrorBody } from '@/lib/protocol';
import { classify } from './requestErrors';
import type { CallSession } from './types';

/**
 * A batch item costs a tenth of a request: the batch exists so that a
 * newcomer's ~200 consume and resume steps fit the budget, not so that one
 * request can make the worker do a hundred times the work of another.
 */
export const BATCH_ITEMS_PER_TOKEN = 10;

/** Takes a batch's cost beyond the one request dispatch already took. */
export function chargeBatch(session: CallSession, items: number): void {
  const extra = Math.floor(items / BATCH_ITEMS_PER_TOKEN);
  if (extra > 0 && !session.requests.take(extra)) {
    throw new AppError('rate_limited', 'Too many requests, slow down');
  }
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Runs one step per id, all at once; each succeeds or fails on its own, answered in the order given. */
export function settleEach<T>(ids: readonly string[], run: (id: string) => Promise<T>, context: Record<string, unknown>): Promise<Settled<T>[]> {
  return Promise.all(
    ids.map((id) =>
      run(id).then(
        (value): Settled<T> => ({ ok: true, value }),
        (error: unknown): Settled<T> => ({ ok: false, error: toErrorBody(classify(error, { ...context, item: id })) }),
      ),
    ),
  );
}
