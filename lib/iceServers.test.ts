import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildIceServers, type IceServerSettings } from './iceServers';

const base: IceServerSettings = {
  stunUrls: ['stun:stun.example.org:3478'],
  turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
  turnSecret: undefined,
  turnTtlSeconds: 3600,
};

describe('buildIceServers', () => {
  it('returns STUN only without a TURN secret', () => {
    expect(buildIceServers(base, 'peer-1', 0)).toEqual([{ urls: ['stun:stun.example.org:3478'] }]);
  });

  it('treats an empty secret like none', () => {
    expect(buildIceServers({ ...base, turnSecret: '' }, 'peer-1', 0)).toHaveLength(1);
  });

  it('returns nothing with no STUN and no TURN', () => {
    expect(buildIceServers({ ...base, stunUrls: [], turnUrls: [] }, 'peer-1', 0)).toEqual([]);
  });

  it('adds no TURN server without TURN urls even with a secret', () => {
    const servers = buildIceServers({ ...base, turnUrls: [], turnSecret: 's3cret' }, 'peer-1', 0);
    expect(servers).toEqual([{ urls: ['stun:stun.example.org:3478'] }]);
  });

  it('issues TURN REST credentials', () => {
    const nowMs = 1_700_000_123_999;
    const servers = buildIceServers({ ...base, turnSecret: 's3cret', turnTtlSeconds: 600 }, 'peer-1', nowMs);
    expect(servers).toHaveLength(2);
    const turn = servers[1];
    const expectedUsername = `${1_700_000_123 + 600}:peer-1`;
    const expectedCredential = createHmac('sha1', 's3cret').update(expectedUsername).digest('base64');
    expect(turn).toEqual({ urls: base.turnUrls, username: expectedUsername, credential: expectedCredential });
  });

  it('matches a credential computed by hand for known inputs', () => {
    // expiry = floor(1000999 / 1000) + 1 = 1001
    const [turn] = buildIceServers({ ...base, stunUrls: [], turnSecret: 'key', turnTtlSeconds: 1 }, 'u', 1_000_999);
    expect(turn.username).toBe('1001:u');
    expect(turn.credential).toBe(createHmac('sha1', 'key').update('1001:u').digest('base64'));
  });

  it('matches a fixed vector computed outside node:crypto', () => {
    // Computed once with OpenSSL (and cross-checked with Python's hmac module):
    //   printf '%s' '1700003723:peer-1' | openssl dgst -sha1 -hmac 's3cret' -binary | base64
    // expiry = floor(1_700_000_123_999 / 1000) + 3600 = 1_700_003_723
    const [turn] = buildIceServers({ ...base, stunUrls: [], turnSecret: 's3cret', turnTtlSeconds: 3600 }, 'peer-1', 1_700_000_123_999);
    expect(turn).toEqual({ urls: base.turnUrls, username: '1700003723:peer-1', credential: '3CkZHx4/NPQw9wInjC4FfcTt1ac=' });
  });

  it('gives different credentials for different secrets and users', () => {
    const a = buildIceServers({ ...base, stunUrls: [], turnSecret: 'one' }, 'u', 0)[0];
    const b = buildIceServers({ ...base, stunUrls: [], turnSecret: 'two' }, 'u', 0)[0];
    const c = buildIceServers({ ...base, stunUrls: [], turnSecret: 'one' }, 'v', 0)[0];
    expect(a.credential).not.toBe(b.credential);
    expect(a.credential).not.toBe(c.credential);
  });
});
