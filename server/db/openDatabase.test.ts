import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, type Database } from './index';
import { useTestDatabase } from './testDatabase';

let db: Database;
useTestDatabase('open', (opened) => (db = opened));

/** The one value a PRAGMA query returns (its column is not always named after it). */
async function pragma(name: string): Promise<unknown> {
  const [row] = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Object.values(row ?? {})[0];
}

describe('openDatabase', () => {
  it('opens a fresh database in WAL mode', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
  });

  it('syncs at checkpoints only (synchronous=NORMAL) and waits for locks', async () => {
    const NORMAL = 1; // SQLite's numbering: OFF 0, NORMAL 1, FULL 2, EXTRA 3
    expect(Number(await pragma('synchronous'))).toBe(NORMAL);
    expect(Number(await pragma('busy_timeout'))).toBe(BUSY_TIMEOUT_MS);
  });

  it('offers the session, telemetry and event repositories on one client', async () => {
    const sessionId = await db.sessions.recordJoin({ roomId: 'r', peerId: 'p', displayName: 'n' });
    await db.events.insertMany([]);
    await db.telemetry.insertMany([]);

    expect(await db.sessions.listRoomSessions('r')).toMatchObject([{ id: sessionId }]);
    expect(await db.events.list()).toEqual([]);
    expect(await db.telemetry.listForPeer('r', 'p')).toEqual([]);
  });
});
