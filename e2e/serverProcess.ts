import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';

/*
 * A podium server of a spec's own, beside the shared one from
 * playwright.config.ts: for settings the shared server must not have (a join
 * secret, TURN) or for stopping and starting it. Each caller picks a port, a
 * database and an RTC port range no other server uses.
 */

export interface ServerOptions {
  port: number;
  /** A path under data/, e.g. 'data/e2e-restart.db'. */
  database: string;
  rtcPorts: { min: number; max: number };
  /** Added to (and overriding) the defaults below. */
  env?: Record<string, string>;
}

export interface ServerProcess {
  baseUrl: string;
  /** Resolves once /api/health answers 200. */
  waitHealthy(): Promise<void>;
  /** SIGTERM, then resolves when the process has exited; safe to call twice. */
  stop(): Promise<void>;
}

export { removeDatabase } from '../scripts/lib/localServer';

export function startServer(options: ServerOptions): ServerProcess {
  const baseUrl = `http://localhost:${options.port}`;
  // tsx as a loader in this very process: a signal reaches the server itself, not a wrapper.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      DATABASE_URL: `file:./${options.database}`,
      STUN_URLS: '',
      MEDIASOUP_NUM_WORKERS: '1',
      MEDIASOUP_RTC_MIN_PORT: String(options.rtcPorts.min),
      MEDIASOUP_RTC_MAX_PORT: String(options.rtcPorts.max),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  return {
    baseUrl,
    async waitHealthy() {
      await expect
        .poll(
          async () => {
            // A server that refused its settings will never answer: say so instead of timing out.
            if (child.exitCode !== null) throw new Error(`the server on port ${options.port} exited with code ${child.exitCode}`);
            return fetch(`${baseUrl}/api/health`).then((r) => r.status, () => 0);
          },
          { timeout: 60_000, intervals: [250] },
        )
        .toBe(200);
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
