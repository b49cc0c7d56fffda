import { describe, expect, it } from 'vitest';
import { describeMediaError } from './localMedia';

describe('describeMediaError', () => {
  const named = (name: string) => new DOMException('browser text', name);

  it('says access was denied for NotAllowedError and SecurityError', () => {
    for (const name of ['NotAllowedError', 'SecurityError']) {
      expect(describeMediaError(named(name))).toEqual({ permission: 'denied', message: 'Camera and microphone access was denied.' });
    }
  });

  it('says no device was found for NotFoundError and OverconstrainedError', () => {
    for (const name of ['NotFoundError', 'OverconstrainedError']) {
      expect(describeMediaError(named(name)).permission).toBe('unavailable');
      expect(describeMediaError(named(name)).message).toMatch(/No camera or microphone/);
    }
  });

  it('says the device is busy for NotReadableError', () => {
    expect(describeMediaError(named('NotReadableError')).message).toMatch(/in use by another application/);
  });

  it('falls back to "not available" for anything else, including plain Errors and non-errors', () => {
    expect(describeMediaError(new Error('x')).message).toMatch(/not available in this browser/);
    expect(describeMediaError(undefined).permission).toBe('unavailable');
  });
});
