import type { ChatMessage } from '@/lib/protocol';

/** Enough for a meeting's back-and-forth; a late joiner sees the newest this many. */
export const CHAT_HISTORY_LIMIT = 200;

/** Each live room's chat so far, so someone who joins late reads the meeting's messages. */
export class ChatLog {
  readonly #limit: number;
  readonly #byRoom = new Map<string, ChatMessage[]>();

  constructor(limit = CHAT_HISTORY_LIMIT) {
    this.#limit = limit;
  }

  append(roomId: string, message: ChatMessage): void {
    const messages = this.#byRoom.get(roomId) ?? [];
    messages.push(message);
    if (messages.length > this.#limit) messages.splice(0, messages.length - this.#limit);
    this.#byRoom.set(roomId, messages);
  }

  /** Oldest first; a copy, so callers can't change the log. */
  history(roomId: string): ChatMessage[] {
    return [...(this.#byRoom.get(roomId) ?? [])];
  }

  /** The meeting ended (its room closed): its chat goes with it. */
  clear(roomId: string): void {
    this.#byRoom.delete(roomId);
  }
}
