import { AppError } from '@/lib/protocol';
import { log } from '@/server/log';

/** mediasoup signals bad parameters with these; they are the client's fault, not ours. */
const CLIENT_ERROR_NAMES = new Set(['TypeError', 'UnsupportedError']);

/** What a failed request (or one item of a batch) tells the client; anything unexpected is logged as ours. */
export function classify(error: unknown, context: Record<string, unknown>): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error && CLIENT_ERROR_NAMES.has(error.name)) {
    return new AppError('invalid_payload', error.message);
  }
  log.error('signaling', 'request failed', { ...context, error: error instanceof Error ? error.stack : String(error) });
  return new AppError('internal', 'Internal server error');
}
