import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyJoinToken } from '../server/auth/joinTokens';
import { runCli } from './commands';
import { EXIT_CODES } from './errors';
import { roomDetail, roomSummary, serverOverview } from './testFixtures';
import { startFixtureServer, unusedPort, type FixtureServer } from './testServer';

/*
 * The whole program in-process (commander, client, rendering) against a real
 * HTTP server: what a person or a script sees on stdout, stderr and in $?.
 */

const TOKEN = 'commands-test-token';
const now = new Date();
const ROOM = 'cli-room';
const room = roomDetail(ROOM, now);
const [producer] = room.producers;
const [consumer] = room.consumers;
const server = serverOverview(now);
const rooms = { rooms: [roomSummary(ROOM, now)] };

class Capture extends Writable {
  text = '';
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  #onWrite: (text: string) => void;

  constructor(onWrite: (text: string) => void = () => {}) {
    super();
    this.#onWrite = onWrite;
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    this.#onWrite(this.text);
    done();
  }
}

interface RunOptions {
  env?: Record<string, string | undefined>;
  stdout?: Capture;
  interrupt?: AbortSignal;
  now?: () => Date;
}

async function stats(args: string[], options: RunOptions = {}) {
  const stdout = options.stdout ?? new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { env: options.env ?? {}, stdout, stderr, interrupt: options.interrupt, now: options.now ?? (() => now) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function expectOneErrorLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^error: /);
  return stderr.trim();
}

let api: FixtureServer;
const auth = () => ['--url', api.url, '--token', TOKEN];

beforeEach(async () => {
  api = await startFixtureServer(TOKEN, {
    '/analytics/server': server,
    '/analytics/rooms': rooms,
    [`/analytics/rooms/${ROOM}`]: room,
    [`/analytics/rooms/${ROOM}/producers`]: { producers: room.producers },
    [`/analytics/rooms/${ROOM}/producers/${producer.id}`]: producer,
    [`/analytics/rooms/${ROOM}/consumers`]: { consumers: room.consumers },
    [`/analytics/rooms/${ROOM}/consumers/${consumer.id}`]: consumer,
  });
});
afterEach(() => api.close());

describe('commands print tables', () => {
  const cases: [string, string[], string[]][] = [
    ['server', ['server'], [server.nodeId, ...server.workers.map((w) => String(w.pid))]],
    ['rooms', ['rooms'], [ROOM]],
    ['room', ['room', ROOM], [ROOM, ...room.peers.map((p) => p.displayName), producer.id, consumer.id]],
    ['producers', ['producers', ROOM], room.producers.map((p) => p.id)],
    ['consumers', ['consumers', ROOM], room.consumers.map((c) => c.id)],
    ['producer', ['producer', ROOM, producer.id], [producer.id, producer.peerName]],
    ['consumer', ['consumer', ROOM, consumer.id], [consumer.id, consumer.peerName, consumer.producerPeerName]],
    ['all', ['all', ROOM], [ROOM, ...room.peers.map((p) => p.displayName), ...room.producers.map((p) => p.id), ...room.consumers.map((c) => c.id)]],
  ];

  it.each(cases)('%s', async (_name, args, expected) => {
    const result = await stats([...args, ...auth()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_CODES.ok);
    for (const text of expected) expect(result.stdout).toContain(text);
    expect(result.stdout).toContain('┌');
  });
});

describe('--json prints the body', () => {
  const cases: [string, string[], unknown][] = [
    ['server', ['server'], server],
    ['rooms', ['rooms'], rooms],
    ['room', ['room', ROOM], room],
    ['producers', ['producers', ROOM], { producers: room.producers }],
    ['consumers', ['consumers', ROOM], { consumers: room.consumers }],
    ['producer', ['producer', ROOM, producer.id], producer],
    ['consumer', ['consumer', ROOM, consumer.id], consumer],
    ['all', ['all', ROOM], { room, producers: room.producers, consumers: room.consumers }],
  ];

  it.each(cases)('%s', async (_name, args, body) => {
    const result = await stats([...args, '--json', ...auth()]);
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(JSON.parse(result.stdout)).toEqual(body);
  });
});

describe('where the CLI connects', () => {
  it('reads PODIUM_URL and ADMIN_TOKEN when no flag is given', async () => {
    const result = await stats(['rooms', '--json'], { env: { PODIUM_URL: api.url, ADMIN_TOKEN: TOKEN } });
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(api.requests).toEqual([{ path: '/analytics/rooms', authorization: `Bearer ${TOKEN}` }]);
  });

  it('takes the options before the command too, and flags over the environment', async () => {
    const result = await stats([...auth(), '--json', 'rooms'], { env: { PODIUM_URL: 'http://127.0.0.1:1', ADMIN_TOKEN: 'stale' } });
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(JSON.parse(result.stdout)).toEqual(rooms);
  });
});

describe('failures: one line on stderr and a non-zero exit code', () => {
  it('a wrong token', async () => {
    const result = await stats(['rooms', '--url', api.url, '--token', 'not-the-token']);
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stdout).toBe('');
    expect(expectOneErrorLine(result.stderr)).toMatch(/refused the admin token \(403.*--token/);
  });

  it('no token at all, without asking the server', async () => {
    const result = await stats(['rooms', '--url', api.url]);
    expect(result.code).toBe(EXIT_CODES.auth);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain('--token');
    expect(line).toContain('ADMIN_TOKEN');
    expect(api.requests).toEqual([]);
  });

  it('a server that is not there', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const result = await stats(['server', '--url', url, '--token', TOKEN]);
    expect(result.code).toBe(EXIT_CODES.unreachable);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain(url);
    expect(line).toContain('--url');
  });

  it.each([
    ['room', ['room', 'nope']],
    ['producer', ['producer', ROOM, 'nope']],
    ['consumer', ['consumer', ROOM, 'nope']],
  ])("an unknown %s, with the server's message", async (_name, args) => {
    const result = await stats([...args, ...auth()]);
    expect(result.code).toBe(EXIT_CODES.notFound);
    expect(expectOneErrorLine(result.stderr)).toContain('nope');
  });

  it.each([
    ['a missing argument', ['room'], "missing required argument 'roomId'"],
    ['an unknown command', ['roomz'], "unknown command 'roomz'"],
    ['an unknown option', ['rooms', '--bogus'], "unknown option '--bogus'"],
    ['a bad interval', ['monitor', ROOM, '--interval', '0'], "'--interval <seconds>' argument '0' is invalid"],
  ])("%s: commander's message", async (_name, args, message) => {
    const result = await stats(args);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(expectOneErrorLine(result.stderr)).toContain(message);
    expect(api.requests).toEqual([]);
  });

  it('a --url that is not an http URL', async () => {
    const result = await stats(['rooms', '--url', 'localhost:3000', '--token', TOKEN]);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(expectOneErrorLine(result.stderr)).toContain('pass --url like');
  });

  it('--help is not a failure', async () => {
    const result = await stats(['--help']);
    expect(result.code).toBe(EXIT_CODES.ok);
    for (const command of ['server', 'rooms', 'room', 'producers', 'consumers', 'producer', 'consumer', 'all', 'monitor', 'mint-link']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });
});

describe('monitor', () => {
  const INTERVAL = ['--interval', '0.02'];

  /** Stops the monitor once its stdout satisfies `done`. */
  function stopWhen(done: (text: string) => boolean) {
    const controller = new AbortController();
    const stdout = new Capture((text) => {
      if (done(text)) controller.abort();
    });
    return { stdout, interrupt: controller.signal };
  }

  it('--json prints one body per refresh until interrupted, then exits 0', async () => {
    const result = await stats(['monitor', ROOM, '--json', ...INTERVAL, ...auth()], stopWhen((t) => t.split('\n').length > 3));
    expect(result.code).toBe(EXIT_CODES.ok);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(JSON.parse(line)).toEqual(room);
  });

  it('keeps going when a refresh fails, and says so', async () => {
    const run = stats(['monitor', ROOM, ...INTERVAL, ...auth()], stopWhen((t) => t.includes('refresh failed')));
    await expect.poll(() => api.requests.length).toBeGreaterThan(0);
    await api.close();
    const result = await run;
    expect(result.code).toBe(EXIT_CODES.ok);
    const frames = result.stdout.trim().split('\n\n');
    expect(frames[frames.length - 1]).toMatch(/refresh failed at .*cannot reach the Podium server at .* showing data from/);
    expect(result.stdout).toContain(room.peers[0].displayName);
  });

  it('redraws in place on a terminal', async () => {
    const screen = stopWhen((t) => t.split('updated').length > 2);
    Object.assign(screen.stdout, { isTTY: true, columns: 400, rows: 200 });
    let tick = now.getTime();
    const clock = () => new Date((tick += 1000));
    const result = await stats(['monitor', ROOM, ...INTERVAL, ...auth()], { ...screen, now: clock });
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(result.stdout).toContain(room.peers[1].displayName);
    // The next frame overwrites the last: the cursor goes back up and erases, nothing is appended below.
    expect(result.stdout).toMatch(/\u001B\[\d*A/);
    expect(result.stdout).toContain('\u001B[2K');
  });

  it('fails at once when the first refresh fails', async () => {
    const result = await stats(['monitor', 'gone', ...INTERVAL, ...auth()]);
    expect(result.code).toBe(EXIT_CODES.notFound);
    expectOneErrorLine(result.stderr);
  });
});

describe('mint-link', () => {
  const SECRET = 'commands-test-join-secret-0123456789abcdef';
  const DAY_MS = 86_400_000;

  /** The token in a printed link, checked the way the server will check it. */
  function tokenOf(link: string): string {
    const token = new URL(link).searchParams.get('token');
    expect(token).toBeTruthy();
    return token ?? '';
  }

  it('prints a participant link for the room that expires in a day, without asking the server', async () => {
    const result = await stats(['mint-link', ROOM, '--url', api.url, '--secret', SECRET]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(result.stdout.endsWith('\n')).toBe(true);
    const link = result.stdout.trim();
    expect(link.startsWith(`${api.url}/room/${ROOM}?token=`)).toBe(true);
    const token = tokenOf(link);
    await expect(verifyJoinToken(SECRET, token, ROOM, now.getTime())).resolves.toEqual({ roomId: ROOM, role: 'participant' });
    await expect(verifyJoinToken(SECRET, token, ROOM, now.getTime() + DAY_MS)).rejects.toThrow(/expired/);
    expect(api.requests).toEqual([]);
  });

  it('--name, --host and --ttl end up in the token', async () => {
    const result = await stats(['mint-link', ROOM, '--url', api.url, '--secret', SECRET, '--name', '  Ada  ', '--host', '--ttl', '60']);
    expect(result.code).toBe(EXIT_CODES.ok);
    const token = tokenOf(result.stdout.trim());
    await expect(verifyJoinToken(SECRET, token, ROOM, now.getTime() + 59_000)).resolves.toEqual({ roomId: ROOM, role: 'host', name: 'Ada' });
    await expect(verifyJoinToken(SECRET, token, ROOM, now.getTime() + 60_000)).rejects.toThrow(/expired/);
  });

  it('reads JOIN_TOKEN_SECRET and PODIUM_URL, with --secret over the environment', async () => {
    const env = { PODIUM_URL: 'https://podium.example/base/', JOIN_TOKEN_SECRET: SECRET };
    const fromEnv = await stats(['mint-link', ROOM], { env });
    expect(fromEnv.code).toBe(EXIT_CODES.ok);
    expect(fromEnv.stdout.startsWith(`https://podium.example/base/room/${ROOM}?token=`)).toBe(true);
    await expect(verifyJoinToken(SECRET, tokenOf(fromEnv.stdout.trim()), ROOM, now.getTime())).resolves.toMatchObject({ roomId: ROOM });

    const other = 'a-different-secret-also-long-enough-0123456789';
    const fromFlag = await stats(['mint-link', ROOM, '--secret', other], { env });
    expect(fromFlag.code).toBe(EXIT_CODES.ok);
    await expect(verifyJoinToken(other, tokenOf(fromFlag.stdout.trim()), ROOM, now.getTime())).resolves.toMatchObject({ roomId: ROOM });
  });

  it('without --url, links to the default server', async () => {
    const result = await stats(['mint-link', ROOM, '--secret', SECRET]);
    expect(result.stdout.startsWith(`http://localhost:3000/room/${ROOM}?token=`)).toBe(true);
  });

  it('--json prints { link, token, expiresAt }', async () => {
    const result = await stats(['--json', 'mint-link', ROOM, '--url', api.url, '--secret', SECRET, '--ttl', '3600']);
    expect(result.code).toBe(EXIT_CODES.ok);
    const body = JSON.parse(result.stdout) as { link: string; token: string; expiresAt: string };
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'link', 'token']);
    expect(tokenOf(body.link)).toBe(body.token);
    const expected = new Date(Math.floor(now.getTime() / 1000) * 1000 + 3_600_000);
    expect(body.expiresAt).toBe(expected.toISOString());
    await expect(verifyJoinToken(SECRET, body.token, ROOM, now.getTime())).resolves.toEqual({ roomId: ROOM, role: 'participant' });
  });

  it('no secret: one line naming --secret and JOIN_TOKEN_SECRET, exit code for a missing credential', async () => {
    for (const env of [{}, { JOIN_TOKEN_SECRET: '' }]) {
      const result = await stats(['mint-link', ROOM, '--url', api.url], { env });
      expect(result.code).toBe(EXIT_CODES.auth);
      expect(result.stdout).toBe('');
      const line = expectOneErrorLine(result.stderr);
      expect(line).toContain('--secret');
      expect(line).toContain('JOIN_TOKEN_SECRET');
    }
  });

  it('a short secret is a bad argument, and is not echoed', async () => {
    const short = 'short-secret-value';
    const flag = await stats(['mint-link', ROOM, '--secret', short]);
    expect(flag.code).toBe(EXIT_CODES.usage);
    expect(expectOneErrorLine(flag.stderr)).toMatch(/--secret must be at least 32 bytes/);
    expect(flag.stderr).not.toContain(short);

    const env = await stats(['mint-link', ROOM], { env: { JOIN_TOKEN_SECRET: short } });
    expect(env.code).toBe(EXIT_CODES.usage);
    expect(expectOneErrorLine(env.stderr)).toMatch(/JOIN_TOKEN_SECRET must be at least 32 bytes/);
  });

  it.each([
    ['a bad room id', ['mint-link', 'no/such room', '--secret', SECRET], 'is not a room id'],
    ['a blank name', ['mint-link', ROOM, '--secret', SECRET, '--name', '  '], 'is not a display name'],
    ['a bad --url', ['mint-link', ROOM, '--secret', SECRET, '--url', 'localhost:3000'], 'pass --url like'],
  ])('%s: exit code for bad arguments', async (_name, args, message) => {
    const result = await stats(args);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stdout).toBe('');
    expect(expectOneErrorLine(result.stderr)).toContain(message);
  });

  it.each(['0', '-5', '1.5', 'soon'])('--ttl %s is refused by commander', async (ttl) => {
    const result = await stats(['mint-link', ROOM, '--secret', SECRET, '--ttl', ttl]);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(expectOneErrorLine(result.stderr)).toContain("'--ttl <seconds>'");
  });

  it('a missing room id', async () => {
    const result = await stats(['mint-link', '--secret', SECRET]);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(expectOneErrorLine(result.stderr)).toContain("missing required argument 'roomId'");
  });
});
