import os from 'node:os';
import { z } from 'zod';
import { joinSecretFromEnv } from './auth/joinTokens';

/*
 * All runtime settings, read once from the environment with local defaults so
 * `npm start` works on a fresh machine with nothing set.
 */

const intFromEnv = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const csv = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []));

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: intFromEnv(3000),
  MEDIASOUP_NUM_WORKERS: intFromEnv(0),
  MEDIASOUP_LISTEN_IP: z.string().default('127.0.0.1'),
  MEDIASOUP_ANNOUNCED_IP: z.string().optional(),
  MEDIASOUP_RTC_MIN_PORT: intFromEnv(40000),
  MEDIASOUP_RTC_MAX_PORT: intFromEnv(49999),
  /** Base port of the per-worker WebRtcServer (worker i listens on base + i); 0 = use the port range. */
  MEDIASOUP_WEBRTC_SERVER_PORT: intFromEnv(0),
  MEDIASOUP_LOG_LEVEL: z.enum(['debug', 'warn', 'error', 'none']).default('warn'),
  MAX_INCOMING_BITRATE: intFromEnv(1_500_000),
  INITIAL_AVAILABLE_OUTGOING_BITRATE: intFromEnv(1_000_000),
  MAX_PEERS_PER_ROOM: intFromEnv(50),
  ALLOWED_ORIGINS: csv,
  // SPEC 6: a short admin token is a guessable one.
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  JOIN_RATE_PER_MINUTE: intFromEnv(60),
  /**
   * Open signaling sockets per client address; 0 = no cap. One socket is one open call tab, and
   * everyone behind an office's or campus's NAT shares one address: the default lets a whole
   * default-sized room (50) come from one office; raise it for bigger sites behind one NAT, and use 0
   * behind a reverse proxy, where every socket has the proxy's address.
   */
  MAX_SOCKETS_PER_IP: intFromEnv(50),
  /** A WebRTC transport in use whose DTLS has not connected this long is closed; 0 = never. */
  DTLS_CONNECT_TIMEOUT_MS: intFromEnv(30_000),
  /** Set: every call room needs a join link signed with it (checked by joinSecretFromEnv, >= 32 bytes). */
  JOIN_TOKEN_SECRET: z.string().optional(),
  /** How long a peer whose signaling vanished keeps its place (and media objects) to resume. */
  RESUME_GRACE_MS: intFromEnv(15_000),
  TURN_URLS: csv,
  TURN_SECRET: z.string().optional(),
  TURN_TTL_SECONDS: intFromEnv(3600),
  // Unset: a public STUN server; set to an empty string for none (closed networks, tests).
  STUN_URLS: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? ['stun:stun.l.google.com:19302'] : csv.parse(s))),
  DATABASE_URL: z.string().default('file:./data/podium.db'),
  /** Names this server in every analytics row and metric; several nodes must differ. */
  NODE_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - only (1-64)').optional(),
  ANALYTICS_RETENTION_DAYS: intFromEnv(7),
  ANALYTICS_STATS_INTERVAL_MS: intFromEnv(2000),
  ANALYTICS_CONSUMER_STATS_INTERVAL_MS: intFromEnv(5000),
  ANALYTICS_LOW_SCORE_SECONDS: intFromEnv(5),
  ANALYTICS_LOSS_PERCENT: intFromEnv(5),
});

export type Env = z.output<typeof EnvSchema>;

export interface AppConfig {
  dev: boolean;
  host: string;
  port: number;
  mediasoup: {
    numWorkers: number;
    logLevel: 'debug' | 'warn' | 'error' | 'none';
    listenIp: string;
    announcedIp: string | undefined;
    rtcMinPort: number;
    rtcMaxPort: number;
    webRtcServerPort: number;
    maxIncomingBitrate: number;
    initialAvailableOutgoingBitrate: number;
  };
  limits: {
    maxPeersPerRoom: number;
    maxTransportsPerPeer: number;
    maxProducersPerPeer: number;
    maxMessageBytes: number;
    joinsPerMinutePerIp: number;
    /** Open sockets per client address; 0 = no cap. */
    maxSocketsPerAddress: number;
    /** A transport in use must reach DTLS connected this long after its first use, or it is closed; 0 = never. */
    dtlsConnectTimeoutMs: number;
    /** Each socket's request budget: a burst of `requestBurst`, refilled at `requestsPerSecond`. */
    requestBurst: number;
    requestsPerSecond: number;
    /** Warnings a client can cause (unknown event, no ack): lines per socket and in all per window. */
    clientWarnings: { perSocket: number; total: number; windowMs: number };
    /** A vanished peer's objects are closed after this long unless it resumes. */
    resumeGraceMs: number;
  };
  allowedOrigins: string[];
  adminToken: string | undefined;
  /** HS256 key of join links; undefined means rooms are open to anyone with their id. */
  joinTokenSecret: string | undefined;
  ice: { stunUrls: string[]; turnUrls: string[]; turnSecret: string | undefined; turnTtlSeconds: number };
  databaseUrl: string;
  nodeId: string;
  analytics: {
    retentionDays: number;
    statsIntervalMs: number;
    consumerStatsIntervalMs: number;
    lowScoreHoldMs: number;
    lossThresholdPercent: number;
  };
}

/** Variables where an empty value means "none" rather than "unset". */
const EMPTY_MEANS_NONE = new Set(['STUN_URLS']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // `PORT=` in an env file must mean the default, not port 0.
  const set = Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== '' || EMPTY_MEANS_NONE.has(key)));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    dev: e.NODE_ENV !== 'production',
    host: e.HOST,
    port: e.PORT,
    mediasoup: {
      numWorkers: e.MEDIASOUP_NUM_WORKERS || os.availableParallelism(),
      logLevel: e.MEDIASOUP_LOG_LEVEL,
      listenIp: e.MEDIASOUP_LISTEN_IP,
      // A wildcard listen address needs an announced one; 127.0.0.1 suits local use.
      announcedIp: e.MEDIASOUP_ANNOUNCED_IP || (e.MEDIASOUP_LISTEN_IP === '0.0.0.0' ? '127.0.0.1' : undefined),
      rtcMinPort: e.MEDIASOUP_RTC_MIN_PORT,
      rtcMaxPort: e.MEDIASOUP_RTC_MAX_PORT,
      webRtcServerPort: e.MEDIASOUP_WEBRTC_SERVER_PORT,
      maxIncomingBitrate: e.MAX_INCOMING_BITRATE,
      initialAvailableOutgoingBitrate: e.INITIAL_AVAILABLE_OUTGOING_BITRATE,
    },
    limits: {
      maxPeersPerRoom: e.MAX_PEERS_PER_ROOM || 50,
      maxTransportsPerPeer: 4,
      maxProducersPerPeer: 4,
      // Signaling messages are a few kB (RTP parameters, stats reports): 32 kB leaves room, not a payload channel.
      maxMessageBytes: 32 * 1024,
      joinsPerMinutePerIp: e.JOIN_RATE_PER_MINUTE || 60,
      maxSocketsPerAddress: e.MAX_SOCKETS_PER_IP,
      dtlsConnectTimeoutMs: e.DTLS_CONNECT_TIMEOUT_MS,
      // A newcomer's join in a full room costs about 80 (see consume-batch); 50/s is well above any UI's pace.
      requestBurst: 100,
      requestsPerSecond: 50,
      // A few lines show what a misbehaving client does; more say nothing new.
      clientWarnings: { perSocket: 5, total: 50, windowMs: 60_000 },
      resumeGraceMs: e.RESUME_GRACE_MS,
    },
    allowedOrigins: e.ALLOWED_ORIGINS,
    adminToken: e.ADMIN_TOKEN,
    joinTokenSecret: joinSecretFromEnv(e.JOIN_TOKEN_SECRET),
    ice: {
      stunUrls: e.STUN_URLS,
      turnUrls: e.TURN_URLS,
      turnSecret: e.TURN_SECRET,
      turnTtlSeconds: e.TURN_TTL_SECONDS || 3600,
    },
    databaseUrl: e.DATABASE_URL,
    nodeId: e.NODE_ID || os.hostname().replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 64) || 'local',
    analytics: {
      retentionDays: e.ANALYTICS_RETENTION_DAYS || 7,
      // Faster than 500 ms would be a getStats() flood; slower than a minute is not live.
      statsIntervalMs: Math.min(60_000, Math.max(500, e.ANALYTICS_STATS_INTERVAL_MS || 2000)),
      consumerStatsIntervalMs: Math.min(60_000, Math.max(500, e.ANALYTICS_CONSUMER_STATS_INTERVAL_MS || 5000)),
      lowScoreHoldMs: e.ANALYTICS_LOW_SCORE_SECONDS * 1000,
      lossThresholdPercent: e.ANALYTICS_LOSS_PERCENT || 5,
    },
  };
}
