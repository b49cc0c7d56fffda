import { describe, expect, it } from 'vitest';
import { LogThrottle } from './LogThrottle';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const admitted = (throttle: LogThrottle, key: string, times: number) =>
  Array.from({ length: times }, () => throttle.admit(key)).filter(Boolean).length;

describe('LogThrottle', () => {
  it('lets a key write perKey lines per window and counts the rest', () => {
    const c = clock();
    const throttle = new LogThrottle({ perKey: 3, total: 100, windowMs: 1000 }, c.now);
    expect(admitted(throttle, 'a', 10)).toBe(3);
    expect(throttle.takeSuppressed()).toEqual({ lines: 7, keys: 1 });
    // Taken once: the next summary starts from zero.
    expect(throttle.takeSuppressed()).toEqual({ lines: 0, keys: 0 });
  });

  it('gives each key its own allowance', () => {
    const throttle = new LogThrottle({ perKey: 2, total: 100, windowMs: 1000 }, clock().now);
    expect(admitted(throttle, 'a', 5)).toBe(2);
    expect(admitted(throttle, 'b', 5)).toBe(2);
    expect(throttle.takeSuppressed()).toEqual({ lines: 6, keys: 2 });
  });

  it('caps all keys together, so many keys cannot flood the log either', () => {
    const throttle = new LogThrottle({ perKey: 2, total: 5, windowMs: 1000 }, clock().now);
    const written = Array.from({ length: 20 }, (_, i) => throttle.admit(`socket-${i}`)).filter(Boolean).length;
    expect(written).toBe(5);
    expect(throttle.takeSuppressed()).toEqual({ lines: 15, keys: 15 });
  });

  it('starts a fresh allowance when the window has passed, not before', () => {
    const c = clock();
    const throttle = new LogThrottle({ perKey: 1, total: 1, windowMs: 1000 }, c.now);
    expect(throttle.admit('a')).toBe(true);
    c.advance(999);
    expect(throttle.admit('a')).toBe(false);
    expect(throttle.admit('b')).toBe(false);
    c.advance(1);
    expect(throttle.admit('a')).toBe(true);
    expect(throttle.takeSuppressed()).toEqual({ lines: 2, keys: 2 });
  });
});
