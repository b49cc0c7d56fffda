import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { roomDetail } from './testFixtures';
import { startFixtureServer, type FixtureServer } from './testServer';

/*
 * bin/podium-stats.mjs as a process: tsx loads the TypeScript, and `monitor`
 * on a real terminal (a pty from util-linux `script`) ends with exit code 0
 * on Ctrl-C. Only a real process shows the second: log-update's cursor
 * restorer re-raises SIGINT when it believes no one else handles it.
 */

const REPO = path.resolve(__dirname, '..');
const TOKEN = 'bin-test-token';
const room = roomDetail('bin-room', new Date());
let api: FixtureServer;

beforeAll(async () => {
  api = await startFixtureServer(TOKEN, { [`/analytics/rooms/${room.id}`]: room });
});
afterAll(() => api.close());

interface Exit {
  code: number | null;
  output: string;
}

/** Runs `command` on a 40x200 pty; `onOutput` may type into it. */
function onTerminal(command: string, onOutput: (output: string, type: (keys: string) => void) => void): Promise<Exit> {
  const child = spawn('script', ['-qfec', `stty rows 40 cols 200 && exec ${command}`, '/dev/null'], { cwd: REPO });
  let output = '';
  const type = (keys: string) => child.stdin.write(keys);
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    onOutput(output, type);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

it('monitor on a terminal redraws until Ctrl-C, then exits 0', async () => {
  let interrupted = false;
  const exit = await onTerminal(`node bin/podium-stats.mjs monitor ${room.id} --interval 0.2 --url ${api.url} --token ${TOKEN}`, (output, type) => {
    if (!interrupted && output.split('updated').length > 2) {
      interrupted = true;
      type('\u0003');
    }
  });
  expect(interrupted).toBe(true);
  expect(exit.output).toContain(room.peers[0].displayName);
  expect(exit.code).toBe(0);
}, 20_000);
