/**
 * Applies prisma/migrations/* to the SQLite database at start-up and records
 * them in `_prisma_migrations` exactly as `prisma migrate deploy` would, so
 * the real Prisma CLI stays usable on machines that have its schema engine
 * (it cannot be downloaded everywhere we run, and Prisma 7 offers no
 * driver-adapter path for migrations).
 *
 * Where this follows Prisma's schema engine (prisma-engines,
 * schema-engine/core/src/commands/apply_migrations.rs and the SQLite
 * connector), and where it deliberately differs:
 * - same table DDL, same row contents: uuid v4 id, sha256 hex checksum of the
 *   script, times as unix epoch milliseconds (what the engine's SQLite driver
 *   stores), logs NULL, applied_steps_count 1 once done;
 * - same ordering (folder names, localeCompare), same "failed migration" and
 *   "database not empty" refusals, line-ending-agnostic checksum comparison;
 * - unlike Prisma, each migration runs in one transaction with its row, so a
 *   failure leaves no half-applied schema and no failed row to resolve: the
 *   next start simply tries again;
 * - unlike `migrate deploy` (which only warns in `migrate dev`), a migration
 *   edited after it was applied is refused: the schema would silently differ
 *   from what the files say.
 * Scripts must therefore not hold their own BEGIN/COMMIT (Prisma never
 * writes them).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from '@/server/log';
import { prepareSqliteFile } from './client';

export const MIGRATIONS_TABLE = '_prisma_migrations';

// Byte-for-byte the engine's DDL (sqlite.rs, create_migrations_table).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`;

export type MigrationErrorCode =
  | 'MIGRATIONS_DIR_NOT_FOUND'
  | 'MISSING_SCRIPT'
  | 'PROVIDER_MISMATCH'
  | 'DATABASE_NOT_EMPTY'
  | 'FAILED_MIGRATION_RECORDED'
  | 'CHECKSUM_MISMATCH'
  | 'APPLY_FAILED';

export class MigrationError extends Error {
  readonly code: MigrationErrorCode;

  constructor(code: MigrationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
    this.code = code;
  }
}

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ApplyMigrationsOptions {
  /** Folder holding the `<timestamp>_<name>/migration.sql` folders. */
  migrationsDir?: string;
  logger?: MigrationLogger;
}

export interface ApplyMigrationsResult {
  databasePath: string;
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
}

/** A row of `_prisma_migrations` as SQLite returns it. */
export interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: number | string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: number | string | null;
  started_at: number | string;
  applied_steps_count: number;
}

interface MigrationFile {
  name: string;
  scriptPath: string;
  script: string;
  checksum: string;
}

/** Prisma's checksum: sha256 of the script (read as UTF-8), lowercase hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Prisma's comparison (schema-connector/src/checksum.rs): a checkout with
 * other line endings still matches, and so do checksums written by old
 * engines that dropped leading zeros of each byte.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const hex =
      recorded.length === 64
        ? digest.toString('hex')
        : [...digest].map((byte) => byte.toString(16)).join('');
    return hex === recorded;
  });
}

/**
 * prisma/migrations of this repo: found next to this source file first (exact
 * whatever the cwd), else under process.cwd() (the repo root when the server
 * runs) for builds that move this file elsewhere.
 */
export function defaultMigrationsDir(): string {
  const candidates = [
    fileURLToPath(new URL('../../prisma/migrations', import.meta.url)),
    path.resolve(process.cwd(), 'prisma', 'migrations'),
  ];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) {
    throw new MigrationError(
      'MIGRATIONS_DIR_NOT_FOUND',
      `Cannot find prisma/migrations (looked in ${candidates.join(' and ')})`,
    );
  }
  return found;
}

/**
 * Brings the SQLite database named by `databaseUrl` (default: DATABASE_URL,
 * then file:./data/podium.db) up to date with the migrations folder. Creates
 * the file and its directory if missing. Throws MigrationError when the
 * history cannot be trusted or a migration fails; nothing is half-applied.
 */
export async function applyMigrations(
  databaseUrl?: string,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const logger = options.logger ?? defaultLogger;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const migrations = readMigrations(migrationsDir);
  const databasePath = prepareSqliteFile(databaseUrl);
  const migrator = new SqliteMigrator(databasePath, logger);
  try {
    const applied = migrator.run(migrations);
    return { databasePath, applied };
  } finally {
    migrator.close();
  }
}

const defaultLogger: MigrationLogger = {
  info: (message) => log.info('db', message),
  warn: (message) => log.warn('db', message),
};

function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError('MIGRATIONS_DIR_NOT_FOUND', `Migrations folder ${migrationsDir} does not exist`);
  }
  checkLockfileProvider(migrationsDir);
  // Like the CLI: every sub-folder is a migration, ordered by localeCompare.
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => readMigration(migrationsDir, name));
}

function readMigration(migrationsDir: string, name: string): MigrationFile {
  const scriptPath = path.join(migrationsDir, name, 'migration.sql');
  let script: string;
  try {
    // Read as text like the CLI does; the checksum is over that text.
    script = readFileSync(scriptPath, 'utf8');
  } catch (error) {
    throw new MigrationError('MISSING_SCRIPT', `Cannot read migration script ${scriptPath}`, { cause: error });
  }
  return { name, scriptPath, script, checksum: migrationChecksum(script) };
}

/** Prisma refuses to apply migrations written for another provider. */
function checkLockfileProvider(migrationsDir: string): void {
  const lockfile = path.join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockfile)) return;
  const line = readFileSync(lockfile, 'utf8')
    .split(/\r?\n/)
    .find((l) => l.startsWith('provider'));
  const provider = line?.replace(/^provider\s*=\s*/, '').replace(/"/g, '').trim();
  if (provider !== 'sqlite') {
    throw new MigrationError(
      'PROVIDER_MISMATCH',
      `${lockfile} says provider "${provider ?? '?'}", but this database is SQLite`,
    );
  }
}

// --- better-sqlite3, typed for what we use --------------------------------
// The package ships no types and @types/better-sqlite3 is not a dependency
// yet, so it is loaded through require with this narrow interface.

interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

interface SqliteDatabase {
  readonly inTransaction: boolean;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

type SqliteDatabaseConstructor = new (filename: string, options?: { timeout?: number }) => SqliteDatabase;

const requireFromHere = createRequire(import.meta.url);

function openSqlite(filePath: string): SqliteDatabase {
  const Database = requireFromHere('better-sqlite3') as SqliteDatabaseConstructor;
  // Wait for another process holding the write lock (e.g. a second server
  // starting at the same time) instead of failing at once.
  return new Database(filePath, { timeout: 15_000 });
}

// --------------------------------------------------------------------------

class SqliteMigrator {
  readonly #db: SqliteDatabase;
  readonly #databasePath: string;
  readonly #log: MigrationLogger;

  constructor(databasePath: string, logger: MigrationLogger) {
    this.#databasePath = databasePath;
    this.#log = logger;
    this.#db = openSqlite(databasePath);
  }

  close(): void {
    this.#db.close();
  }

  /** Returns the names of the migrations it applied. */
  run(migrations: MigrationFile[]): string[] {
    this.#ensureMigrationsTable();
    const rows = this.#appliedRows();
    this.#refuseFailedMigrations(rows);
    this.#verifyChecksums(migrations, rows);
    const appliedNames = new Set(rows.map((row) => row.migration_name));
    const applied = migrations
      .filter((migration) => !appliedNames.has(migration.name))
      .filter((migration) => this.#apply(migration));
    this.#useWriteAheadLog();
    this.#log.info(
      applied.length === 0
        ? `Database ${this.#databasePath} is up to date (${migrations.length} migrations)`
        : `Applied ${applied.length} migration(s) to ${this.#databasePath}: ${applied.map((m) => m.name).join(', ')}`,
    );
    return applied.map((migration) => migration.name);
  }

  /**
   * WAL lets the server read while a telemetry batch is written, instead of
   * every reader waiting on the writer. The mode is stored in the file, so
   * setting it once here covers every later connection. Only after a
   * successful run: a database we refuse is left as we found it.
   */
  #useWriteAheadLog(): void {
    const mode = this.#db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      // Another process holding the file open can keep the old mode; the
      // server still works, only slower under load.
      this.#log.warn(`Database ${this.#databasePath} stays in journal_mode=${String(mode)}, not WAL`);
    }
  }

  #ensureMigrationsTable(): void {
    this.#inWriteTransaction(() => {
      const tables = this.#tableNames();
      if (tables.includes(MIGRATIONS_TABLE)) return;
      const userTables = tables.filter((name) => !name.startsWith('sqlite_'));
      if (userTables.length > 0) {
        // Prisma's P3005: applying the history on top would clash with or
        // duplicate what is there.
        throw new MigrationError(
          'DATABASE_NOT_EMPTY',
          `Database ${this.#databasePath} has tables (${userTables.join(', ')}) but no ` +
            `${MIGRATIONS_TABLE}; baseline it (prisma migrate resolve --applied) or use an empty file`,
        );
      }
      this.#db.exec(CREATE_MIGRATIONS_TABLE);
    });
  }

  #tableNames(): string[] {
    const rows = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return (rows as { name: string }[]).map((row) => row.name);
  }

  /** Rows that count as applied or in progress (rolled-back ones don't). */
  #appliedRows(): MigrationRow[] {
    const rows = this.#db
      .prepare(`SELECT * FROM "${MIGRATIONS_TABLE}" WHERE rolled_back_at IS NULL ORDER BY started_at ASC`)
      .all();
    return rows as MigrationRow[];
  }

  /** Prisma's P3009: a row left unfinished by a failed `migrate deploy`. */
  #refuseFailedMigrations(rows: MigrationRow[]): void {
    const failed = rows.filter((row) => row.finished_at === null);
    if (failed.length === 0) return;
    const details = failed
      .map((row) => `${row.migration_name}${row.logs ? `: ${row.logs.trim()}` : ''}`)
      .join('; ');
    throw new MigrationError(
      'FAILED_MIGRATION_RECORDED',
      `Found failed migrations in ${this.#databasePath} (${details}); fix the database, then ` +
        'mark them with `prisma migrate resolve` or delete their rows',
    );
  }

  #verifyChecksums(migrations: MigrationFile[], rows: MigrationRow[]): void {
    const byName = new Map(migrations.map((migration) => [migration.name, migration]));
    for (const row of rows) {
      const migration = byName.get(row.migration_name);
      if (!migration) {
        this.#log.warn(`Migration ${row.migration_name} is recorded in the database but missing from the migrations folder`);
        continue;
      }
      if (!checksumMatches(migration.script, row.checksum)) {
        throw new MigrationError(
          'CHECKSUM_MISMATCH',
          `Migration ${row.migration_name} was edited after it was applied to ${this.#databasePath} ` +
            `(recorded checksum ${row.checksum}, file ${migration.checksum}); restore ` +
            `${migration.scriptPath} and put the change in a new migration`,
        );
      }
    }
  }

  /** Applies one migration with its row; false if another process beat us. */
  #apply(migration: MigrationFile): boolean {
    // Prisma's SQLite scripts switch foreign keys off around table rebuilds,
    // but that pragma is a no-op inside a transaction, so switch them off
    // here and check the result before committing instead.
    this.#db.pragma('foreign_keys = OFF');
    try {
      return this.#inWriteTransaction(() => this.#applyInTransaction(migration));
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(
        'APPLY_FAILED',
        `Migration ${migration.name} failed on ${this.#databasePath} and was rolled back: ${errorMessage(error)}`,
        { cause: error },
      );
    } finally {
      this.#db.pragma('foreign_keys = ON');
    }
  }

  #applyInTransaction(migration: MigrationFile): boolean {
    if (this.#isRecorded(migration.name)) return false;
    const id = randomUUID();
    // Same steps as the engine: row started, script, step counted, finished.
    this.#db
      .prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)`)
      .run(id, migration.checksum, Date.now(), migration.name);
    this.#db.exec(migration.script);
    this.#assertForeignKeysHold(migration);
    this.#db
      .prepare(`UPDATE "${MIGRATIONS_TABLE}" SET applied_steps_count = applied_steps_count + 1 WHERE id = ?`)
      .run(id);
    this.#db.prepare(`UPDATE "${MIGRATIONS_TABLE}" SET finished_at = ? WHERE id = ?`).run(Date.now(), id);
    this.#log.info(`Applied migration ${migration.name}`);
    return true;
  }

  #isRecorded(name: string): boolean {
    const row = this.#db
      .prepare(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE migration_name = ? AND rolled_back_at IS NULL`)
      .get(name);
    return row !== undefined;
  }

  #assertForeignKeysHold(migration: MigrationFile): void {
    const violations = this.#db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new MigrationError(
        'APPLY_FAILED',
        `Migration ${migration.name} leaves ${violations.length} foreign key violation(s), e.g. ` +
          `${JSON.stringify(violations[0])}; rolled back`,
      );
    }
  }

  /** BEGIN IMMEDIATE takes the write lock up front, serialising migrators. */
  #inWriteTransaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
