import { describe, expect, it } from 'vitest';
import { SocketsPerAddress } from './SocketsPerAddress';

describe('SocketsPerAddress', () => {
  it('admits up to the cap per address and refuses the next', () => {
    const counter = new SocketsPerAddress(2);
    expect(counter.admit('10.0.0.1', 's1')).toBe(true);
    expect(counter.admit('10.0.0.1', 's2')).toBe(true);
    expect(counter.admit('10.0.0.1', 's3')).toBe(false);
    // Another address has its own allowance.
    expect(counter.admit('10.0.0.2', 's4')).toBe(true);
    expect(counter.openFrom('10.0.0.1')).toBe(2);
  });

  it('frees a place when a socket is released', () => {
    const counter = new SocketsPerAddress(1);
    counter.admit('10.0.0.1', 's1');
    expect(counter.admit('10.0.0.1', 's2')).toBe(false);
    counter.release('s1');
    expect(counter.admit('10.0.0.1', 's2')).toBe(true);
  });

  it('ignores a second release and the release of a socket it never admitted', () => {
    const counter = new SocketsPerAddress(2);
    counter.admit('10.0.0.1', 's1');
    counter.admit('10.0.0.1', 's2');
    counter.release('s1');
    counter.release('s1');
    counter.release('refused-one');
    expect(counter.openFrom('10.0.0.1')).toBe(1);
  });

  it('counts a socket admitted twice once', () => {
    const counter = new SocketsPerAddress(2);
    counter.admit('10.0.0.1', 's1');
    counter.admit('10.0.0.1', 's1');
    expect(counter.openFrom('10.0.0.1')).toBe(1);
  });

  it('forgets an address once its last socket is released', () => {
    const counter = new SocketsPerAddress(3);
    counter.admit('10.0.0.1', 's1');
    counter.admit('10.0.0.2', 's2');
    counter.release('s1');
    counter.release('s2');
    expect(counter.addresses).toBe(0);
  });

  it('has no cap at 0', () => {
    const counter = new SocketsPerAddress(0);
    for (let i = 0; i < 1000; i++) expect(counter.admit('10.0.0.1', `s${i}`)).toBe(true);
  });
});
