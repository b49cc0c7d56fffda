import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/protocol/errors';
import { mintJoinToken } from '@/server/auth/joinTokens';
import { iceServersFor, type IceServersDeps } from './iceServersRoute';

const SECRET = 'ice-route-join-secret-0123456789abcdef';
const TURN_SECRET = 'turn-secret';
const NOW = Date.UTC(2030, 5, 1, 12, 0, 0);
const RESUME = 'resume-token-of-alice-0123456789';

const deps = (overrides: Partial<IceServersDeps> = {}): IceServersDeps => ({
  ice: { stunUrls: [], turnUrls: ['turn:turn.example.org:3478?transport=udp'], turnSecret: TURN_SECRET, turnTtlSeconds: 600 },
  joinTokenSecret: SECRET,
  participantCredential: (token) => (token === RESUME ? { peerId: 'peer-alice', roomId: 'standup' } : null),
  nowMs: () => NOW,
  ...overrides,
});

const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as http.IncomingMessage;
const url = (query = '') => new URL(`http://localhost/api/ice-servers${query}`);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const turnOf = async (promise: ReturnType<typeof iceServersFor>) => {
  const { iceServers } = await promise;
  expect(iceServers).toHaveLength(1);
  return iceServers[0]!;
};

const expiry = NOW / 1000 + 600;

describe('iceServersFor', () => {
  it('refuses a request without any credential with 401', async () => {
    const error = await refusal(iceServersFor(request(), url(), deps()));
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
  });

  it('gives a joined participant TURN credentials in its own peer id', async () => {
    const turn = await turnOf(iceServersFor(request(`Bearer ${RESUME}`), url(), deps()));
    expect(turn.username).toBe(`${expiry}:peer-alice`);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(`${expiry}:peer-alice`).digest('base64'));
  });

  it('refuses an unknown bearer with 403 when join links are off', async () => {
    const error = await refusal(iceServersFor(request('Bearer someone-elses-guess'), url(), deps({ joinTokenSecret: undefined })));
    expect(error.code).toBe('forbidden');
    expect(error.status).toBe(403);
  });

  it('refuses a join link with 403 when join links are off', async () => {
    const token = await mintJoinToken(SECRET, { roomId: 'standup', role: 'participant' }, { ttlSeconds: 60, nowMs: NOW });
    const error = await refusal(iceServersFor(request(), url(`?token=${token}`), deps({ joinTokenSecret: undefined })));
    expect(error.code).toBe('forbidden');
  });

  it('accepts a valid join link in the query or as the bearer, naming its room', async () => {
    const token = await mintJoinToken(SECRET, { roomId: 'standup', role: 'participant' }, { ttlSeconds: 60, nowMs: NOW });
    const fromQuery = await turnOf(iceServersFor(request(), url(`?token=${encodeURIComponent(token)}`), deps()));
    expect(fromQuery.username).toBe(`${expiry}:link-standup`);
    const fromBearer = await turnOf(iceServersFor(request(`Bearer ${token}`), url(), deps()));
    expect(fromBearer.username).toBe(`${expiry}:link-standup`);
  });

  it('keeps only safe characters of a room claim in the TURN user part', async () => {
    const token = await mintJoinToken(SECRET, { roomId: 'a:b c/d', role: 'host' }, { ttlSeconds: 60, nowMs: NOW });
    const turn = await turnOf(iceServersFor(request(), url(`?token=${encodeURIComponent(token)}`), deps()));
    expect(turn.username).toBe(`${expiry}:link-a_b_c_d`);
  });

  it('refuses an expired or forged join link with 403 and says why', async () => {
    const expired = await mintJoinToken(SECRET, { roomId: 'standup', role: 'participant' }, { ttlSeconds: 60, nowMs: NOW - 120_000 });
    const expiredError = await refusal(iceServersFor(request(), url(`?token=${expired}`), deps()));
    expect(expiredError).toMatchObject({ code: 'forbidden', message: 'This link has expired; ask the host for a new one' });
    const forged = await mintJoinToken('a-different-secret-that-is-long-enough-0123', { roomId: 'standup', role: 'host' }, { ttlSeconds: 60, nowMs: NOW });
    const forgedError = await refusal(iceServersFor(request(`Bearer ${forged}`), url(), deps()));
    expect(forgedError).toMatchObject({ code: 'forbidden', message: 'This link is not valid' });
  });

  it('prefers the participant when the bearer is a resume token, whatever the query holds', async () => {
    const turn = await turnOf(iceServersFor(request(`Bearer ${RESUME}`), url('?token=junk'), deps()));
    expect(turn.username).toBe(`${expiry}:peer-alice`);
  });

  it('gives STUN only to a participant when no TURN secret is set', async () => {
    const ice = { stunUrls: ['stun:stun.example.org:3478'], turnUrls: ['turn:t:3478'], turnSecret: undefined, turnTtlSeconds: 600 };
    await expect(iceServersFor(request(`Bearer ${RESUME}`), url(), deps({ ice }))).resolves.toEqual({
      iceServers: [{ urls: ['stun:stun.example.org:3478'] }],
    });
  });
});
