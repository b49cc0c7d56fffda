import type { ConsumerView, ProducerView, RoomDetail, RoomSummary, ServerOverview } from '../lib/analytics/types';
import { AppError } from '../lib/protocol/errors';
import type { Connection } from './connection';

/*
 * The analytics REST API (SPEC 5) as typed calls. Each method returns the body
 * exactly as the server sent it, so `--json` prints what scripts would get
 * from curl; every failure becomes an AppError whose message says what to fix.
 */

export interface RoomList {
  rooms: RoomSummary[];
}
export interface ProducerList {
  producers: ProducerView[];
}
export interface ConsumerList {
  consumers: ConsumerView[];
}
/** What `all <id>` shows: the room and its producers and consumers, each from its own endpoint. */
export interface RoomBundle {
  room: RoomDetail;
  producers: ProducerView[];
  consumers: ConsumerView[];
}

export interface ClientOptions {
  /** A server that accepts the connection but never answers is as good as down. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const URL_HINT = 'pass --url or set PODIUM_URL';

/** The server's own `{ error: { code, message } }`, if the body is one. */
function serverMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

/** fetch hides the socket error in `cause` (an AggregateError when both IPv4 and IPv6 were tried). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
  return cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? cause?.message ?? String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class AnalyticsClient {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(connection: Connection, options: ClientOptions = {}) {
    this.#baseUrl = connection.baseUrl;
    this.#token = connection.token;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get baseUrl(): string {
    return this.#baseUrl;
  }

  server(signal?: AbortSignal): Promise<ServerOverview> {
    return this.#get('/analytics/server', signal);
  }

  rooms(signal?: AbortSignal): Promise<RoomList> {
    return this.#get('/analytics/rooms', signal);
  }

  room(roomId: string, signal?: AbortSignal): Promise<RoomDetail> {
    return this.#get(`/analytics/rooms/${encodeURIComponent(roomId)}`, signal);
  }

  producers(roomId: string, signal?: AbortSignal): Promise<ProducerList> {
    return this.#get(`/analytics/rooms/${encodeURIComponent(roomId)}/producers`, signal);
  }

  producer(roomId: string, producerId: string, signal?: AbortSignal): Promise<ProducerView> {
    return this.#get(`/analytics/rooms/${encodeURIComponent(roomId)}/producers/${encodeURIComponent(producerId)}`, signal);
  }

  consumers(roomId: string, signal?: AbortSignal): Promise<ConsumerList> {
    return this.#get(`/analytics/rooms/${encodeURIComponent(roomId)}/consumers`, signal);
  }

  consumer(roomId: string, consumerId: string, signal?: AbortSignal): Promise<ConsumerView> {
    return this.#get(`/analytics/rooms/${encodeURIComponent(roomId)}/consumers/${encodeURIComponent(consumerId)}`, signal);
  }

  async all(roomId: string, signal?: AbortSignal): Promise<RoomBundle> {
    const [room, producers, consumers] = await Promise.all([
      this.room(roomId, signal),
      this.producers(roomId, signal),
      this.consumers(roomId, signal),
    ]);
    return { room, producers: producers.producers, consumers: consumers.consumers };
  }

  async #get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await this.#send(path, signal);
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) throw this.#httpError(response.status, path, body);
    if (body === undefined) {
      throw new AppError('unavailable', `${this.#baseUrl}${path} did not answer JSON; is ${this.#baseUrl} the Podium server? (${URL_HINT})`);
    }
    return body as T;
  }

  async #send(path: string, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    try {
      return await fetch(`${this.#baseUrl}${path}`, {
        headers: { authorization: `Bearer ${this.#token}`, accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      // The caller stopping us (monitor's Ctrl-C) is not a server problem.
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new AppError('unavailable', `the Podium server at ${this.#baseUrl} did not answer within ${this.#timeoutMs / 1000} s; is it running? (${URL_HINT})`);
      }
      throw new AppError('unavailable', `cannot reach the Podium server at ${this.#baseUrl} (${networkReason(error)}); is it running? (${URL_HINT})`);
    }
  }

  #httpError(status: number, path: string, body: unknown): AppError {
    const message = serverMessage(body);
    if (status === 401) {
      return new AppError('unauthorized', `the server wants an admin token (401${message ? `: ${message}` : ''}); pass --token <token> or set ADMIN_TOKEN`);
    }
    if (status === 403) {
      return new AppError('forbidden', `the server refused the admin token (403${message ? `: ${message}` : ''}); check --token or ADMIN_TOKEN`);
    }
    if (status === 404 && message) return new AppError('not_found', message);
    if (message === undefined) {
      return new AppError('unavailable', `${this.#baseUrl}${path} answered ${status} without Podium's JSON error; is ${this.#baseUrl} the Podium server? (${URL_HINT})`);
    }
    return new AppError(status >= 500 ? 'unavailable' : 'internal', `the server answered ${status} for ${path}: ${message}`);
  }
}
