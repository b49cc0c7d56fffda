import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadCounts, LoadReply, LoadRequest } from './loadProtocol';
import type { UdpAddress } from './udpLoad';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadChild.ts');
const REPLY_TIMEOUT_MS = 15_000;

/** The benchmark's side of loadChild.ts: one request at a time, each answered or timed out. */
export class LoadProcess {
  readonly #child: ChildProcess;
  #queue: Promise<unknown> = Promise.resolve();

  static async spawn(): Promise<LoadProcess> {
    // tsx's loader so the child runs TypeScript like its parent.
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await once(child, 'spawn');
    return new LoadProcess(child);
  }

  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  get pid(): number {
    return this.#child.pid ?? 0;
  }

  #request<T extends LoadReply['type']>(request: LoadRequest, expected: T): Promise<Extract<LoadReply, { type: T }>> {
    const run = () =>
      new Promise<Extract<LoadReply, { type: T }>>((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`load process: no answer to '${request.type}'`)), REPLY_TIMEOUT_MS);
        const onMessage = (reply: LoadReply) => {
          if (reply.type === 'error') done(new Error(`load process: ${reply.message}`));
          else if (reply.type === expected) done(undefined, reply as Extract<LoadReply, { type: T }>);
        };
        const onExit = () => done(new Error(`load process exited during '${request.type}'`));
        const done = (error?: Error, reply?: Extract<LoadReply, { type: T }>) => {
          clearTimeout(timer);
          this.#child.off('message', onMessage);
          this.#child.off('exit', onExit);
          if (error || !reply) reject(error);
          else resolve(reply);
        };
        this.#child.on('message', onMessage);
        this.#child.once('exit', onExit);
        this.#child.send(request);
      });
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async openSinks(count: number): Promise<UdpAddress[]> {
    return (await this.#request({ type: 'open-sinks', count }, 'sinks')).addresses;
  }

  async startSending(request: Omit<Extract<LoadRequest, { type: 'start-sending' }>, 'type'>): Promise<UdpAddress> {
    return (await this.#request({ type: 'start-sending', ...request }, 'sending')).from;
  }

  async counts(): Promise<LoadCounts> {
    return (await this.#request({ type: 'counts' }, 'counts')).counts;
  }

  /** Asks the child to close its sockets and exit; kills it if it has not within a few seconds. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = once(this.#child, 'exit');
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies LoadRequest);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
