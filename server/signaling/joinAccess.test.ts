import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/protocol/errors';
import { joinRefusalReason, type JoinRefusalReason } from '@/lib/protocol/joinRefusals';
import { mintJoinToken, type JoinClaims } from '@/server/auth/joinTokens';
import { log } from '@/server/log';
import { admitJoin, admittedName } from './joinAccess';

const SECRET = 'join-access-test-secret-0123456789abcdef';
const OTHER_SECRET = 'a-different-secret-of-enough-length-012345';
const ROOM = 'weekly-sync';
const NOW = Date.UTC(2030, 5, 1, 12, 0, 0);
const required = { joinTokenSecret: SECRET };

const mint = (claims: Partial<JoinClaims> = {}, secret = SECRET, ttlSeconds = 600) =>
  mintJoinToken(secret, { roomId: ROOM, role: 'participant', ...claims }, { ttlSeconds, nowMs: NOW });

async function refusal(token: string | undefined, roomId = ROOM, nowMs = NOW): Promise<{ code: string; reason: JoinRefusalReason | null }> {
  const error = await admitJoin(required, token, roomId, nowMs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  return { code: appError.code, reason: joinRefusalReason(appError) };
}

describe('admitJoin with JOIN_TOKEN_SECRET set', () => {
  const logged = vi.spyOn(log, 'info').mockImplementation(() => undefined);
  afterEach(() => logged.mockClear());

  it('logs a refusal with the room and the reason, never the link itself', async () => {
    const token = await mint({ roomId: 'another-room' });
    await refusal(token);
    expect(logged).toHaveBeenCalledWith('signaling', 'join refused', { room: ROOM, reason: 'other-room' });
    expect(JSON.stringify(logged.mock.calls)).not.toContain(token.split('.')[2]);
  });

  it('admits a valid link for this room and returns its claims', async () => {
    const token = await mint({ name: 'Ada' });
    await expect(admitJoin(required, token, ROOM, NOW)).resolves.toEqual({ roomId: ROOM, role: 'participant', name: 'Ada' });
  });

  it('refuses a join without a link as missing (401)', async () => {
    await expect(refusal(undefined)).resolves.toEqual({ code: 'unauthorized', reason: 'missing' });
    await expect(refusal('')).resolves.toEqual({ code: 'unauthorized', reason: 'missing' });
  });

  it('refuses an expired link as expired (401), from the second it expires', async () => {
    const token = await mint({}, SECRET, 60);
    await expect(admitJoin(required, token, ROOM, NOW + 59_000)).resolves.not.toBeNull();
    await expect(refusal(token, ROOM, NOW + 60_000)).resolves.toEqual({ code: 'unauthorized', reason: 'expired' });
  });

  it('refuses a link signed with another secret as invalid (401)', async () => {
    await expect(refusal(await mint({}, OTHER_SECRET))).resolves.toEqual({ code: 'unauthorized', reason: 'invalid' });
  });

  it('refuses a link whose payload was edited after signing as invalid', async () => {
    const [header, , signature] = (await mint({ roomId: 'other' })).split('.');
    const payload = Buffer.from(JSON.stringify({ room: ROOM, role: 'host', iss: 'podium', aud: 'podium-join', iat: NOW / 1000, exp: NOW / 1000 + 600 })).toString('base64url');
    await expect(refusal(`${header}.${payload}.${signature}`)).resolves.toEqual({ code: 'unauthorized', reason: 'invalid' });
  });

  it('refuses a valid link for another room as other-room (403)', async () => {
    await expect(refusal(await mint({ roomId: 'another-room' }))).resolves.toEqual({ code: 'forbidden', reason: 'other-room' });
  });

  it('trims the name a link carries and refuses a link whose name no one could type', async () => {
    await expect(admitJoin(required, await mint({ name: '  Ada  ' }), ROOM, NOW)).resolves.toMatchObject({ name: 'Ada' });
    await expect(refusal(await mint({ name: '   ' }))).resolves.toEqual({ code: 'unauthorized', reason: 'invalid' });
    await expect(refusal(await mint({ name: 'x'.repeat(65) }))).resolves.toEqual({ code: 'unauthorized', reason: 'invalid' });
  });
});

describe('admitJoin without a secret', () => {
  it('admits everyone and ignores any token, valid or not', async () => {
    for (const joinTokenSecret of [undefined, '']) {
      await expect(admitJoin({ joinTokenSecret }, undefined, ROOM, NOW)).resolves.toBeNull();
      await expect(admitJoin({ joinTokenSecret }, 'not-a-token', ROOM, NOW)).resolves.toBeNull();
      await expect(admitJoin({ joinTokenSecret }, await mint({ roomId: 'another-room' }), ROOM, NOW)).resolves.toBeNull();
    }
  });
});

describe('admittedName', () => {
  it("uses the link's name over the typed one, and the typed one when the link names no one", () => {
    expect(admittedName({ roomId: ROOM, role: 'participant', name: 'Ada' }, 'Mallory')).toBe('Ada');
    expect(admittedName({ roomId: ROOM, role: 'participant' }, 'Grace')).toBe('Grace');
    expect(admittedName(null, 'Grace')).toBe('Grace');
  });
});
