import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

// Next's types make NODE_ENV a required key of ProcessEnv; these env objects are partial on purpose.
const load = (vars: Record<string, string> = {}) => loadConfig(vars as NodeJS.ProcessEnv);

describe('loadConfig defaults', () => {
  const config = load({});

  it('serves on 0.0.0.0:3000 in development', () => {
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dev).toBe(true);
  });

  it('listens for media on 127.0.0.1 with no announced address', () => {
    expect(config.mediasoup.listenIp).toBe('127.0.0.1');
    expect(config.mediasoup.announcedIp).toBeUndefined();
  });

  it('runs one worker per available CPU', () => {
    expect(config.mediasoup.numWorkers).toBe(os.availableParallelism());
  });

  it('has the documented mediasoup defaults', () => {
    expect(config.mediasoup).toMatchObject({
      logLevel: 'warn',
      rtcMinPort: 40000,
      rtcMaxPort: 49999,
      webRtcServerPort: 0,
      maxIncomingBitrate: 1_500_000,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
  });

  it('limits rooms to 50 peers and joins to 60 per minute', () => {
    expect(config.limits.maxPeersPerRoom).toBe(50);
    expect(config.limits.joinsPerMinutePerIp).toBe(60);
  });

  it('allows no extra origins and has no admin token', () => {
    expect(config.allowedOrigins).toEqual([]);
    expect(config.adminToken).toBeUndefined();
  });

  it('has no join token secret, so rooms need no join link', () => {
    expect(config.joinTokenSecret).toBeUndefined();
  });

  it('uses a public STUN server and no TURN', () => {
    expect(config.ice.stunUrls).toEqual(['stun:stun.l.google.com:19302']);
    expect(config.ice.turnUrls).toEqual([]);
    expect(config.ice.turnSecret).toBeUndefined();
    expect(config.ice.turnTtlSeconds).toBe(3600);
  });

  it('uses the local SQLite database', () => {
    expect(config.databaseUrl).toBe('file:./data/podium.db');
  });
});

describe('loadConfig overrides', () => {
  it('parses numbers', () => {
    const config = load({
      PORT: '8080',
      MEDIASOUP_NUM_WORKERS: '3',
      MEDIASOUP_RTC_MIN_PORT: '20000',
      MEDIASOUP_RTC_MAX_PORT: '20100',
      MEDIASOUP_WEBRTC_SERVER_PORT: '44444',
      MAX_PEERS_PER_ROOM: '8',
      JOIN_RATE_PER_MINUTE: '5',
      TURN_TTL_SECONDS: '120',
    });
    expect(config.port).toBe(8080);
    expect(config.mediasoup.numWorkers).toBe(3);
    expect(config.mediasoup.rtcMinPort).toBe(20000);
    expect(config.mediasoup.rtcMaxPort).toBe(20100);
    expect(config.mediasoup.webRtcServerPort).toBe(44444);
    expect(config.limits.maxPeersPerRoom).toBe(8);
    expect(config.limits.joinsPerMinutePerIp).toBe(5);
    expect(config.ice.turnTtlSeconds).toBe(120);
  });

  it('refuses non-numeric and negative numbers', () => {
    expect(() => load({ PORT: 'http' })).toThrow();
    expect(() => load({ PORT: '-1' })).toThrow();
    expect(() => load({ MAX_PEERS_PER_ROOM: '2.5' })).toThrow();
  });

  it('parses CSV lists, trimming and dropping empty entries', () => {
    const config = load({
      ALLOWED_ORIGINS: 'https://a.example, https://b.example ,,',
      TURN_URLS: 'turn:t.example:3478,turns:t.example:5349',
      TURN_SECRET: 'shh',
      STUN_URLS: 'stun:s1.example, stun:s2.example',
    });
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.ice.turnUrls).toEqual(['turn:t.example:3478', 'turns:t.example:5349']);
    expect(config.ice.turnSecret).toBe('shh');
    expect(config.ice.stunUrls).toEqual(['stun:s1.example', 'stun:s2.example']);
  });

  it('has no STUN server when STUN_URLS is empty', () => {
    expect(load({ STUN_URLS: '' }).ice.stunUrls).toEqual([]);
  });

  it('announces 127.0.0.1 when listening on 0.0.0.0 without an announced address', () => {
    const config = load({ MEDIASOUP_LISTEN_IP: '0.0.0.0' });
    expect(config.mediasoup.listenIp).toBe('0.0.0.0');
    expect(config.mediasoup.announcedIp).toBe('127.0.0.1');
  });

  it('keeps an explicit announced address', () => {
    const config = load({ MEDIASOUP_LISTEN_IP: '0.0.0.0', MEDIASOUP_ANNOUNCED_IP: '203.0.113.7' });
    expect(config.mediasoup.announcedIp).toBe('203.0.113.7');
  });

  it('does not invent an announced address for a specific listen address', () => {
    expect(load({ MEDIASOUP_LISTEN_IP: '192.0.2.10' }).mediasoup.announcedIp).toBeUndefined();
  });

  it('is production only with NODE_ENV=production', () => {
    expect(load({ NODE_ENV: 'production' }).dev).toBe(false);
    expect(load({ NODE_ENV: 'test' }).dev).toBe(true);
  });

  it('accepts the log levels mediasoup knows and refuses others', () => {
    expect(load({ MEDIASOUP_LOG_LEVEL: 'debug' }).mediasoup.logLevel).toBe('debug');
    expect(() => load({ MEDIASOUP_LOG_LEVEL: 'verbose' })).toThrow();
  });

  it('falls back to the defaults for 0 where 0 makes no sense', () => {
    const config = load({ MEDIASOUP_NUM_WORKERS: '0', MAX_PEERS_PER_ROOM: '0', TURN_TTL_SECONDS: '0' });
    expect(config.mediasoup.numWorkers).toBe(os.availableParallelism());
    expect(config.limits.maxPeersPerRoom).toBe(50);
    expect(config.ice.turnTtlSeconds).toBe(3600);
  });

  it('keeps the admin token', () => {
    expect(load({ ADMIN_TOKEN: 'a-token-of-16-chr' }).adminToken).toBe('a-token-of-16-chr');
    expect(() => load({ ADMIN_TOKEN: 'short-token' })).toThrow(/ADMIN_TOKEN.*at least 16 characters/);
  });

  it('keeps a join token secret of 32 bytes or more and refuses a shorter one at start', () => {
    const secret = 'j'.repeat(32);
    expect(load({ JOIN_TOKEN_SECRET: secret }).joinTokenSecret).toBe(secret);
    expect(() => load({ JOIN_TOKEN_SECRET: 'j'.repeat(31) })).toThrow(/JOIN_TOKEN_SECRET must be at least 32 bytes/);
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(load({ JOIN_TOKEN_SECRET: '€'.repeat(11) }).joinTokenSecret).toBe('€'.repeat(11));
  });
});

describe('empty environment values', () => {
  it('treats an empty number setting as unset, not as 0', () => {
    const config = loadConfig({ PORT: '', MEDIASOUP_RTC_MIN_PORT: '' } as unknown as NodeJS.ProcessEnv);
    expect(config.port).toBe(3000);
    expect(config.mediasoup.rtcMinPort).toBe(40000);
  });

  it('treats an empty ADMIN_TOKEN as unset', () => {
    expect(loadConfig({ ADMIN_TOKEN: '' } as unknown as NodeJS.ProcessEnv).adminToken).toBeUndefined();
  });

  it('treats an empty or blank JOIN_TOKEN_SECRET as unset', () => {
    for (const JOIN_TOKEN_SECRET of ['', '   ']) {
      expect(loadConfig({ JOIN_TOKEN_SECRET } as unknown as NodeJS.ProcessEnv).joinTokenSecret).toBeUndefined();
    }
  });

  it('names the setting when a value is invalid', () => {
    expect(() => loadConfig({ PORT: 'abc' } as unknown as NodeJS.ProcessEnv)).toThrow(/Invalid setting PORT/);
  });
});
