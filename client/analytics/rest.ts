import { AppError, ERROR_CODES, type ErrorCode } from '@/lib/protocol/errors';

export type Query = Record<string, string | number | undefined>;

/** "/analytics/events?roomId=a&limit=50", leaving out empty values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The server's `{ error: { code, message } }`, or a sentence from the status when the body isn't that. */
export function errorFromResponse(status: number, body: unknown): AppError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (status === 401) return new AppError('unauthorized', 'Your admin session has ended: sign in again');
  if (error && isErrorCode(error.code) && typeof error.message === 'string') return new AppError(error.code, error.message);
  return new AppError(status === 404 ? 'not_found' : 'internal', `The server answered ${status}`);
}

/**
 * GET a same-origin analytics resource with the session cookie. Throws an
 * AppError whose message can be shown as is.
 */
export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch {
    throw new AppError('unavailable', "Can't reach the server. Check that it is running and try again.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromResponse(response.status, body);
  if (body === null) throw new AppError('internal', 'The server sent an answer that is not JSON');
  return body as T;
}
