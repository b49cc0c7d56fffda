import http from 'node:http';
import next from 'next';
import { loadConfig } from './config';
import { Collector, DEFAULT_COLLECTOR_SETTINGS } from './analytics/Collector';
import { createMetrics } from './analytics/metrics';
import { relayAddresses } from './analytics/relayAddresses';
import { openDatabase } from './db';
import { startHistoryWriters, startStreamStorage } from './db/historyWriters';
import { resolveAdminToken } from './http/adminAuth';
import { guardAnalyticsPage, handleApi, isApiPath, type ApiDeps } from './http/apiRoutes';
import { log } from './log';
import { MediasoupCounters } from './sfu/MediasoupCounters';
import { RoomRegistry } from './sfu/RoomRegistry';
import { WorkerPool } from './sfu/WorkerPool';
import type { WorkerBinary } from './sfu/workerBinary';
import { attachSignaling } from './signaling/attachSignaling';
import { shutdownServer } from './shutdown';

const SHUTDOWN_GRACE_MS = 5000;

export async function startServer(options: { workerBinary: WorkerBinary }): Promise<void> {
  const config = loadConfig();
  // Counting must start before the first worker exists.
  const counters = new MediasoupCounters();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    logger: { info: (message) => log.info('db', message), warn: (message) => log.warn('db', message) },
  });
  log.info('server', 'node id', { node: config.nodeId });
  const dangling = await db.sessions.closeDangling('server-restart');
  await db.streams.closeDangling('server-restart', { nodeId: config.nodeId });
  if (dangling > 0) log.info('db', `closed ${dangling} session(s) left open by the previous run`);

  log.info('sfu', `mediasoup worker binary (${options.workerBinary.origin})`, { path: options.workerBinary.path });
  const pool = await WorkerPool.create({
    numWorkers: config.mediasoup.numWorkers,
    logLevel: config.mediasoup.logLevel,
    rtcMinPort: config.mediasoup.rtcMinPort,
    rtcMaxPort: config.mediasoup.rtcMaxPort,
    listenIp: config.mediasoup.listenIp,
    announcedIp: config.mediasoup.announcedIp,
    webRtcServerPort: config.mediasoup.webRtcServerPort,
  });
  const rooms = new RoomRegistry(pool, {
    listenIp: config.mediasoup.listenIp,
    announcedIp: config.mediasoup.announcedIp,
    maxIncomingBitrate: config.mediasoup.maxIncomingBitrate,
    initialAvailableOutgoingBitrate: config.mediasoup.initialAvailableOutgoingBitrate,
    maxPeersPerRoom: config.limits.maxPeersPerRoom,
    peerLimits: {
      maxTransports: config.limits.maxTransportsPerPeer,
      maxProducers: config.limits.maxProducersPerPeer,
      dtlsConnectTimeoutMs: config.limits.dtlsConnectTimeoutMs,
    },
  });
  const adminToken = resolveAdminToken(config.adminToken);
  const collector = new Collector(
    { rooms, pool, counters },
    {
      ...DEFAULT_COLLECTOR_SETTINGS,
      nodeId: config.nodeId,
      statsMs: config.analytics.statsIntervalMs,
      consumerStatsMs: config.analytics.consumerStatsIntervalMs,
      drops: {
        ...DEFAULT_COLLECTOR_SETTINGS.drops,
        lowScoreHoldMs: config.analytics.lowScoreHoldMs,
        lossThresholdPercent: config.analytics.lossThresholdPercent,
      },
      relayIps: await relayAddresses(config.ice.turnUrls),
    },
  );
  collector.start();
  const history = startHistoryWriters(db, collector, { retentionDays: config.analytics.retentionDays });
  const streamStorage = startStreamStorage(db, config.nodeId);

  const nextApp = next({ dev: config.dev, hostname: 'localhost', port: config.port, dir: process.cwd() });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();
  const upgradeNext = nextApp.getUpgradeHandler();

  const apiDeps: ApiDeps = {
    config,
    adminToken,
    collector,
    db,
    workers: () => pool.size,
    metrics: createMetrics(collector),
    // Called per request, so after `signaling` below exists.
    participantCredential: (token) => signaling.participantCredential(token),
  };
  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return void res.writeHead(400).end('Bad request');
    }
    const { pathname } = url;
    if (isApiPath(pathname)) return void handleApi(req, res, url, apiDeps);
    if (guardAnalyticsPage(req, res, pathname, adminToken)) return;
    handleNext(req, res).catch((error: unknown) => {
      log.error('http', 'page request failed', { path: pathname, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end('Internal server error');
    });
  });
  const signaling = attachSignaling(server, { config, rooms, sessions: db.sessions, nodeId: config.nodeId }, adminToken, collector, streamStorage);
  // Socket.IO answers its own upgrades; only Next's dev HMR socket goes to Next.
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/_next/')) void upgradeNext(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  log.info('server', `Podium ready on http://localhost:${config.port} (${config.dev ? 'development' : 'production'})`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('server', `${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    shutdownServer({
      signaling,
      rooms,
      collector,
      pool,
      writers: [history, streamStorage],
      db,
      server,
    }).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('server', 'unclean shutdown', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
