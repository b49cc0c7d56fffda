/**
 * One error type for the whole app. `code` is what clients branch on; `status`
 * is the HTTP status used when the error reaches REST.
 */
export const ERROR_CODES = {
  invalid_payload: 400,
  unknown_event: 400,
  not_in_room: 409,
  already_joined: 409,
  not_found: 404,
  room_full: 403,
  stream_live: 409,
  limit_exceeded: 429,
  rate_limited: 429,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code];
  }

  toJSON(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** Anything thrown becomes a body safe to send: internal details stay in the log. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toJSON();
  return { code: 'internal', message: 'Internal server error' };
}
