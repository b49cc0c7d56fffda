import { describe, expect, it } from 'vitest';
import { errorFromResponse, withQuery } from './rest';

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/a', { roomId: 'x y', type: undefined, peerId: '', limit: 5 })).toBe('/a?roomId=x+y&limit=5');
    expect(withQuery('/a')).toBe('/a');
  });
});

describe('errorFromResponse', () => {
  it("uses the server's code and message", () => {
    const error = errorFromResponse(404, { error: { code: 'not_found', message: 'Room x not found' } });
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Room x not found');
  });

  it('tells an admin whose session ended to sign in again', () => {
    expect(errorFromResponse(401, { error: { code: 'unauthorized', message: 'x' } }).message).toMatch(/sign in again/);
  });

  it('falls back to the status for bodies that are not the contract', () => {
    const error = errorFromResponse(502, null);
    expect(error.code).toBe('internal');
    expect(error.message).toContain('502');
    expect(errorFromResponse(500, { error: { code: 'nope', message: 'm' } }).code).toBe('internal');
  });
});
