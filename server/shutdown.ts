import type http from 'node:http';
import { log } from './log';

/** What a shutdown stops, in the order it stops them; every part is the server's own. */
export interface ShutdownParts {
  /** Stops admitting participants, tells everyone, ends every call (leaves recorded), closes Socket.IO. */
  signaling: { close(): Promise<void> };
  rooms: { closeAll(reason?: string): void };
  collector: { close(): void };
  pool: { close(): void };
  /** Batch writers (telemetry, events, stream samples): each flushes what it holds. */
  writers: { close(): Promise<void> }[];
  db: { close(): Promise<void> };
  server: http.Server;
}

/**
 * SIGTERM's order: the calls end first, so their leaves, last partial telemetry
 * windows and events reach the writers; the collector stops; the writers
 * flush; only then does the database close. HTTP connections still open at
 * the end (keep-alive, long-polling) are dropped so the process can exit.
 */
export async function shutdownServer(parts: ShutdownParts): Promise<void> {
  // No new TCP connections; the ones open (participants' sockets) stay until signaling closes them.
  const serverClosed = new Promise<void>((resolve) => parts.server.close(() => resolve()));
  await parts.signaling.close();
  parts.rooms.closeAll('server-shutdown');
  parts.collector.close();
  parts.pool.close();
  await Promise.all(parts.writers.map((writer) => writer.close()));
  await parts.db.close();
  parts.server.closeAllConnections();
  await serverClosed;
  log.info('server', 'shutdown complete');
}
