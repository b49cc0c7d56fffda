/**
 * Listeners added to emitters we do not own, remembered so that whoever
 * added them can take them all back at once (a collector that stops must
 * leave the rooms and peers it watched as it found them).
 */
export class Subscriptions {
  #offs: (() => void)[] = [];

  /** Keeps the remover that `TypedEmitter.subscribe` returned. */
  add(unsubscribe: () => void): void {
    this.#offs.push(unsubscribe);
  }

  clear(): void {
    for (const off of this.#offs) off();
    this.#offs = [];
  }
}
