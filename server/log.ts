/*
 * Structured one-line logs: `<time> <level> [<scope>] <message> {context}`.
 * Context carries the ids (room, peer, transport) needed to follow a problem.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Context = Record<string, unknown>;

const quiet = process.env.LOG_LEVEL === 'warn' || process.env.LOG_LEVEL === 'error';
const debugOn = process.env.LOG_LEVEL === 'debug';

function write(level: Level, scope: string, message: string, context?: Context): void {
  if (level === 'debug' && !debugOn) return;
  if (level === 'info' && quiet) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${
    context && Object.keys(context).length > 0 ? ` ${JSON.stringify(context)}` : ''
  }`;
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const log = {
  debug: (scope: string, message: string, context?: Context) => write('debug', scope, message, context),
  info: (scope: string, message: string, context?: Context) => write('info', scope, message, context),
  warn: (scope: string, message: string, context?: Context) => write('warn', scope, message, context),
  error: (scope: string, message: string, context?: Context) => write('error', scope, message, context),
};
