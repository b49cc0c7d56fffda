import {
  describeZodError,
  errorAck,
  okAck,
  requestSchemas,
  toErrorBody,
  type RequestName,
} from '@/lib/protocol';
import { requestHandlers } from './callHandlers';
import { classify } from './requestErrors';
import type { CallSession } from './types';

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
    // Throttled per socket: a client must not be able to flood the log with these.
    session.warnings.warn(session.socket.id, 'request without acknowledgement ignored', context);
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
