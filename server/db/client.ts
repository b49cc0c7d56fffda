import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../generated/prisma/client';

/** Same default as prisma.config.ts, so the CLI and the server share a file. */
export const DEFAULT_DATABASE_URL = 'file:./data/podium.db';

/** The URL to use: the argument, else DATABASE_URL, else the default. */
export function resolveDatabaseUrl(databaseUrl?: string): string {
  // An empty DATABASE_URL (a blank line in an env template) means "unset".
  return databaseUrl || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/**
 * Absolute path of the SQLite file a `file:` URL names. Relative paths are
 * taken from process.cwd() (the repo root when the server runs), which is
 * also where Prisma 7 resolves them from: prisma.config.ts sits there.
 * Throws for every other scheme: only SQLite is supported for now.
 */
export function sqliteFilePath(databaseUrl: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme !== 'file') {
    // Name only the scheme: the rest of a server URL may hold a password.
    throw new Error(
      `Unsupported DATABASE_URL scheme "${scheme ?? '(none)'}:": only SQLite "file:" URLs ` +
        'are supported for now (e.g. file:./data/podium.db); PostgreSQL is not supported yet',
    );
  }
  if (databaseUrl.startsWith('file://')) return fileURLToPath(databaseUrl.split('?')[0]!);
  // Prisma's SQLite URLs may carry options (?connection_limit=1); they are
  // not part of the file name.
  const filePath = decodeURIComponent(databaseUrl.slice('file:'.length).split('?')[0]!);
  if (filePath === '' || filePath.startsWith(':memory:')) {
    // Migrations and queries use separate connections, so an in-memory
    // database would be migrated and then thrown away.
    throw new Error(`DATABASE_URL "${databaseUrl}" names no file; use a path like file:./data/podium.db`);
  }
  return path.resolve(process.cwd(), filePath);
}

/** Resolves the URL to an absolute SQLite path and creates its directory. */
export function prepareSqliteFile(databaseUrl?: string): string {
  const filePath = sqliteFilePath(resolveDatabaseUrl(databaseUrl));
  mkdirSync(path.dirname(filePath), { recursive: true });
  return filePath;
}

/**
 * How long a query waits for another connection's write lock before failing
 * with SQLITE_BUSY. The migrator and a second server are the usual holders.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * A PrismaClient on the SQLite file the URL names, through the better-sqlite3
 * driver adapter (Prisma 7's client has no built-in engine). It connects
 * lazily; call $disconnect() when done.
 */
export function createPrismaClient(databaseUrl?: string): PrismaClient {
  const filePath = prepareSqliteFile(databaseUrl);
  // The adapter strips "file:" and hands the rest to better-sqlite3 as a
  // file name, so give it the clean absolute path.
  const adapter = new PrismaBetterSqlite3({ url: filePath, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
