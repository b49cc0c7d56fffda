/*
 * Structured JSON-line logs through pino. Every line carries a `scope`
 * (sfu, signaling, db, ...) and, through child loggers or the context, the
 * ids (room, peer, transport) needed to follow one problem across lines.
 * Secrets in the context are redacted; a secret written into the message
 * itself is not (the generated admin token is printed that way on purpose).
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './redactSecrets';

export type Level = 'debug' | 'info' | 'warn' | 'error';
type Context = Record<string, unknown>;

const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

export function levelFromEnv(value: string | undefined): Level {
  return LEVELS.find((level) => level === value) ?? 'info';
}

/** A pino logger with Podium's format, writing to `destination`. */
export function createLogger(destination: DestinationStream, level: Level = 'info'): Logger {
  return pino(
    {
      level,
      // A walk of the whole context rather than pino's `redact` paths, which
      // reach only the depths they name: a token can sit anywhere in a context.
      formatters: {
        level: (label) => ({ level: label }),
        log: (context) => redactSecrets(context),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

export interface Log {
  debug(scope: string, message: string, context?: Context): void;
  info(scope: string, message: string, context?: Context): void;
  warn(scope: string, message: string, context?: Context): void;
  error(scope: string, message: string, context?: Context): void;
}

/** The `log.level(scope, message, context)` calls, over one pino logger. */
export function createLog(root: Logger): Log {
  // One child per scope: its binding is serialised once, not on every line.
  const scoped = new Map<string, Logger>();
  const forScope = (scope: string): Logger => {
    let child = scoped.get(scope);
    if (!child) {
      child = root.child({ scope });
      scoped.set(scope, child);
    }
    return child;
  };
  const at =
    (level: Level) =>
    (scope: string, message: string, context?: Context): void => {
      forScope(scope)[level](context ?? {}, message);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

// Synchronous writes: a line logged just before process.exit (a failed
// start, a dead worker) must not be lost, and Podium logs lifecycle events,
// not packets, so blocking on stdout costs nothing that matters.
export const logger: Logger = createLogger(pino.destination({ dest: 1, sync: true }), levelFromEnv(process.env.LOG_LEVEL));

export const log: Log = createLog(logger);

export interface LogBindings {
  scope?: string;
  room?: string;
  peer?: string;
  transport?: string;
  [key: string]: unknown;
}

/**
 * A logger whose every line carries these ids, e.g. one per peer. Its
 * bindings are redacted here: pino runs the context formatter on each line's
 * context but not on a child's bindings, so make children through this.
 */
export function childLogger(bindings: LogBindings, parent: Logger = logger): Logger {
  return parent.child(redactSecrets(bindings));
}
