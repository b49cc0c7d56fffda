import { mkdtempSync, rmSync } from 'node:fs';
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
