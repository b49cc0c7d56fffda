import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A real HTTP server on loopback for the CLI's tests, speaking the analytics
 * API's auth and error contract (SPEC 5/6): 401 without a bearer token, 403
 * with a wrong one, 404 `{ error }` for paths it does not know.
 */

export type RouteAnswer = unknown | ((res: http.ServerResponse) => void);

export interface FixtureServer {
  url: string;
  /** Every request seen, in order. */
  requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFixtureServer(token: string, routes: Record<string, RouteAnswer>): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, authorization: req.headers.authorization });
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    if (!bearer) return sendJson(res, 401, { error: { code: 'unauthorized', message: 'Admin credential required' } });
    if (bearer !== token) return sendJson(res, 403, { error: { code: 'forbidden', message: 'Wrong admin token' } });
    if (!(path in routes)) return sendJson(res, 404, { error: { code: 'not_found', message: `Nothing at ${decodeURIComponent(path)}` } });
    const answer = routes[path];
    if (typeof answer === 'function') return (answer as (res: http.ServerResponse) => void)(res);
    sendJson(res, 200, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that was free a moment ago and has nothing listening now. */
export async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
