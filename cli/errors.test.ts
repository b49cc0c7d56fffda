import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../lib/protocol/errors';
import { describeFailure, EXIT_CODES } from './errors';

describe('describeFailure', () => {
  const cases: [ErrorCode, number][] = [
    ['unavailable', EXIT_CODES.unreachable],
    ['unauthorized', EXIT_CODES.auth],
    ['forbidden', EXIT_CODES.auth],
    ['not_found', EXIT_CODES.notFound],
    ['invalid_payload', EXIT_CODES.usage],
    ['internal', EXIT_CODES.failure],
  ];

  it.each(cases)('maps %s to its exit code with the message on one error line', (code, exitCode) => {
    const message = `something about ${code}`;
    expect(describeFailure(new AppError(code, message))).toEqual({ exitCode, line: `error: ${message}` });
  });

  it('gives every cause its own non-zero exit code', () => {
    const failures = Object.entries(EXIT_CODES).filter(([name]) => name !== 'ok').map(([, code]) => code);
    expect(new Set(failures).size).toBe(failures.length);
    expect(failures).not.toContain(EXIT_CODES.ok);
  });

  it('folds a multi-line message into one line', () => {
    const { line } = describeFailure(new AppError('unavailable', 'first part\n  second part\nthird'));
    expect(line).toBe('error: first part second part third');
  });

  it('reports anything else as an unexpected failure with exit code 1', () => {
    expect(describeFailure(new TypeError('boom'))).toEqual({ exitCode: EXIT_CODES.failure, line: 'error: unexpected failure: boom' });
    expect(describeFailure('plain string')).toEqual({ exitCode: EXIT_CODES.failure, line: 'error: unexpected failure: plain string' });
  });
});
