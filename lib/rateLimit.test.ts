import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, TokenBucket } from './rateLimit';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function drain(take: () => boolean, max = 1000): number {
  let n = 0;
  while (n < max && take()) n++;
  return n;
}

describe('TokenBucket', () => {
  it('allows `capacity` requests at once, then refuses', () => {
    const c = clock();
    const bucket = new TokenBucket(3, 1, c.now);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('refills at refillPerSecond over injected time', () => {
    const c = clock();
    const bucket = new TokenBucket(5, 2, c.now);
    expect(drain(() => bucket.take())).toBe(5);
    c.advance(499); // 0.998 tokens
    expect(bucket.take()).toBe(false);
    c.advance(1); // now 1 token (499ms already credited)
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    c.advance(1500); // 3 tokens
    expect(drain(() => bucket.take())).toBe(3);
  });

  it('never refills above capacity', () => {
    const c = clock();
    const bucket = new TokenBucket(4, 10, c.now);
    expect(drain(() => bucket.take())).toBe(4);
    c.advance(60 * 60 * 1000);
    expect(drain(() => bucket.take())).toBe(4);
  });

  it('starts full even after a long idle time', () => {
    const c = clock();
    const bucket = new TokenBucket(2, 1, c.now);
    c.advance(10_000);
    expect(drain(() => bucket.take())).toBe(2);
  });

  it('honours a cost larger than one and refuses without spending', () => {
    const c = clock();
    const bucket = new TokenBucket(5, 1, c.now);
    expect(bucket.take(3)).toBe(true);
    expect(bucket.take(3)).toBe(false);
    expect(bucket.take(2)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });
});

describe('KeyedRateLimiter', () => {
  it('keeps a separate bucket per key', () => {
    const c = clock();
    const limiter = new KeyedRateLimiter(2, 1, c.now);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.take('b')).toBe(false);
    expect(limiter.size).toBe(2);
  });

  it('refills a key over time', () => {
    const c = clock();
    const limiter = new KeyedRateLimiter(1, 1, c.now);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    c.advance(1000);
    expect(limiter.take('a')).toBe(true);
  });

  it('sweeps keys idle longer than a full refill', () => {
    const c = clock();
    // Full after capacity / rate = 4 / 2 = 2 s.
    const limiter = new KeyedRateLimiter(4, 2, c.now);
    limiter.take('a');
    limiter.take('b');
    expect(limiter.size).toBe(2);

    c.advance(1500);
    limiter.take('b'); // b is fresh again, a is 1.5 s idle
    expect(limiter.size).toBe(2);

    c.advance(600); // a idle 2.1 s, b idle 0.6 s
    limiter.take('c');
    expect(limiter.size).toBe(2); // a swept; b and c remain

    c.advance(2001);
    limiter.take('d');
    expect(limiter.size).toBe(1); // only d
  });

  it('does not sweep a key idle exactly the refill time', () => {
    const c = clock();
    const limiter = new KeyedRateLimiter(2, 1, c.now);
    limiter.take('a');
    c.advance(2000);
    limiter.take('b');
    expect(limiter.size).toBe(2);
  });

  it('a swept key comes back with a full bucket', () => {
    const c = clock();
    const limiter = new KeyedRateLimiter(2, 1, c.now);
    expect(drain(() => limiter.take('a'))).toBe(2);
    c.advance(5000);
    limiter.take('other');
    expect(limiter.size).toBe(1);
    expect(drain(() => limiter.take('a'))).toBe(2);
  });
});
