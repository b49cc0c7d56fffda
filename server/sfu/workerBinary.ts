import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Finds the mediasoup-worker binary before mediasoup is imported (mediasoup
 * reads MEDIASOUP_WORKER_BIN once, at module load). Order: an explicit
 * MEDIASOUP_WORKER_BIN; mediasoup's own prebuilt/postinstall output; the cache
 * that scripts/ensure-worker.sh fills. The cache path formula must stay the
 * same as in that script.
 */

export interface WorkerBinary {
  path: string;
  origin: 'env' | 'package' | 'cache';
  version: string;
}

export function mediasoupVersion(root = process.cwd()): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/mediasoup/package.json'), 'utf8'));
  return String(pkg.version);
}

export function workerCacheDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(cacheHome, 'podium', `mediasoup-worker-${version}-${process.platform}-${process.arch}`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function verifyCachedWorker(dir: string, version: string): string {
  const bin = path.join(dir, 'mediasoup-worker');
  const stampFile = path.join(dir, 'stamp.json');
  if (!isExecutable(bin) || !fs.existsSync(stampFile)) return '';
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  const sha = createHash('sha256').update(fs.readFileSync(bin)).digest('hex');
  if (stamp.version !== version || stamp.sha256 !== sha) {
    throw new Error(
      `The cached mediasoup-worker in ${dir} does not match mediasoup ${version} (stamp ${stamp.version}, ` +
        `checksum ${stamp.sha256 === sha ? 'ok' : 'mismatch'}). Run \`bash scripts/ensure-worker.sh --force\`.`,
    );
  }
  return bin;
}

export function resolveWorkerBinary(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): WorkerBinary {
  const version = mediasoupVersion(root);
  if (env.MEDIASOUP_WORKER_BIN) {
    if (!isExecutable(env.MEDIASOUP_WORKER_BIN)) {
      throw new Error(`MEDIASOUP_WORKER_BIN=${env.MEDIASOUP_WORKER_BIN} is not an executable file.`);
    }
    return { path: env.MEDIASOUP_WORKER_BIN, origin: 'env', version };
  }
  const packaged = path.join(root, 'node_modules/mediasoup/worker/out/Release/mediasoup-worker');
  if (isExecutable(packaged)) return { path: packaged, origin: 'package', version };
  const cached = verifyCachedWorker(workerCacheDir(version, env), version);
  if (cached) return { path: cached, origin: 'cache', version };
  throw new Error(
    `No mediasoup-worker binary for mediasoup ${version}. Run \`npm run setup\`: it fetches mediasoup's ` +
      `prebuilt worker or, offline, builds one from Debian's libraries (scripts/ensure-worker.sh).`,
  );
}
