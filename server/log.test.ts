import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childLogger, createLog, createLogger, type Level, levelFromEnv } from './log';

/** A logger writing into memory, and the JSON lines it wrote so far. */
function capture(level: Level = 'debug') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(destination, level);
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, log: createLog(logger), text, lines };
}

describe('log', () => {
  it('writes one JSON line with level, time, scope, message and context', () => {
    const { log, lines } = capture();
    log.warn('sfu', 'transport DTLS failed', { room: 'r1', transport: 't1', direction: 'send' });

    const [line] = lines();
    expect(lines()).toHaveLength(1);
    expect(line).toMatchObject({ level: 'warn', scope: 'sfu', msg: 'transport DTLS failed', room: 'r1', transport: 't1', direction: 'send' });
    expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
    expect(line.pid).toBe(process.pid);
  });

  it('keeps each scope on its own lines', () => {
    const { log, lines } = capture();
    log.info('db', 'first');
    log.info('signaling', 'second');
    log.info('db', 'third');

    expect(lines().map((line) => [line.scope, line.msg])).toEqual([
      ['db', 'first'],
      ['signaling', 'second'],
      ['db', 'third'],
    ]);
  });

  it('drops lines below the level', () => {
    const { log, lines } = capture('warn');
    log.debug('x', 'debug line');
    log.info('x', 'info line');
    log.warn('x', 'warn line');
    log.error('x', 'error line');

    expect(lines().map((line) => line.level)).toEqual(['warn', 'error']);
  });

  it('serialises an Error in the context with its message and stack', () => {
    const { log, lines } = capture();
    log.error('http', 'request failed', { error: new Error('boom') });

    const error = lines()[0].error as Record<string, unknown>;
    expect(error.message).toBe('boom');
    expect(String(error.stack)).toContain('boom');
  });
});

describe('redaction', () => {
  const SECRETS = ['s-admin', 's-token', 's-auth', 's-password', 's-secret', 's-nested-admin', 's-header', 's-cookie', 's-deep'];

  it('never writes a secret from the context, at any depth', () => {
    const { log, lines, text } = capture();
    log.info('admin', 'request', {
      adminToken: 's-admin',
      token: 's-token',
      authorization: 's-auth',
      password: 's-password',
      secret: 's-secret',
      auth: { adminToken: 's-nested-admin' },
      headers: { authorization: 'Bearer s-header', cookie: 'podium_admin=s-cookie', host: 'localhost' },
      deep: { a: { b: { c: [{ sessionToken: 's-deep' }] } } },
      room: 'r1',
    });

    for (const secret of SECRETS) expect(text()).not.toContain(secret);
    const line = lines()[0];
    expect(line).toMatchObject({
      adminToken: '[redacted]',
      auth: { adminToken: '[redacted]' },
      headers: { authorization: '[redacted]', cookie: '[redacted]', host: 'localhost' },
      deep: { a: { b: { c: [{ sessionToken: '[redacted]' }] } } },
      room: 'r1',
    });
  });

  it('leaves the caller’s context object untouched', () => {
    const { log } = capture();
    const context = { headers: { authorization: 'Bearer x' } };
    log.info('admin', 'request', context);
    expect(context.headers.authorization).toBe('Bearer x');
  });

  it('keeps a token that is the message itself (the generated admin token is printed once)', () => {
    const { log, text } = capture();
    log.warn('admin', 'ADMIN_TOKEN is not set; generated one for this run: abc123');
    expect(text()).toContain('abc123');
  });
});

describe('childLogger', () => {
  it('puts its bindings on every line, and a grandchild adds to them', () => {
    const { logger, lines } = capture();
    const peer = childLogger({ scope: 'sfu', room: 'r1', peer: 'p1' }, logger);
    peer.info('joined');
    childLogger({ transport: 't1' }, peer).warn({ state: 'failed' }, 'ICE failed');

    expect(lines()).toEqual([
      expect.objectContaining({ scope: 'sfu', room: 'r1', peer: 'p1', msg: 'joined' }),
      expect.objectContaining({ scope: 'sfu', room: 'r1', peer: 'p1', transport: 't1', state: 'failed', msg: 'ICE failed' }),
    ]);
  });

  it('redacts secrets in its bindings and in what it logs', () => {
    const { logger, text } = capture();
    const child = childLogger({ room: 'r1', adminToken: 's-binding' }, logger);
    child.info({ headers: { authorization: 'Bearer s-line' } }, 'request');

    expect(text()).not.toContain('s-binding');
    expect(text()).not.toContain('s-line');
    expect(text()).toContain('"room":"r1"');
  });
});

describe('levelFromEnv', () => {
  it('takes the four levels and falls back to info', () => {
    expect(['debug', 'info', 'warn', 'error'].map(levelFromEnv)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(levelFromEnv(undefined)).toBe('info');
    expect(levelFromEnv('verbose')).toBe('info');
  });
});

describe('the process logger', () => {
  it('has written an error line when process.exit follows it at once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podium-log-'));
    const script = path.join(dir, 'exit.ts');
    const logModule = fileURLToPath(new URL('./log.ts', import.meta.url));
    writeFileSync(
      script,
      `import { log } from ${JSON.stringify(logModule)};\n` +
        `log.error('server', 'fatal before exit', { code: 7 });\nprocess.exit(1);\n`,
    );
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'info' },
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'error', scope: 'server', msg: 'fatal before exit', code: 7 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
