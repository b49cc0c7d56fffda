import { log } from '@/server/log';
import { createPrismaClient, resolveDatabaseUrl, type PrismaClient } from './client';
import { EventRepository } from './eventRepository';
import { applyMigrations, type MigrationLogger } from './migrate';
import { SessionRepository } from './sessionRepository';
import { StreamRepository } from './streamRepository';
import { TelemetryRepository } from './telemetryRepository';

export { BatchWriter, type BatchWriterOptions } from './BatchWriter';
export { BUSY_TIMEOUT_MS, createPrismaClient, DEFAULT_DATABASE_URL, resolveDatabaseUrl, sqliteFilePath } from './client';
export { EVENT_LIMIT, EventRepository, parseSince, type EventListQuery } from './eventRepository';
export { clampLimit, type LimitRule } from './limits';
export { applyMigrations, MigrationError, type MigrationLogger } from './migrate';
export { pruneHistory, retentionCutoff, type PruneResult } from './retention';
export {
  DEFAULT_NODE_ID,
  SessionRepository,
  toSessionRecord,
  type JoinRecord,
  type LeaveReason,
  type ParticipantSession,
  type SessionMilestones,
} from './sessionRepository';
export {
  hashOwnerKey,
  STREAM_SAMPLE_LIMIT,
  StreamRepository,
  type StreamEndReason,
  type StreamPruneResult,
  type StreamRepositoryOptions,
  type StreamSampleInput,
  type StreamSampleListOptions,
  type StreamSession,
  type StreamSessionStart,
} from './streamRepository';
export { TELEMETRY_LIMIT, TelemetryRepository, type TelemetryInput, type TelemetryListOptions } from './telemetryRepository';
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
  telemetry: TelemetryRepository;
  events: EventRepository;
  streams: StreamRepository;
  /** Disconnects the client; call once on shutdown. */
  close(): Promise<void>;
}

/**
 * Migrates the database (which also puts it in WAL mode), then opens a
 * client on it. Throws (without leaving a client open) if migrating or
 * connecting fails.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  await applyMigrations(databaseUrl, { migrationsDir: options.migrationsDir, logger: options.logger });
  const prisma = createPrismaClient(databaseUrl);
  try {
    // Connect now so a bad file fails start-up, not the first join.
    await prisma.$connect();
    await tuneConnection(prisma);
  } catch (error) {
    await prisma.$disconnect().catch((disconnectError: unknown) => {
      log.error('db', 'disconnect after failed connect also failed', { error: String(disconnectError) });
    });
    throw error;
  }
  return {
    prisma,
    sessions: new SessionRepository(prisma),
    telemetry: new TelemetryRepository(prisma),
    events: new EventRepository(prisma),
    streams: new StreamRepository(prisma),
    close: () => prisma.$disconnect(),
  };
}

/**
 * Per-connection settings (the adapter holds one connection). In WAL mode
 * synchronous=NORMAL syncs at checkpoints instead of on every commit: a power
 * cut may lose the last writes but never corrupts the file, and telemetry
 * commits stop waiting on the disk.
 */
async function tuneConnection(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
}
