import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from './index';

/** For tests: a migrated database in a fresh temp directory, and a way to delete it. */
export async function openTestDatabase(prefix: string): Promise<{ db: Database; dispose(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), `podium-${prefix}-`));
  const db = await openDatabase({
    databaseUrl: `file:${path.join(dir, 'podium.db')}`,
    logger: { info: () => {}, warn: () => {} },
  });
  return {
    db,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a fresh database before each test of the file (or describe) and deletes it after. */
export function useTestDatabase(prefix: string, setDb: (db: Database) => void): void {
  let dispose: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const opened = await openTestDatabase(prefix);
    dispose = opened.dispose;
    setDb(opened.db);
  });
  afterEach(async () => {
    await dispose?.();
  });
}
