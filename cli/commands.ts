import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { decodeJwt } from 'jose';
import type { RoomDetail } from '../lib/analytics/types';
import { AppError } from '../lib/protocol/errors';
import { DisplayNameSchema, RoomIdSchema, validate } from '../lib/protocol/validation';
import { joinLink, joinSecretFromEnv, MIN_SECRET_BYTES, mintJoinToken } from '../server/auth/joinTokens';
import { AnalyticsClient } from './apiClient';
import { DEFAULT_URL, resolveBaseUrl, resolveConnection, type ConnectionFlags } from './connection';
import { describeFailure, EXIT_CODES } from './errors';
import { monitor, MonitorScreen } from './monitor';
import { renderAll, renderConsumer, renderConsumers, renderProducer, renderProducers, renderRoom, renderRooms, renderServer } from './render';

/*
 * The `stats` commands of SPEC 5 on commander: parse, fetch, print, and turn
 * any failure into one stderr line and an exit code. Everything the process
 * owns (streams, environment, Ctrl-C) comes in through CliIo so tests can run
 * the real program in-process.
 */

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  /** Ends `monitor`; without one, monitor listens for SIGINT itself. */
  interrupt?: AbortSignal;
  now?: () => Date;
}

interface GlobalFlags extends ConnectionFlags {
  json?: boolean;
}

interface MintFlags {
  secret?: string;
  name?: string;
  host?: boolean;
  ttl: number;
}

const DEFAULT_INTERVAL_SECONDS = 5;
const DEFAULT_LINK_TTL_SECONDS = 86_400;

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a positive number of seconds.');
  return seconds;
}

/** JWT times are whole seconds; a fraction would be silently dropped, so it is refused instead. */
function wholeSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a positive whole number of seconds.');
  return seconds;
}

/** Flag over environment, as for --token; a short secret is a bad argument (exit 2), not a crash. */
function resolveSecret(flags: MintFlags, env: CliIo['env']): string {
  const fromFlag = flags.secret !== undefined && flags.secret.trim() !== '';
  const source = fromFlag ? '--secret' : 'JOIN_TOKEN_SECRET';
  let secret: string | undefined;
  try {
    secret = joinSecretFromEnv(fromFlag ? flags.secret : env.JOIN_TOKEN_SECRET);
  } catch {
    // Never echo the secret itself: this line may end up in a CI log.
    throw new AppError('invalid_payload', `${source} must be at least ${MIN_SECRET_BYTES} bytes, the same secret as the server's JOIN_TOKEN_SECRET`);
  }
  if (!secret) throw new AppError('unauthorized', 'no join token secret: pass --secret <secret> or set JOIN_TOKEN_SECRET');
  return secret;
}

/** Refused here rather than at join time: a link the room page would reject is worse than no link. */
function checked(schema: typeof RoomIdSchema | typeof DisplayNameSchema, value: string, what: string): string {
  const result = validate(schema, value);
  if (!result.ok) throw new AppError('invalid_payload', `"${value}" is not ${what}: ${result.message}`);
  return result.value;
}

const EXIT_HELP = `
Exit codes: 0 ok, 1 other failure, 2 bad arguments, 3 server unreachable,
4 token (or mint-link's secret) missing or refused, 5 room, producer or consumer not found.`;

class StatsCli {
  readonly #io: CliIo;
  readonly #program: Command;

  constructor(io: CliIo) {
    this.#io = io;
    this.#program = this.#build();
  }

  async run(argv: string[]): Promise<number> {
    try {
      await this.#program.parseAsync(argv, { from: 'user' });
      return EXIT_CODES.ok;
    } catch (error) {
      // Commander has already printed its own message (or the help).
      if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
      const failure = describeFailure(error);
      this.#io.stderr.write(`${failure.line}\n`);
      return failure.exitCode;
    }
  }

  #build(): Command {
    const program = new Command('podium-stats')
      .description("Podium's SFU analytics in the terminal, over the REST API at /analytics/*.")
      .option('--url <url>', `server URL (else PODIUM_URL, else ${DEFAULT_URL})`)
      .option('--token <token>', 'admin token (else ADMIN_TOKEN)')
      .option('--json', 'print the JSON body instead of tables')
      .addHelpText('after', EXIT_HELP)
      .showSuggestionAfterError()
      .exitOverride()
      .configureOutput({
        writeOut: (s) => this.#io.stdout.write(s),
        writeErr: (s) => this.#io.stderr.write(s),
        // Commander puts "(Did you mean ...?)" on a line of its own; a failure is one line here.
        outputError: (s, write) => write(`${s.trim().replace(/\s*\n\s*/g, ' ')}\n`),
      });

    program.command('server').description('workers (pid, CPU, memory), totals and node bitrate')
      .action((_o, cmd: Command) => this.#show(cmd, (c) => c.server(), (body) => renderServer(body)));
    program.command('rooms').description('rooms with peer, producer and consumer counts')
      .action((_o, cmd: Command) => this.#show(cmd, (c) => c.rooms(), (body, now) => renderRooms(body.rooms, now)));
    program.command('room').argument('<roomId>').description("a room's peers, producers and consumers")
      .action((roomId: string, _o, cmd: Command) => this.#show(cmd, (c) => c.room(roomId), (body, now) => renderRoom(body, now)));
    program.command('producers').argument('<roomId>').description("a room's producers: codec, score and bitrate per layer")
      .action((roomId: string, _o, cmd: Command) => this.#show(cmd, (c) => c.producers(roomId), (body) => renderProducers(body.producers)));
    program.command('consumers').argument('<roomId>').description("a room's consumers: scores, current vs preferred layers")
      .action((roomId: string, _o, cmd: Command) => this.#show(cmd, (c) => c.consumers(roomId), (body) => renderConsumers(body.consumers)));
    program.command('producer').argument('<roomId>').argument('<producerId>').description('one producer in detail')
      .action((roomId: string, id: string, _o, cmd: Command) => this.#show(cmd, (c) => c.producer(roomId, id), (body) => renderProducer(body)));
    program.command('consumer').argument('<roomId>').argument('<consumerId>').description('one consumer in detail')
      .action((roomId: string, id: string, _o, cmd: Command) => this.#show(cmd, (c) => c.consumer(roomId, id), (body) => renderConsumer(body)));
    program.command('all').argument('<roomId>').description('the room, its producers and its consumers (--json: { room, producers, consumers })')
      .action((roomId: string, _o, cmd: Command) => this.#show(cmd, (c) => c.all(roomId), (body, now) => renderAll(body, now)));
    program.command('monitor').argument('<roomId>').description('redraw the room in place until Ctrl-C')
      .option('--interval <seconds>', 'seconds between refreshes', positiveSeconds, DEFAULT_INTERVAL_SECONDS)
      .action((roomId: string, options: { interval: number }, cmd: Command) => this.#monitor(cmd, roomId, options.interval * 1000));
    program.command('mint-link').argument('<roomId>').description('sign a join link for a room locally, without asking the server (--json: { link, token, expiresAt })')
      .option('--secret <secret>', 'join token secret, as on the server (else JOIN_TOKEN_SECRET)')
      .option('--name <name>', 'display name carried in the link')
      .option('--host', 'the link joins as host instead of participant')
      .option('--ttl <seconds>', 'seconds until the link expires', wholeSeconds, DEFAULT_LINK_TTL_SECONDS)
      .action((roomId: string, options: MintFlags, cmd: Command) => this.#mintLink(cmd, roomId, options));
    return program;
  }

  #client(cmd: Command): { client: AnalyticsClient; flags: GlobalFlags } {
    const flags = cmd.optsWithGlobals<GlobalFlags>();
    return { client: new AnalyticsClient(resolveConnection(flags, this.#io.env)), flags };
  }

  #now(): Date {
    return this.#io.now?.() ?? new Date();
  }

  async #show<T>(cmd: Command, load: (client: AnalyticsClient) => Promise<T>, render: (body: T, now: Date) => string): Promise<void> {
    const { client, flags } = this.#client(cmd);
    const body = await load(client);
    this.#io.stdout.write(`${flags.json ? JSON.stringify(body, null, 2) : render(body, this.#now())}\n`);
  }

  async #mintLink(cmd: Command, rawRoomId: string, options: MintFlags): Promise<void> {
    const flags = cmd.optsWithGlobals<GlobalFlags & MintFlags>();
    const roomId = checked(RoomIdSchema, rawRoomId, 'a room id');
    const name = options.name === undefined ? undefined : checked(DisplayNameSchema, options.name, 'a display name');
    const baseUrl = resolveBaseUrl(flags, this.#io.env);
    const secret = resolveSecret(options, this.#io.env);
    const role = options.host ? 'host' : 'participant';
    const token = await mintJoinToken(secret, { roomId, role, name }, { ttlSeconds: options.ttl, nowMs: this.#now().getTime() });
    const link = joinLink(baseUrl, roomId, token);
    // Read back from the token itself, so what is printed is what the server will enforce.
    const expiresAt = new Date((decodeJwt(token).exp ?? 0) * 1000).toISOString();
    this.#io.stdout.write(`${flags.json ? JSON.stringify({ link, token, expiresAt }, null, 2) : link}\n`);
  }

  async #monitor(cmd: Command, roomId: string, intervalMs: number): Promise<void> {
    const { client, flags } = this.#client(cmd);
    const stop = this.#interrupt();
    const load = (signal: AbortSignal) => client.room(roomId, signal);
    const now = () => this.#now();
    try {
      if (flags.json) {
        // One JSON line per refresh, for scripts that tail it.
        await monitor(load, {
          intervalMs, signal: stop.signal, now,
          onData: (room) => this.#io.stdout.write(`${JSON.stringify(room)}\n`),
          onError: (error) => this.#io.stderr.write(`${describeFailure(error).line}\n`),
        });
      } else {
        await this.#monitorScreen(load, roomId, intervalMs, stop.signal);
      }
    } finally {
      stop.dispose();
    }
  }

  async #monitorScreen(load: (signal: AbortSignal) => Promise<RoomDetail>, roomId: string, intervalMs: number, signal: AbortSignal): Promise<void> {
    const screen = new MonitorScreen(roomId, intervalMs);
    const draw = await this.#drawer();
    try {
      await monitor(load, {
        intervalMs, signal, now: () => this.#now(),
        onData: (room, at) => draw(screen.data(room, at)),
        onError: (error, at) => draw(screen.failure(error, at)),
      });
    } finally {
      draw.done();
    }
  }

  /** In a terminal, redraw in place; piped into a file, append each frame so nothing is clipped or full of escapes. */
  async #drawer(): Promise<((frame: string) => void) & { done(): void }> {
    const out = this.#io.stdout;
    // A terminal that reports no size (some ptys, CI) would get nothing from log-update, which fits frames to it.
    if (!out.isTTY || !out.rows || !out.columns) return Object.assign((frame: string) => void out.write(`${frame}\n\n`), { done: () => {} });
    // log-update is ESM-only; loaded on demand so the other commands never pay for it.
    const { createLogUpdate } = await import('log-update');
    return createLogUpdate(out as NodeJS.WriteStream);
  }

  #interrupt(): { signal: AbortSignal; dispose(): void } {
    if (this.#io.interrupt) return { signal: this.#io.interrupt, dispose: () => {} };
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    // `on`, not `once`: log-update's cursor restorer (signal-exit) re-raises SIGINT when it sees itself as the
    // last listener, which a `once` listener stops being the moment it runs; ours stays until the monitor ends.
    process.on('SIGINT', onSigint);
    return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
  }
}

/** Runs one invocation (`argv` without node and the script) and answers the exit code. */
export function runCli(argv: string[], io: CliIo): Promise<number> {
  return new StatsCli(io).run(argv);
}
