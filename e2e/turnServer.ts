import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';

/*
 * A coturn of a spec's own on 127.0.0.1, with the TURN REST secret scheme
 * (`use-auth-secret`) that podium's TURN_SECRET signs for. `.ci/run` installs
 * coturn through scripts/system-deps.sh.
 *
 * It differs from the production config in the README on purpose: here the
 * podium server (the TURN peer) is on loopback, so loopback peers must be
 * allowed (`allow-loopback-peers`, and no `denied-peer-ip` for 127.0.0.0/8),
 * and there is no TLS to keep the test free of certificates. In production
 * relaying to loopback or private ranges would let anyone with credentials
 * reach the TURN host's own services.
 */

export interface TurnOptions {
  secret: string;
  realm: string;
  /** coturn's relay port range: a transport whose remote port is in it is relayed. */
  relayPorts: { min: number; max: number };
}

export interface TurnProcess {
  port: number;
  /** Everything coturn has logged so far. */
  log(): string;
  stop(): Promise<void>;
}

/** A UDP port nothing listens on right now (the OS picks it). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export async function startTurnServer(options: TurnOptions): Promise<TurnProcess> {
  // A missing coturn is a setup problem to name, not a timeout to puzzle over.
  const probe = spawnSync('turnserver', ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`cannot run turnserver (${probe.error.message}); install coturn: bash scripts/system-deps.sh --with-browser`);
  const port = await freeUdpPort();
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-turn-'));
  const args = [
    // An empty config file: the package's /etc/turnserver.conf (syslog, ...) must not apply.
    '-c', '/dev/null',
    '--listening-ip=127.0.0.1',
    `--listening-port=${port}`,
    '--relay-ip=127.0.0.1',
    `--min-port=${options.relayPorts.min}`,
    `--max-port=${options.relayPorts.max}`,
    '--use-auth-secret',
    `--static-auth-secret=${options.secret}`,
    `--realm=${options.realm}`,
    '--allow-loopback-peers',
    '--no-multicast-peers',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    // Allocations (`session ...: user <...>: incoming packet ALLOCATE processed, success`) are logged only when verbose.
    '--verbose',
    '--log-file=stdout',
    `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    `--db=${path.join(dir, 'turndb')}`,
  ];

  let output = '';
  const child: ChildProcess = spawn('turnserver', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });

  try {
    await expect
      .poll(
        () => {
          if (child.exitCode !== null) throw new Error(`turnserver exited with code ${child.exitCode}:\n${output}`);
          return output.includes('Total General servers');
        },
        { message: 'turnserver is up', timeout: 15_000, intervals: [100] },
      )
      .toBe(true);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, log: () => output, stop };
}
