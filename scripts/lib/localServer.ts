import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

/*
 * This app's server started by a script (capture, benchmarks) on its own
 * port, database and media port range, so it never meets the e2e server.
 */

export const ROOT = path.resolve(__dirname, '../..');

export interface LocalServerOptions {
  port: number;
  databaseFile: string;
  adminToken: string;
  rtcPorts: [number, number];
}

/**
 * The environment of a server a script or test starts: its own port, database,
 * admin token and media ports; loopback only (no public STUN); quiet logs.
 */
export function localServerEnv(options: LocalServerOptions, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(options.port),
    DATABASE_URL: `file:${options.databaseFile}`,
    ADMIN_TOKEN: options.adminToken,
    STUN_URLS: '',
    MEDIASOUP_RTC_MIN_PORT: String(options.rtcPorts[0]),
    MEDIASOUP_RTC_MAX_PORT: String(options.rtcPorts[1]),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Deletes a SQLite database and its WAL and journal files, for a run that needs a fresh history. */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/** Production mode when a build exists (what users run); dev mode compiles pages on demand otherwise. */
export function startServer(options: LocalServerOptions): ChildProcess {
  const production = existsSync(path.join(ROOT, '.next/BUILD_ID'));
  const child = spawn('npx', ['tsx', 'server.ts'], {
    cwd: ROOT,
    // Its own process group, so stopping it also stops tsx's node and the mediasoup workers.
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: localServerEnv(options, { NODE_ENV: production ? 'production' : 'development' }),
  });
  console.log(`server: pid ${child.pid}, ${production ? 'production' : 'dev'} mode, port ${options.port}`);
  return child;
}

export function stopServer(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export async function waitForHealth(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${baseUrl}/api/health did not answer within ${timeoutMs} ms`);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const FAKE_MEDIA_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
