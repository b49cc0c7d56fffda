import { randomUUID } from 'node:crypto';
import { AppError, type JoinRoomResult, type StreamRole, type ValidRequest } from '@/lib/protocol';
import { buildIceServers } from '@/lib/iceServers';
import { log } from '@/server/log';
import type { Peer } from '@/server/sfu/Peer';
import { socketRoom, type CallSession } from './types';

export type LeaveReason = 'left' | 'disconnected' | 'room-closed' | 'server-shutdown';

function clientAddress(session: CallSession): string {
  return session.socket.handshake.address || 'unknown';
}

/** Forwards a peer's SFU events to its own socket and the rest of its room. */
function bindPeer(session: CallSession, peer: Peer, roomId: string): void {
  const { socket } = session;
  peer.on('consumer-closed', (data) => socket.emit('consumer-closed', data));
  peer.on('consumer-layers-changed', (data) => socket.emit('consumer-layers-changed', data));
  peer.on('consumer-score', (data) => socket.emit('consumer-score', data));
  peer.on('producer-closed', (producerId) =>
    socket.to(socketRoom(roomId)).emit('producer-closed', { producerId, peerId: peer.id }),
  );
  // A peer closed by anything but this session (its room closed when a worker died):
  // drop the socket so the client reconnects and rejoins a healthy room.
  peer.once('close', (reason) => {
    if (session.membership?.peer === peer) {
      void leaveRoom(session, 'room-closed', reason);
      socket.disconnect(true);
    }
  });
}

function recordJoin(session: CallSession, roomId: string, peer: Peer): Promise<string | null> {
  const repo = session.deps.sessions;
  if (!repo) return Promise.resolve(null);
  const userAgent = session.socket.handshake.headers['user-agent'] ?? null;
  return repo
    .recordJoin({ roomId, peerId: peer.id, displayName: peer.displayName, userAgent, nodeId: session.deps.nodeId })
    .catch((error: unknown) => {
      log.error('db', 'could not record join', { room: roomId, peer: peer.id, error: String(error) });
      return null;
    });
}

/** How a join enters its room: a call (everyone announced) or a stream (viewers are counted, not announced). */
export interface EnterOptions {
  /** Tell the room's others that this peer arrived (not for stream viewers). */
  announce: boolean;
  stream?: { streamId: string; role: StreamRole };
}

const CALL_JOIN: EnterOptions = { announce: true };

export async function joinRoom(
  session: CallSession,
  request: Pick<ValidRequest<'join-room'>, 'roomId' | 'displayName'>,
  options: EnterOptions = CALL_JOIN,
): Promise<JoinRoomResult> {
  if (session.membership || session.joining) throw new AppError('already_joined', 'You are already in a room; leave it first');
  if (!session.joins.take(clientAddress(session))) {
    throw new AppError('rate_limited', 'Too many joins from your address, wait a moment');
  }
  session.joining = true;
  try {
    return await enterRoom(session, request, options);
  } finally {
    session.joining = false;
  }
}

async function enterRoom(
  session: CallSession,
  request: Pick<ValidRequest<'join-room'>, 'roomId' | 'displayName'>,
  options: EnterOptions,
): Promise<JoinRoomResult> {
  const { rooms, config } = session.deps;
  let room = await rooms.getOrCreate(request.roomId);
  // Another failed join may have closed the (then empty) room while we waited.
  if (room.closed) room = await rooms.getOrCreate(request.roomId);
  if (session.socket.disconnected) {
    rooms.closeIfEmpty(room);
    throw new AppError('not_in_room', 'The connection closed while joining');
  }
  let peer: Peer;
  try {
    peer = room.addPeer({
      id: randomUUID(),
      displayName: request.displayName,
      userAgent: session.socket.handshake.headers['user-agent'] ?? null,
    });
  } catch (error) {
    rooms.closeIfEmpty(room);
    throw error;
  }
  session.membership = { room, peer, sessionId: recordJoin(session, room.id, peer), stream: options.stream };
  session.socket.data.peerId = peer.id;
  session.socket.data.roomId = room.id;
  bindPeer(session, peer, room.id);
  await session.socket.join(socketRoom(room.id));
  if (options.announce) {
    session.socket.to(socketRoom(room.id)).emit('participant-joined', {
      peer: { id: peer.id, displayName: peer.displayName, joinedAt: peer.joinedAt, producers: [] },
    });
  }
  log.info('signaling', 'peer joined', { room: room.id, peer: peer.id, peers: room.peerCount });
  return {
    peerId: peer.id,
    roomId: room.id,
    routerRtpCapabilities: room.rtpCapabilities as JoinRoomResult['routerRtpCapabilities'],
    peers: room.peerInfos(peer.id),
    activeSpeakerId: room.activeSpeakerId,
    iceServers: buildIceServers(config.ice, peer.id),
  };
}

/**
 * Closes the session's peer (and with it every mediasoup object it caused).
 * Idempotent. The returned promise settles once the leave is recorded.
 */
export function leaveRoom(session: CallSession, reason: LeaveReason, detail?: string): Promise<void> {
  const membership = session.membership;
  if (!membership) return Promise.resolve();
  session.membership = null;
  const { room, peer, sessionId } = membership;
  session.socket.data.peerId = undefined;
  session.socket.data.roomId = undefined;
  void session.socket.leave(socketRoom(room.id));
  peer.close(detail ? `${reason}: ${detail}` : reason);
  log.info('signaling', 'peer left', { room: room.id, peer: peer.id, reason, detail });
  const repo = session.deps.sessions;
  if (!repo) return Promise.resolve();
  return sessionId
    .then(async (id) => {
      if (id) await repo.recordLeave(id, reason);
    })
    .catch((error: unknown) => log.error('db', 'could not record leave', { room: room.id, peer: peer.id, error: String(error) }));
}
