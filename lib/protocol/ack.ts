import type { ErrorBody } from './errors';

/** Every request is answered through its acknowledgement with exactly this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (response: Ack<T>) => void;

export function okAck<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function errorAck(error: ErrorBody): Ack<never> {
  return { ok: false, error };
}
