import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mediasoupVersion, resolveWorkerBinary, workerCacheDir } from './workerBinary';

// Next's types make NODE_ENV a required key of ProcessEnv; these env objects are partial on purpose.
const envOf = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

const VERSION = '3.12.16';
const PLATFORM_DIR = `mediasoup-worker-${VERSION}-${process.platform}-${process.arch}`;

describe('workerCacheDir', () => {
  it('uses XDG_CACHE_HOME when set', () => {
    expect(workerCacheDir(VERSION, envOf({ XDG_CACHE_HOME: '/xdg', HOME: '/home/u' }))).toBe(
      path.join('/xdg', 'podium', PLATFORM_DIR),
    );
  });

  it('falls back to $HOME/.cache', () => {
    expect(workerCacheDir(VERSION, envOf({ HOME: '/home/u' }))).toBe(path.join('/home/u', '.cache', 'podium', PLATFORM_DIR));
  });

  it('treats an empty XDG_CACHE_HOME as unset (as the shell script does)', () => {
    expect(workerCacheDir(VERSION, envOf({ XDG_CACHE_HOME: '', HOME: '/home/u' }))).toBe(
      path.join('/home/u', '.cache', 'podium', PLATFORM_DIR),
    );
  });

  it('puts the version, platform and arch in the directory name', () => {
    expect(path.basename(workerCacheDir('9.9.9', envOf({ HOME: '/h' })))).toBe(
      `mediasoup-worker-9.9.9-${process.platform}-${process.arch}`,
    );
  });
});

describe('resolveWorkerBinary', () => {
  let root: string;
  let cacheHome: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-worker-test-'));
    fs.mkdirSync(path.join(root, 'node_modules/mediasoup'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules/mediasoup/package.json'), JSON.stringify({ version: VERSION }));
    cacheHome = path.join(root, 'cache');
    // HOME points inside the temp dir too, so the real ~/.cache is never consulted.
    env = envOf({ XDG_CACHE_HOME: cacheHome, HOME: path.join(root, 'home') });
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function writeCachedWorker(stamp: (sha: string) => object, contents = '#!/bin/sh\nexit 41\n'): string {
    const dir = workerCacheDir(VERSION, env);
    fs.mkdirSync(dir, { recursive: true });
    const bin = path.join(dir, 'mediasoup-worker');
    fs.writeFileSync(bin, contents, { mode: 0o755 });
    const sha = createHash('sha256').update(contents).digest('hex');
    fs.writeFileSync(path.join(dir, 'stamp.json'), JSON.stringify(stamp(sha)));
    return bin;
  }

  it('reads the mediasoup version from the package', () => {
    expect(mediasoupVersion(root)).toBe(VERSION);
  });

  it('uses an executable MEDIASOUP_WORKER_BIN', () => {
    const bin = path.join(root, 'my-worker');
    fs.writeFileSync(bin, 'x', { mode: 0o755 });
    expect(resolveWorkerBinary(root, { ...env, MEDIASOUP_WORKER_BIN: bin })).toEqual({
      path: bin,
      origin: 'env',
      version: VERSION,
    });
  });

  it('throws when MEDIASOUP_WORKER_BIN is not executable', () => {
    const bin = path.join(root, 'not-executable');
    fs.writeFileSync(bin, 'x', { mode: 0o644 });
    expect(() => resolveWorkerBinary(root, { ...env, MEDIASOUP_WORKER_BIN: bin })).toThrow(/is not an executable file/);
  });

  it('throws when MEDIASOUP_WORKER_BIN does not exist or is a directory', () => {
    expect(() => resolveWorkerBinary(root, { ...env, MEDIASOUP_WORKER_BIN: path.join(root, 'missing') })).toThrow(
      /is not an executable file/,
    );
    expect(() => resolveWorkerBinary(root, { ...env, MEDIASOUP_WORKER_BIN: root })).toThrow(/is not an executable file/);
  });

  it("prefers mediasoup's own built worker over the cache", () => {
    writeCachedWorker((sha) => ({ version: VERSION, sha256: sha }));
    const packaged = path.join(root, 'node_modules/mediasoup/worker/out/Release/mediasoup-worker');
    fs.mkdirSync(path.dirname(packaged), { recursive: true });
    fs.writeFileSync(packaged, 'x', { mode: 0o755 });
    expect(resolveWorkerBinary(root, env)).toEqual({ path: packaged, origin: 'package', version: VERSION });
  });

  it('resolves a cached worker whose stamp matches', () => {
    const bin = writeCachedWorker((sha) => ({ version: VERSION, sha256: sha, platform: process.platform }));
    expect(resolveWorkerBinary(root, env)).toEqual({ path: bin, origin: 'cache', version: VERSION });
  });

  it('finds the cache under $HOME/.cache without XDG_CACHE_HOME', () => {
    env = envOf({ HOME: path.join(root, 'home') });
    const bin = writeCachedWorker((sha) => ({ version: VERSION, sha256: sha }));
    expect(bin.startsWith(path.join(root, 'home', '.cache'))).toBe(true);
    expect(resolveWorkerBinary(root, env).origin).toBe('cache');
  });

  it('throws on a stamp with the wrong sha256', () => {
    writeCachedWorker(() => ({ version: VERSION, sha256: '0'.repeat(64) }));
    expect(() => resolveWorkerBinary(root, env)).toThrow(/checksum mismatch.*ensure-worker\.sh --force/s);
  });

  it('throws on a stamp with the wrong version', () => {
    writeCachedWorker((sha) => ({ version: '3.12.15', sha256: sha }));
    expect(() => resolveWorkerBinary(root, env)).toThrow(/stamp 3\.12\.15.*ensure-worker\.sh --force/s);
  });

  it('ignores a cached worker that is not executable', () => {
    const bin = writeCachedWorker((sha) => ({ version: VERSION, sha256: sha }));
    fs.chmodSync(bin, 0o644);
    expect(() => resolveWorkerBinary(root, env)).toThrow(/npm run setup/);
  });

  it('ignores a cached worker without a stamp', () => {
    writeCachedWorker((sha) => ({ version: VERSION, sha256: sha }));
    fs.rmSync(path.join(workerCacheDir(VERSION, env), 'stamp.json'));
    expect(() => resolveWorkerBinary(root, env)).toThrow(/npm run setup/);
  });

  it('throws a message pointing at `npm run setup` when there is no worker anywhere', () => {
    expect(() => resolveWorkerBinary(root, env)).toThrow(/No mediasoup-worker binary for mediasoup 3\.12\.16.*npm run setup/s);
  });
});
