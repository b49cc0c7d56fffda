import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/protocol/errors';
import { DEFAULT_URL, resolveBaseUrl, resolveConnection, resolveToken } from './connection';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('resolveBaseUrl', () => {
  it('prefers --url, then PODIUM_URL, then the default', () => {
    expect(resolveBaseUrl({ url: 'http://flag.test:1234' }, { PODIUM_URL: 'http://env.test' })).toBe('http://flag.test:1234');
    expect(resolveBaseUrl({}, { PODIUM_URL: 'http://env.test:8080' })).toBe('http://env.test:8080');
    expect(resolveBaseUrl({}, {})).toBe(DEFAULT_URL);
  });

  it('treats an empty PODIUM_URL as unset', () => {
    expect(resolveBaseUrl({}, { PODIUM_URL: '  ' })).toBe(DEFAULT_URL);
  });

  it('drops trailing slashes but keeps a base path for servers behind a proxy', () => {
    expect(resolveBaseUrl({ url: 'http://h.test:3000/' }, {})).toBe('http://h.test:3000');
    expect(resolveBaseUrl({ url: 'https://h.test/podium//' }, {})).toBe('https://h.test/podium');
  });

  it('refuses what is not an http(s) URL, naming --url', () => {
    for (const url of ['localhost:3000', 'not a url', 'ftp://h.test']) {
      const error = thrown(() => resolveBaseUrl({ url }, {}));
      expect(error.code).toBe('invalid_payload');
      expect(error.message).toContain('--url');
    }
  });
});

describe('resolveToken', () => {
  it('prefers --token over ADMIN_TOKEN', () => {
    expect(resolveToken({ token: 'from-flag' }, { ADMIN_TOKEN: 'from-env' })).toBe('from-flag');
    expect(resolveToken({}, { ADMIN_TOKEN: 'from-env' })).toBe('from-env');
  });

  it('without a token says how to give one', () => {
    for (const env of [{}, { ADMIN_TOKEN: '' }]) {
      const error = thrown(() => resolveToken({}, env));
      expect(error.code).toBe('unauthorized');
      expect(error.message).toContain('--token');
      expect(error.message).toContain('ADMIN_TOKEN');
    }
  });
});

it('resolveConnection combines both', () => {
  expect(resolveConnection({ url: 'http://h.test/' }, { ADMIN_TOKEN: 't' })).toEqual({ baseUrl: 'http://h.test', token: 't' });
});
