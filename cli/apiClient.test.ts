import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../lib/protocol/errors';
import { AnalyticsClient } from './apiClient';
import { roomDetail, roomSummary, serverOverview } from './testFixtures';
import { startFixtureServer, unusedPort, type FixtureServer } from './testServer';

const TOKEN = 'client-test-token';
const now = new Date();
const ROOM = 'room_1-a';
const room = roomDetail(ROOM, now);
const [producer] = room.producers;
const [consumer] = room.consumers;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('AnalyticsClient against a real HTTP server', () => {
  let server: FixtureServer;
  const client = () => new AnalyticsClient({ baseUrl: server.url, token: TOKEN });

  beforeEach(async () => {
    server = await startFixtureServer(TOKEN, {
      '/analytics/server': serverOverview(now),
      '/analytics/rooms': { rooms: [roomSummary(ROOM, now)] },
      [`/analytics/rooms/${ROOM}`]: room,
      [`/analytics/rooms/${ROOM}/producers`]: { producers: room.producers },
      [`/analytics/rooms/${ROOM}/producers/${producer.id}`]: producer,
      [`/analytics/rooms/${ROOM}/consumers`]: { consumers: room.consumers },
      [`/analytics/rooms/${ROOM}/consumers/${consumer.id}`]: consumer,
      '/analytics/rooms/a%20b%2Fc': roomDetail('a b/c', now),
      '/analytics/rooms/html': (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a Next page</html>'),
      '/analytics/rooms/broken': (res: http.ServerResponse) =>
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'internal', message: 'Internal server error' } })),
      '/analytics/rooms/silent': () => {},
    });
  });
  afterEach(() => server.close());

  it('sends the admin token as a bearer credential', async () => {
    await client().rooms();
    expect(server.requests).toEqual([{ path: '/analytics/rooms', authorization: `Bearer ${TOKEN}` }]);
  });

  it('answers each endpoint with its body as the server sent it', async () => {
    const c = client();
    expect(await c.server()).toEqual(serverOverview(now));
    expect(await c.rooms()).toEqual({ rooms: [roomSummary(ROOM, now)] });
    expect(await c.room(ROOM)).toEqual(room);
    expect(await c.producers(ROOM)).toEqual({ producers: room.producers });
    expect(await c.producer(ROOM, producer.id)).toEqual(producer);
    expect(await c.consumers(ROOM)).toEqual({ consumers: room.consumers });
    expect(await c.consumer(ROOM, consumer.id)).toEqual(consumer);
  });

  it('all() combines the room, producers and consumers endpoints', async () => {
    expect(await client().all(ROOM)).toEqual({ room, producers: room.producers, consumers: room.consumers });
    expect(server.requests.map((r) => r.path).sort()).toEqual(
      [`/analytics/rooms/${ROOM}`, `/analytics/rooms/${ROOM}/consumers`, `/analytics/rooms/${ROOM}/producers`].sort(),
    );
  });

  it('escapes ids so they stay one path segment', async () => {
    expect((await client().room('a b/c')).id).toBe('a b/c');
  });

  it('a wrong token is refused as forbidden, saying so', async () => {
    const error = await rejection(new AnalyticsClient({ baseUrl: server.url, token: 'wrong' }).rooms());
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('403');
    expect(error.message).toContain('Wrong admin token');
    expect(error.message).toContain('--token');
  });

  it('a request the server finds without credential is unauthorized, suggesting --token', async () => {
    const error = await rejection(new AnalyticsClient({ baseUrl: server.url, token: '' }).rooms());
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('401');
    expect(error.message).toContain('ADMIN_TOKEN');
  });

  it("an unknown id is not_found with the server's own message", async () => {
    const error = await rejection(client().producer(ROOM, 'no-such-producer'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(`Nothing at /analytics/rooms/${ROOM}/producers/no-such-producer`);
  });

  it('a 200 that is not JSON means this is not a Podium server', async () => {
    const error = await rejection(client().room('html'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('did not answer JSON');
    expect(error.message).toContain('--url');
  });

  it("a server error carries the server's message", async () => {
    const error = await rejection(client().room('broken'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('500');
    expect(error.message).toContain('Internal server error');
  });

  it('a server that never answers times out as unavailable', async () => {
    const error = await rejection(new AnalyticsClient({ baseUrl: server.url, token: TOKEN }, { timeoutMs: 200 }).room('silent'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('did not answer within 0.2 s');
  });

  it('a caller that aborts gets its own abort reason, not a server error', async () => {
    const controller = new AbortController();
    const pending = client().room('silent', controller.signal);
    const reason = new Error('stopped by the caller');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

it('an unreachable server is unavailable, naming the URL and --url', async () => {
  const baseUrl = `http://127.0.0.1:${await unusedPort()}`;
  const error = await rejection(new AnalyticsClient({ baseUrl, token: TOKEN }).server());
  expect(error.code).toBe('unavailable');
  expect(error.message).toContain(baseUrl);
  expect(error.message).toContain('ECONNREFUSED');
  expect(error.message).toContain('--url');
});
