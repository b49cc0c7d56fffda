import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  checksumMatches,
  defaultMigrationsDir,
  MigrationError,
  type MigrationLogger,
  type MigrationRow,
} from './migrate';

// Minimal better-sqlite3 surface for inspecting the database (no @types).
interface Inspector {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
  exec(sql: string): void;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Inspector;

const REPO_MIGRATIONS = defaultMigrationsDir();
const REPO_NAMES = readdirSync(REPO_MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort((a, b) => a.localeCompare(b));
const INIT = REPO_NAMES[0]!;
const ANALYTICS = '20261202070000_analytics';
const silent: MigrationLogger = { info: () => {}, warn: () => {} };

let tmp: string;
let dbFile: string;
let dbUrl: string;
let migrationsDir: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'podium-migrate-'));
  // A nested, not yet existing directory: applyMigrations must create it.
  dbFile = path.join(tmp, 'data', 'nested', 'podium.db');
  dbUrl = `file:${dbFile}`;
  migrationsDir = path.join(tmp, 'migrations');
  cpSync(REPO_MIGRATIONS, migrationsDir, { recursive: true });
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function migrate() {
  return applyMigrations(dbUrl, { migrationsDir, logger: silent });
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function migrationRows(): MigrationRow[] {
  return query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY started_at');
}

function addMigration(name: string, sql: string): void {
  mkdirSync(path.join(migrationsDir, name));
  writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
}

describe('applyMigrations', () => {
  it('applies the migrations to an empty database and records them as Prisma does', async () => {
    const before = Date.now();
    const result = await migrate();
    const after = Date.now();

    expect(result).toEqual({ databasePath: dbFile, applied: REPO_NAMES });
    const rows = migrationRows();
    expect(rows.map((r) => r.migration_name)).toEqual(REPO_NAMES);
    for (const row of rows) {
      const fileBytes = readFileSync(path.join(REPO_MIGRATIONS, row.migration_name, 'migration.sql'));
      expect(row).toMatchObject({
        checksum: createHash('sha256').update(fileBytes).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The engine's SQLite driver stores DateTime as epoch milliseconds.
      expect(typeof row.started_at).toBe('number');
      expect(row.started_at as number).toBeGreaterThanOrEqual(before);
      expect(row.finished_at as number).toBeGreaterThanOrEqual(row.started_at as number);
      expect(row.finished_at as number).toBeLessThanOrEqual(after);
    }
  });

  it('leaves the database in WAL mode, a setting later connections inherit', async () => {
    await migrate();

    expect(query<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('leaves a database it refuses in its journal mode', async () => {
    mkdirSync(path.dirname(dbFile), { recursive: true });
    const db = new Database(dbFile);
    db.exec('CREATE TABLE "Room" ("id" TEXT)');
    db.close();

    await expect(migrate()).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY' });
    expect(query<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
  });

  it('creates _prisma_migrations with the DDL of Prisma\'s schema engine', async () => {
    await migrate();
    const [table] = query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'");
    expect(table!.sql).toBe(
      [
        'CREATE TABLE "_prisma_migrations" (',
        '    "id"                    TEXT PRIMARY KEY NOT NULL,',
        '    "checksum"              TEXT NOT NULL,',
        '    "finished_at"           DATETIME,',
        '    "migration_name"        TEXT NOT NULL,',
        '    "logs"                  TEXT,',
        '    "rolled_back_at"        DATETIME,',
        '    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,',
        '    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0',
        ')',
      ].join('\n'),
    );
  });

  it('creates the schema: tables, Prisma-named indexes and the foreign key', async () => {
    await migrate();
    const tables = query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual([
      'AnalyticsEvent',
      'ParticipantSession',
      'Room',
      'StreamSample',
      'StreamSession',
      'TelemetrySample',
      '_prisma_migrations',
      // Made by SQLite for the AUTOINCREMENT ids of TelemetrySample and StreamSample.
      'sqlite_sequence',
    ]);
    const indexes = query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    );
    expect(indexes.map((i) => i.name)).toEqual([
      'AnalyticsEvent_at_idx',
      'AnalyticsEvent_roomId_at_idx',
      'AnalyticsEvent_type_at_idx',
      'ParticipantSession_peerId_idx',
      'ParticipantSession_roomId_idx',
      'StreamSample_at_idx',
      'StreamSample_streamId_at_idx',
      'StreamSession_streamId_startedAt_idx',
      'TelemetrySample_at_idx',
      'TelemetrySample_roomId_peerId_at_idx',
    ]);
    const fks = query<Record<string, unknown>>("SELECT * FROM pragma_foreign_key_list('ParticipantSession')");
    expect(fks).toHaveLength(1);
    expect(fks[0]).toMatchObject({ table: 'Room', from: 'roomId', to: 'id', on_delete: 'RESTRICT', on_update: 'CASCADE' });
  });

  it('keeps existing rooms and sessions through the analytics migration, with its defaults', async () => {
    // The database as it was before the analytics migration: it and every later one still to come.
    const fromAnalytics = REPO_NAMES.slice(REPO_NAMES.indexOf(ANALYTICS));
    for (const name of fromAnalytics) rmSync(path.join(migrationsDir, name), { recursive: true });
    await migrate();
    const db = new Database(dbFile);
    db.exec(`INSERT INTO "Room" ("id", "createdAt", "lastActiveAt") VALUES ('standup', 1, 2)`);
    db.exec(
      `INSERT INTO "ParticipantSession" ("id", "roomId", "peerId", "displayName", "userAgent", "joinedAt", "leftAt", "leaveReason") ` +
        `VALUES ('s1', 'standup', 'p1', 'Ada', 'UA', 3, 4, 'left')`,
    );
    db.close();
    for (const name of fromAnalytics) {
      cpSync(path.join(REPO_MIGRATIONS, name), path.join(migrationsDir, name), { recursive: true });
    }

    await expect(migrate()).resolves.toMatchObject({ applied: fromAnalytics });

    expect(query('SELECT * FROM "Room"')).toEqual([{ id: 'standup', createdAt: 1, lastActiveAt: 2, nodeId: 'local' }]);
    expect(query('SELECT * FROM "ParticipantSession"')).toEqual([
      {
        id: 's1',
        roomId: 'standup',
        peerId: 'p1',
        displayName: 'Ada',
        userAgent: 'UA',
        joinedAt: 3,
        leftAt: 4,
        leaveReason: 'left',
        nodeId: 'local',
        transportsConnectedAt: null,
        firstMediaSentAt: null,
        firstMediaReceivedAt: null,
        relayed: 0,
      },
    ]);
  });

  it('is a no-op when everything is applied', async () => {
    await migrate();
    const rowsBefore = migrationRows();

    const again = await migrate();

    expect(again.applied).toEqual([]);
    expect(migrationRows()).toEqual(rowsBefore);
  });

  it('applies only new migrations, in name order', async () => {
    await migrate();
    addMigration('29990102000000_second', 'CREATE TABLE "B" ("id" TEXT NOT NULL PRIMARY KEY);\n');
    addMigration('29990101000000_first', 'CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);\n');

    const result = await migrate();

    expect(result.applied).toEqual(['29990101000000_first', '29990102000000_second']);
    expect(migrationRows().map((r) => r.migration_name)).toEqual([
      ...REPO_NAMES,
      '29990101000000_first',
      '29990102000000_second',
    ]);
  });

  it('refuses a migration edited after it was applied', async () => {
    await migrate();
    appendFileSync(path.join(migrationsDir, INIT, 'migration.sql'), '\n-- sneaky edit\n');

    const attempt = migrate();

    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    await expect(attempt).rejects.toThrow(INIT);
  });

  it('accepts a migration whose only change is CRLF line endings (a Windows checkout)', async () => {
    await migrate();
    const file = path.join(migrationsDir, INIT, 'migration.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('\n', '\r\n'));

    await expect(migrate()).resolves.toMatchObject({ applied: [] });
  });

  it('rolls a failing migration back completely and retries it next time', async () => {
    await migrate();
    const name = '29990101000000_broken';
    addMigration(name, 'CREATE TABLE "Half" ("id" TEXT);\nTHIS IS NOT SQL;\n');

    await expect(migrate()).rejects.toMatchObject({ code: 'APPLY_FAILED' });
    expect(migrationRows().map((r) => r.migration_name)).toEqual(REPO_NAMES);
    expect(query("SELECT name FROM sqlite_master WHERE name = 'Half'")).toEqual([]);

    writeFileSync(path.join(migrationsDir, name, 'migration.sql'), 'CREATE TABLE "Half" ("id" TEXT);\n');
    await expect(migrate()).resolves.toMatchObject({ applied: [name] });
  });

  it('rolls back a migration that leaves foreign keys broken', async () => {
    await migrate();
    addMigration(
      '29990101000000_orphan',
      `INSERT INTO "ParticipantSession" ("id", "roomId", "peerId", "displayName") VALUES ('s1', 'no-such-room', 'p', 'n');\n`,
    );

    await expect(migrate()).rejects.toMatchObject({ code: 'APPLY_FAILED' });
    expect(query('SELECT id FROM ParticipantSession')).toEqual([]);
  });

  it('refuses to continue after a failed migration recorded by prisma migrate deploy', async () => {
    await migrate();
    const db = new Database(dbFile);
    db.prepare(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at) VALUES (?, ?, ?, ?, ?)',
    ).run('00000000-0000-4000-8000-000000000000', 'x'.repeat(64), '29990101000000_failed', 'boom', Date.now());
    db.close();

    await expect(migrate()).rejects.toMatchObject({ code: 'FAILED_MIGRATION_RECORDED' });
  });

  it('refuses a database that has tables but no migration history', async () => {
    mkdirSync(path.dirname(dbFile), { recursive: true });
    const db = new Database(dbFile);
    db.exec('CREATE TABLE "Room" ("id" TEXT)');
    db.close();

    await expect(migrate()).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY' });
  });

  it('refuses migrations written for another provider', async () => {
    writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    await expect(migrate()).rejects.toMatchObject({ code: 'PROVIDER_MISMATCH' });
  });

  it('rejects non-SQLite database URLs without echoing credentials', async () => {
    const attempt = applyMigrations('postgresql://podium:secret@localhost/podium', { migrationsDir, logger: silent });

    await expect(attempt).rejects.toThrow(/only SQLite "file:" URLs are supported/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  it('logs what it applied', async () => {
    const lines: string[] = [];
    await applyMigrations(dbUrl, { migrationsDir, logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m) } });

    expect(lines.join('\n')).toContain(`Applied migration ${INIT}`);
  });
});

describe('checksumMatches', () => {
  it('follows Prisma: sha256 hex, line-ending agnostic, legacy unpadded hex accepted', () => {
    const script = 'a\nb\n';
    const digest = createHash('sha256').update(script).digest();
    expect(checksumMatches(script, digest.toString('hex'))).toBe(true);
    expect(checksumMatches('a\r\nb\r\n', digest.toString('hex'))).toBe(true);
    expect(checksumMatches(script, [...digest].map((b) => b.toString(16)).join(''))).toBe(true);
    expect(checksumMatches('a\nb', digest.toString('hex'))).toBe(false);
  });
});
