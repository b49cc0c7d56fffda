import { describe, expect, it } from 'vitest';
import { joinLink, mintJoinToken } from '@/server/auth/joinTokens';
import { invitedNameOf, joinTokenFromSearch } from './joinToken';

const SECRET = 'client-join-token-test-secret-0123456789';

describe('joinTokenFromSearch', () => {
  it('reads the token from the link joinLink builds', async () => {
    const token = await mintJoinToken(SECRET, { roomId: 'standup', role: 'participant' }, { ttlSeconds: 60 });
    const link = new URL(joinLink('https://podium.example', 'standup', token));
    expect(link.pathname).toBe('/room/standup');
    expect(joinTokenFromSearch(link.search)).toBe(token);
  });

  it('finds it among other parameters and is undefined when absent or empty', () => {
    expect(joinTokenFromSearch('?ice=relay&token=a.b.c')).toBe('a.b.c');
    expect(joinTokenFromSearch('')).toBeUndefined();
    expect(joinTokenFromSearch('?token=')).toBeUndefined();
    expect(joinTokenFromSearch('?ice=relay')).toBeUndefined();
  });
});

describe('invitedNameOf', () => {
  it('reads the name a minted token carries, including non-ASCII names', async () => {
    const mint = (name?: string) => mintJoinToken(SECRET, { roomId: 'r', role: 'participant', name }, { ttlSeconds: 60 });
    expect(invitedNameOf(await mint('Ada'))).toBe('Ada');
    expect(invitedNameOf(await mint('Zoë Łukasiewicz 日本'))).toBe('Zoë Łukasiewicz 日本');
    expect(invitedNameOf(await mint())).toBeUndefined();
  });

  it('is undefined for no token and for anything that is not a JWT', () => {
    expect(invitedNameOf(undefined)).toBeUndefined();
    expect(invitedNameOf('')).toBeUndefined();
    expect(invitedNameOf('not-a-jwt')).toBeUndefined();
    expect(invitedNameOf('a.%%%.c')).toBeUndefined();
    expect(invitedNameOf(`x.${Buffer.from('[1,2]').toString('base64url')}.y`)).toBeUndefined();
  });
});
