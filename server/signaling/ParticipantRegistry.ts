import type { Membership } from './types';

const identityKey = (roomId: string, identity: string) => `${roomId}\u0000${identity}`;

/**
 * Every live participant, found by its resume token, by its browser identity in
 * a room, or by peer id. Entries follow the peer's own 'close' event, so the
 * registry never holds a participant whose peer has closed.
 */
export class ParticipantRegistry {
  readonly #byToken = new Map<string, Membership>();
  readonly #byIdentity = new Map<string, Membership>();
  readonly #byPeer = new Map<string, Membership>();

  add(member: Membership): void {
    if (member.peer.closed) return;
    this.#byToken.set(member.resumeToken, member);
    this.#byPeer.set(member.peer.id, member);
    if (member.identity) this.#byIdentity.set(identityKey(member.room.id, member.identity), member);
    member.peer.once('close', () => this.#forget(member));
  }

  #forget(member: Membership): void {
    if (this.#byToken.get(member.resumeToken) === member) this.#byToken.delete(member.resumeToken);
    if (this.#byPeer.get(member.peer.id) === member) this.#byPeer.delete(member.peer.id);
    if (member.identity) {
      const key = identityKey(member.room.id, member.identity);
      if (this.#byIdentity.get(key) === member) this.#byIdentity.delete(key);
    }
  }

  byToken(token: string): Membership | undefined {
    return this.#byToken.get(token);
  }

  byIdentity(roomId: string, identity: string): Membership | undefined {
    return this.#byIdentity.get(identityKey(roomId, identity));
  }

  /** True while the peer's signaling is gone and its grace period runs. */
  isAway(peerId: string): boolean {
    const member = this.#byPeer.get(peerId);
    return member !== undefined && member.session === null;
  }

  /** Who a resume token belongs to, for REST calls made with it (ICE servers). */
  credential(token: string): { peerId: string; roomId: string } | null {
    const member = this.#byToken.get(token);
    return member ? { peerId: member.peer.id, roomId: member.room.id } : null;
  }

  all(): Membership[] {
    return [...this.#byPeer.values()];
  }

  get size(): number {
    return this.#byPeer.size;
  }
}
