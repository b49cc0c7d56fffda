import { AppError } from '@/lib/protocol';
import { TypedEmitter } from '@/lib/TypedEmitter';

/** A stream that is live: who owns it (SPEC 6: the socket that publishes it). */
export interface LiveStream {
  streamId: string;
  ownerSocketId: string;
  ownerPeerId: string;
  startedAt: number;
  /** The stream session row, once written (null without a database). */
  sessionId: Promise<string | null>;
}

interface StreamDirectoryEvents {
  viewers: [streamId: string, viewerCount: number];
  started: [stream: LiveStream];
  ended: [stream: LiveStream, reason: string];
}

/**
 * Which stream ids are live and who watches them. Viewers are counted per
 * stream id whether or not it is live yet, so a viewer waiting for the start
 * is counted from the first second.
 */
export class StreamDirectory extends TypedEmitter<StreamDirectoryEvents> {
  readonly #live = new Map<string, LiveStream>();
  readonly #viewers = new Map<string, Set<string>>();

  get(streamId: string): LiveStream | undefined {
    return this.#live.get(streamId);
  }

  live(): LiveStream[] {
    return [...this.#live.values()];
  }

  isOwner(streamId: string, socketId: string): boolean {
    return this.#live.get(streamId)?.ownerSocketId === socketId;
  }

  /** Makes `socketId` the stream's owner; a live stream owned by another socket is refused. */
  claim(stream: LiveStream): void {
    const current = this.#live.get(stream.streamId);
    if (current && current.ownerSocketId !== stream.ownerSocketId) {
      throw new AppError('stream_live', `Stream "${stream.streamId}" is already live in another tab or by someone else`);
    }
    this.#live.set(stream.streamId, stream);
    this.emit('started', stream);
  }

  /** Ends the stream if `socketId` owns it. Idempotent. */
  release(streamId: string, socketId: string, reason: string): void {
    const current = this.#live.get(streamId);
    if (!current || current.ownerSocketId !== socketId) return;
    this.#live.delete(streamId);
    this.emit('ended', current, reason);
  }

  addViewer(streamId: string, peerId: string): void {
    const set = this.#viewers.get(streamId) ?? new Set<string>();
    this.#viewers.set(streamId, set);
    if (set.has(peerId)) return;
    set.add(peerId);
    this.emit('viewers', streamId, set.size);
  }

  removeViewer(streamId: string, peerId: string): void {
    const set = this.#viewers.get(streamId);
    if (!set?.delete(peerId)) return;
    if (set.size === 0) this.#viewers.delete(streamId);
    this.emit('viewers', streamId, set.size);
  }

  viewerCount(streamId: string): number {
    return this.#viewers.get(streamId)?.size ?? 0;
  }
}
