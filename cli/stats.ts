/*
 * `podium-stats` / `npm run stats -- <command>`: the analytics CLI of SPEC 5.
 * The exit code is set rather than forced so stdout is flushed when piped.
 */
import { runCli } from './commands';

// `podium-stats rooms | head -3` closes the pipe early; that is the reader's choice, not a failure to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
