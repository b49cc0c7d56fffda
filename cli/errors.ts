import { AppError, type ErrorCode } from '../lib/protocol/errors';

/*
 * How a failure reaches the shell: one line on stderr and an exit code a
 * script can branch on. Distinct codes per cause, because "is the server
 * down" and "is my token wrong" call for different fixes.
 */

export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  usage: 2,
  unreachable: 3,
  auth: 4,
  notFound: 5,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const EXIT_BY_ERROR_CODE: Partial<Record<ErrorCode, ExitCode>> = {
  invalid_payload: EXIT_CODES.usage,
  unavailable: EXIT_CODES.unreachable,
  unauthorized: EXIT_CODES.auth,
  forbidden: EXIT_CODES.auth,
  not_found: EXIT_CODES.notFound,
};

export interface Failure {
  exitCode: ExitCode;
  /** One line, ready for stderr. */
  line: string;
}

/** Multi-line messages would break "one line per failure" for scripts that read stderr. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

export function describeFailure(error: unknown): Failure {
  if (error instanceof AppError) {
    return { exitCode: EXIT_BY_ERROR_CODE[error.code] ?? EXIT_CODES.failure, line: `error: ${oneLine(error.message)}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT_CODES.failure, line: `error: unexpected failure: ${oneLine(message)}` };
}
