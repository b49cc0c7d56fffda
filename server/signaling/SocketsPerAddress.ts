/**
 * Open sockets per client address, to cap how many one host may hold. Release
 * goes by socket id, so a socket released twice (disconnect and connection
 * close both report it) or never admitted changes nothing.
 */
export class SocketsPerAddress {
  /** 0 means no cap. */
  readonly #max: number;
  readonly #byAddress = new Map<string, number>();
  readonly #addressOf = new Map<string, string>();

  constructor(max: number) {
    this.#max = max;
  }

  /** Counts the socket unless its address already holds the maximum; false means refuse it. */
  admit(address: string, socketId: string): boolean {
    if (this.#addressOf.has(socketId)) return true;
    const open = this.#byAddress.get(address) ?? 0;
    if (this.#max > 0 && open >= this.#max) return false;
    this.#byAddress.set(address, open + 1);
    this.#addressOf.set(socketId, address);
    return true;
  }

  release(socketId: string): void {
    const address = this.#addressOf.get(socketId);
    if (address === undefined) return;
    this.#addressOf.delete(socketId);
    const open = (this.#byAddress.get(address) ?? 1) - 1;
    if (open > 0) this.#byAddress.set(address, open);
    else this.#byAddress.delete(address);
  }

  openFrom(address: string): number {
    return this.#byAddress.get(address) ?? 0;
  }

  /** Addresses with at least one open socket. */
  get addresses(): number {
    return this.#byAddress.size;
  }
}
