import { describe, expect, it } from 'vitest';
import { relayAddresses, turnHost } from './relayAddresses';

describe('turnHost', () => {
  it('takes the host out of turn and turns URLs', () => {
    expect(turnHost('turn:turn.example.com:3478?transport=udp')).toBe('turn.example.com');
    expect(turnHost('turns:203.0.113.7:5349')).toBe('203.0.113.7');
    expect(turnHost('turn:[2001:db8::1]:3478')).toBe('2001:db8::1');
    expect(turnHost('turn:relay.example')).toBe('relay.example');
  });

  it('ignores what is not a TURN URL', () => {
    expect(turnHost('stun:stun.example:19302')).toBeNull();
    expect(turnHost('http://x')).toBeNull();
  });
});

describe('relayAddresses', () => {
  it('keeps IP literals and resolves names (localhost resolves offline)', async () => {
    const set = await relayAddresses(['turn:127.0.0.2:3478', 'turn:localhost:3478?transport=tcp']);
    expect(set.has('127.0.0.2')).toBe(true);
    expect([...set].some((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
  });

  it('is empty without TURN', async () => {
    expect((await relayAddresses([])).size).toBe(0);
  });
});
