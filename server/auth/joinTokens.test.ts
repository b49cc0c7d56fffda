import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/protocol/errors';
import { joinLink, joinSecretFromEnv, mintJoinToken, verifyJoinToken, verifyJoinTokenAnyRoom, type JoinClaims } from './joinTokens';

const SECRET = 'join-tokens-test-secret-0123456789abcdef';
const OTHER_SECRET = 'another-secret-of-enough-length-0123456789';
const ROOM = 'standup';
const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);
const DAY = 86_400;
const claims: JoinClaims = { roomId: ROOM, name: 'Ada', role: 'participant' };

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const json = (value: object) => b64url(JSON.stringify(value));

/** A compact JWS computed without jose, so the tests check the wire format and not just a round trip. */
function handMade(header: object, payload: object, secret = SECRET): string {
  const signingInput = `${json(header)}.${json(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

const validPayload = (overrides: object = {}) => ({
  room: ROOM, role: 'host', name: 'Grace', iss: 'podium', aud: 'podium-join',
  iat: NOW / 1000, exp: NOW / 1000 + 60, ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectRejected(token: string | undefined, message: string, roomId = ROOM, nowMs = NOW) {
  const error = await rejection(verifyJoinToken(SECRET, token, roomId, nowMs));
  expect(error.message).toBe(message);
  return error;
}

describe('mintJoinToken and verifyJoinToken', () => {
  it('accepts a fresh token for its room and returns its claims', async () => {
    const token = await mintJoinToken(SECRET, claims, { ttlSeconds: DAY, nowMs: NOW });
    await expect(verifyJoinToken(SECRET, token, ROOM, NOW)).resolves.toEqual(claims);
    await expect(verifyJoinToken(SECRET, token, ROOM, NOW + (DAY - 1) * 1000)).resolves.toEqual(claims);
  });

  it('leaves name out when there is none', async () => {
    const token = await mintJoinToken(SECRET, { roomId: ROOM, role: 'host' }, { ttlSeconds: 60, nowMs: NOW });
    await expect(verifyJoinToken(SECRET, token, ROOM, NOW)).resolves.toEqual({ roomId: ROOM, role: 'host' });
  });

  it('writes the documented header and claims', async () => {
    const token = await mintJoinToken(SECRET, claims, { ttlSeconds: DAY, nowMs: NOW + 999 });
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ room: ROOM, role: 'participant', name: 'Ada', iss: 'podium', aud: 'podium-join', iat: NOW / 1000, exp: NOW / 1000 + DAY });
  });

  it('matches a fixed vector for a fixed secret, claims and clock', async () => {
    // Pinned so a jose upgrade or a refactor cannot silently change what links look like.
    const vector =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
      '.eyJyb29tIjoic3RhbmR1cCIsInJvbGUiOiJwYXJ0aWNpcGFudCIsIm5hbWUiOiJBZGEiLCJpc3MiOiJwb2RpdW0iLCJhdWQiOiJwb2RpdW0tam9pbiIsImlhdCI6MTg5MzU1MzQ0NSwiZXhwIjoxODkzNjM5ODQ1fQ' +
      '.OvcDPwse_Kn4oVUj1UFQQA-elKDzaRiAZ2hgkVvpFkw';
    await expect(mintJoinToken(SECRET, claims, { ttlSeconds: DAY, nowMs: NOW })).resolves.toBe(vector);
    await expect(verifyJoinToken(SECRET, vector, ROOM, NOW)).resolves.toEqual(claims);
  });

  it('accepts a token signed independently with node:crypto HMAC-SHA256', async () => {
    const token = handMade({ alg: 'HS256', typ: 'JWT' }, validPayload());
    await expect(verifyJoinToken(SECRET, token, ROOM, NOW)).resolves.toEqual({ roomId: ROOM, role: 'host', name: 'Grace' });
  });

  it('signs exactly what node:crypto computes over header.payload', async () => {
    const token = await mintJoinToken(SECRET, claims, { ttlSeconds: DAY, nowMs: NOW });
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
  });

  it.each([
    ['a negative', -1],
    ['a zero', 0],
    ['a fractional', 1.5],
  ])('refuses %s ttl', async (_name, ttlSeconds) => {
    await expect(mintJoinToken(SECRET, claims, { ttlSeconds, nowMs: NOW })).rejects.toThrow(RangeError);
  });
});

describe('verifyJoinToken rejects', () => {
  it('a missing token with 401', async () => {
    for (const token of [undefined, '']) {
      const error = await expectRejected(token, 'This room needs an invite link; ask the host for one');
      expect(error.status).toBe(401);
    }
    await rejection(verifyJoinToken(SECRET, null, ROOM, NOW));
  });

  it('an expired token, with a message that says so', async () => {
    const token = await mintJoinToken(SECRET, claims, { ttlSeconds: 60, nowMs: NOW });
    const error = await expectRejected(token, 'This link has expired; ask the host for a new one', ROOM, NOW + 60_000);
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
  });

  it('a token for another room with 403', async () => {
    const token = await mintJoinToken(SECRET, claims, { ttlSeconds: 60, nowMs: NOW });
    const error = await expectRejected(token, 'This link is for another room', 'retro');
    expect(error.code).toBe('forbidden');
    expect(error.status).toBe(403);
  });

  it('a token signed with another secret', async () => {
    const token = await mintJoinToken(OTHER_SECRET, claims, { ttlSeconds: 60, nowMs: NOW });
    const error = await expectRejected(token, 'This link is not valid');
    expect(error.status).toBe(401);
  });

  it('a token whose payload was changed after signing', async () => {
    const token = await mintJoinToken(SECRET, { roomId: 'retro', role: 'participant' }, { ttlSeconds: 60, nowMs: NOW });
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${json(validPayload({ room: ROOM, role: 'host' }))}.${signature}`;
    await expectRejected(tampered, 'This link is not valid');
  });

  it('an unsigned alg "none" token', async () => {
    const payload = json(validPayload());
    for (const alg of ['none', 'None', 'NONE']) {
      await expectRejected(`${json({ alg, typ: 'JWT' })}.${payload}.`, 'This link is not valid');
    }
  });

  it('a token signed with the right secret but another algorithm', async () => {
    const signingInput = `${json({ alg: 'HS512', typ: 'JWT' })}.${json(validPayload())}`;
    const token = `${signingInput}.${createHmac('sha512', SECRET).update(signingInput).digest('base64url')}`;
    await expectRejected(token, 'This link is not valid');
  });

  it.each([
    ['the wrong issuer', { iss: 'someone-else' }],
    ['the wrong audience', { aud: 'podium-admin' }],
    ['no issuer', { iss: undefined }],
    ['no expiry', { exp: undefined }],
    ['no room', { room: undefined }],
    ['an unknown role', { role: 'admin' }],
    ['a non-string name', { name: 42 }],
  ])('a correctly signed token with %s', async (_name, overrides) => {
    await expectRejected(handMade({ alg: 'HS256', typ: 'JWT' }, validPayload(overrides)), 'This link is not valid');
  });

  it.each(['garbage', 'a.b.c', 'a.b', '...'])('a malformed token (%s)', async (token) => {
    await expectRejected(token, 'This link is not valid');
  });
});

describe('verifyJoinTokenAnyRoom', () => {
  it('returns the claims of a valid token for any room, with the room it names', async () => {
    const token = await mintJoinToken(SECRET, { roomId: 'elsewhere', role: 'participant' }, { ttlSeconds: 60, nowMs: NOW });
    await expect(verifyJoinTokenAnyRoom(SECRET, token, NOW)).resolves.toEqual({ roomId: 'elsewhere', role: 'participant' });
  });

  it('accepts the independently signed token', async () => {
    const token = handMade({ alg: 'HS256', typ: 'JWT' }, validPayload({ room: 'other' }));
    await expect(verifyJoinTokenAnyRoom(SECRET, token, NOW)).resolves.toEqual({ roomId: 'other', role: 'host', name: 'Grace' });
  });

  it.each([
    ['missing', async () => undefined, 'This room needs an invite link; ask the host for one'],
    ['expired', () => mintJoinToken(SECRET, claims, { ttlSeconds: 60, nowMs: NOW - 61_000 }), 'This link has expired; ask the host for a new one'],
    ['forged', () => mintJoinToken(OTHER_SECRET, claims, { ttlSeconds: 60, nowMs: NOW }), 'This link is not valid'],
    ['unsigned', async () => handMade({ alg: 'none', typ: 'JWT' }, validPayload()).replace(/[^.]+$/, ''), 'This link is not valid'],
  ])('rejects a %s token with 401', async (_label, make, message) => {
    const error = await rejection(verifyJoinTokenAnyRoom(SECRET, await make(), NOW));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe(message);
  });
});

describe('secrets', () => {
  it('must be at least 32 bytes for minting and verifying', async () => {
    const short = 'x'.repeat(31);
    await expect(mintJoinToken(short, claims, { ttlSeconds: 60 })).rejects.toThrow(/at least 32 bytes/);
    await expect(verifyJoinToken(short, 'a.b.c', ROOM)).rejects.toThrow(/at least 32 bytes/);
    await expect(mintJoinToken('x'.repeat(32), claims, { ttlSeconds: 60 })).resolves.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('joinSecretFromEnv: unset or blank is off, short is an error', () => {
    expect(joinSecretFromEnv(undefined)).toBeUndefined();
    expect(joinSecretFromEnv('')).toBeUndefined();
    expect(joinSecretFromEnv('   ')).toBeUndefined();
    expect(() => joinSecretFromEnv('too-short')).toThrow(/JOIN_TOKEN_SECRET must be at least 32 bytes long \(got 9\)/);
    expect(joinSecretFromEnv(SECRET)).toBe(SECRET);
  });
});

describe('joinLink', () => {
  it('puts the token in the query of the room page', () => {
    expect(joinLink('https://podium.example', ROOM, 'a.b.c')).toBe('https://podium.example/room/standup?token=a.b.c');
  });

  it('never doubles the slash, and keeps a base path', () => {
    expect(joinLink('https://podium.example/', ROOM, 't')).toBe('https://podium.example/room/standup?token=t');
    expect(joinLink('https://example.com/podium//', ROOM, 't')).toBe('https://example.com/podium/room/standup?token=t');
  });

  it('URL-encodes the room and the token', () => {
    const link = joinLink('http://localhost:3000', 'a b/c', 'x+y=/z');
    expect(link).toBe('http://localhost:3000/room/a%20b%2Fc?token=x%2By%3D%2Fz');
    expect(new URL(link).searchParams.get('token')).toBe('x+y=/z');
  });

  it('carries a minted token that verifies', async () => {
    const token = await mintJoinToken(SECRET, claims, { ttlSeconds: 60, nowMs: NOW });
    const url = new URL(joinLink('http://localhost:3000', ROOM, token));
    expect(url.pathname).toBe(`/room/${ROOM}`);
    await expect(verifyJoinToken(SECRET, url.searchParams.get('token'), ROOM, NOW)).resolves.toEqual(claims);
  });
});
