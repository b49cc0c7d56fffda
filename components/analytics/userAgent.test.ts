import { describe, expect, it } from 'vitest';
import { shortUserAgent } from './userAgent';

describe('shortUserAgent', () => {
  it('names the browser, its major version and the system', () => {
    expect(shortUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe(
      'Chrome 156 on Linux',
    );
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0')).toBe(
      'Edge 120 on Windows',
    );
    expect(
      shortUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari 17 on iOS');
    expect(shortUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox 121 on macOS');
  });

  it('keeps an unknown agent, shortened', () => {
    expect(shortUserAgent('curl/8.0')).toBe('curl/8.0');
    expect(shortUserAgent('x'.repeat(60))).toHaveLength(41);
    expect(shortUserAgent(null)).toBe('—');
  });
});
