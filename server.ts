/*
 * Podium's one process: Next pages, the REST API, Socket.IO signaling and the
 * mediasoup workers on one port. mediasoup fixes its worker binary path when
 * first imported, so the binary is resolved before anything imports it.
 */
import { resolveWorkerBinary } from './server/sfu/workerBinary';

// Next phones home with telemetry by default; a self-hosted SFU should not.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

async function bootstrap(): Promise<void> {
  const worker = resolveWorkerBinary();
  process.env.MEDIASOUP_WORKER_BIN = worker.path;
  const { startServer } = await import('./server/main');
  await startServer({ workerBinary: worker });
}

bootstrap().catch((error: unknown) => {
  console.error(`Podium failed to start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
