// Prisma 7 reads its CLI settings (schema, migrations, connection URL) from
// here rather than from schema.prisma. Keep the default URL in sync with
// server/db/client.ts so the CLI and the server open the same file.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

allowOfflineGenerate();

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    // Not env('DATABASE_URL'): that throws when the variable is unset, and
    // unset should mean "the default local file", as it does for the server.
    url: process.env.DATABASE_URL ?? 'file:./data/podium.db',
  },
});

/**
 * The CLI insists on a schema engine binary before any command, downloading it
 * if missing, even for `generate`, which never runs it. Where the download is
 * impossible (no internet), point `generate` alone at a stand-in file so
 * `npx prisma generate` works offline. Every other command still needs the
 * real engine and keeps failing loudly without it. scripts/prisma-generate.sh
 * does the same thing explicitly; this covers a bare `npx prisma generate`.
 */
function allowOfflineGenerate(): void {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return;
  const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (command !== 'generate' || hasSchemaEngine()) return;
  // Any existing file will do; this one is never executed by `generate`.
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve('prisma/schema.prisma');
}

function hasSchemaEngine(): boolean {
  const requireHere = createRequire(path.resolve('package.json'));
  const dirs = ['@prisma/engines', 'prisma'].flatMap((pkg) => {
    try {
      return [path.dirname(requireHere.resolve(`${pkg}/package.json`))];
    } catch {
      return []; // not installed: nothing to find there
    }
  });
  return dirs.some(
    (dir) => existsSync(dir) && readdirSync(dir).some((name) => name.startsWith('schema-engine-')),
  );
}
