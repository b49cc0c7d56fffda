import {
  AppError,
  describeZodError,
  errorAck,
  okAck,
  requestSchemas,
  toErrorBody,
  type RequestName,
} from '@/lib/protocol';
import { log } from '@/server/log';
import { requestHandlers } from './callHandlers';
import type { CallSession } from './types';

/** mediasoup signals bad parameters with these; they are the client's fault, not ours. */
const CLIENT_ERROR_NAMES = new Set(['TypeError', 'UnsupportedError']);

function classify(error: unknown, context: Record<string, unknown>): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error && CLIENT_ERROR_NAMES.has(error.name)) {
    return new AppError('invalid_payload', error.message);
  }
  log.error('signaling', 'request failed', { ...context, error: error instanceof Error ? error.stack : String(error) });
  return new AppError('internal', 'Internal server error');
}

/**
 * Runs one client request: rate limit, schema, handler, and always exactly one
 * acknowledgement. Nothing a client sends escapes as an exception.
 */
export async function dispatch(session: CallSession, name: RequestName, payload: unknown, ack: unknown): Promise<void> {
  // `socket.emit('leave-room', cb)` puts the callback where the payload goes.
  if (typeof payload === 'function' && ack === undefined) [payload, ack] = [undefined, payload];
  const context = {
    event: name,
    socket: session.socket.id,
    room: session.membership?.room.id,
    peer: session.membership?.peer.id,
  };
  if (typeof ack !== 'function') {
    log.warn('signaling', 'request without acknowledgement ignored', context);
    return;
  }
  const reply = ack as (response: unknown) => void;
  if (!session.requests.take()) {
    reply(errorAck({ code: 'rate_limited', message: 'Too many requests, slow down' }));
    return;
  }
  const parsed = requestSchemas[name].safeParse(payload);
  if (!parsed.success) {
    reply(errorAck({ code: 'invalid_payload', message: describeZodError(parsed.error) }));
    return;
  }
  try {
    const handler = requestHandlers[name] as (s: CallSession, p: unknown) => Promise<unknown>;
    reply(okAck(await handler(session, parsed.data)));
  } catch (error) {
    reply(errorAck(toErrorBody(classify(error, context))));
  }
}
