import { createPrismaClient, resolveDatabaseUrl, type PrismaClient } from './client';
import { applyMigrations, type MigrationLogger } from './migrate';
import { SessionRepository } from './sessionRepository';

export { createPrismaClient, DEFAULT_DATABASE_URL, resolveDatabaseUrl, sqliteFilePath } from './client';
export { applyMigrations, MigrationError, type MigrationLogger } from './migrate';
export {
  SessionRepository,
  type JoinRecord,
  type LeaveReason,
  type ParticipantSession,
} from './sessionRepository';
export type { PrismaClient };

export interface OpenDatabaseOptions {
  /** Default: DATABASE_URL, then file:./data/podium.db. */
  databaseUrl?: string;
  /** Default: the repo's prisma/migrations. */
  migrationsDir?: string;
  logger?: MigrationLogger;
}

export interface Database {
  prisma: PrismaClient;
  sessions: SessionRepository;
  /** Disconnects the client; call once on shutdown. */
  close(): Promise<void>;
}

/**
 * Migrates the database, then opens a client on it. Throws (without leaving
 * a client open) if migrating or connecting fails.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  await applyMigrations(databaseUrl, { migrationsDir: options.migrationsDir, logger: options.logger });
  const prisma = createPrismaClient(databaseUrl);
  try {
    // Connect now so a bad file fails start-up, not the first join.
    await prisma.$connect();
  } catch (error) {
    await prisma.$disconnect().catch((disconnectError: unknown) => {
      console.error('[db] disconnect after failed connect also failed', disconnectError);
    });
    throw error;
  }
  return {
    prisma,
    sessions: new SessionRepository(prisma),
    close: () => prisma.$disconnect(),
  };
}
