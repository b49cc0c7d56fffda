import { EventEmitter } from 'node:events';

/** A Node EventEmitter whose event names and argument lists are checked by the compiler. */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Rooms have many listeners per event (one per peer); the default cap of 10 is a false alarm.
    this.#emitter.setMaxListeners(0);
  }

  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): this {
    this.#emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  once<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): this {
    this.#emitter.once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Like `on`, returning the function that removes the listener again. */
  subscribe<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): () => void {
    this.on(event, listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): this {
    this.#emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  protected emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.#emitter.emit(event, ...args);
  }

  protected removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }
}
