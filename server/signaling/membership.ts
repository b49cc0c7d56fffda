import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, type JoinRoomResult, type PeerInfo, type ResumeSessionResult, type StreamRole, type ValidRequest } from '@/lib/protocol';
import { buildIceServers } from '@/lib/iceServers';
import { log } from '@/server/log';
import { admitJoin, admittedName } from './joinAccess';
import type { Peer } from '@/server/sfu/Peer';
import { ChatLog } from './ChatLog';
import { ParticipantRegistry } from './ParticipantRegistry';
import { socketRoom, type AppSocket, type CallSession, type Membership, type SignalingDeps } from './types';

export type LeaveReason = 'left' | 'disconnected' | 'room-closed' | 'server-shutdown' | 'replaced';

function clientAddress(session: CallSession): string {
  return session.socket.handshake.address || 'unknown';
}

export function participantsOf(deps: SignalingDeps): ParticipantRegistry {
  deps.participants ??= new ParticipantRegistry();
  return deps.participants;
}

export function chatOf(deps: SignalingDeps): ChatLog {
  deps.chat ??= new ChatLog();
  return deps.chat;
}

/** The rest of the member's room: through its socket while attached, through the namespace while away. */
function toRoomOthers(member: Membership, nsp: AppSocket['nsp']) {
  const room = socketRoom(member.room.id);
  return member.session ? member.session.socket.to(room) : nsp.to(room);
}

/**
 * Forwards a peer's SFU events to whichever socket the participant has now
 * (none while away: the resume answer carries what was missed).
 */
function bindPeer(member: Membership, deps: SignalingDeps, nsp: AppSocket['nsp']): void {
  const { peer } = member;
  const own = () => member.session?.socket;
  peer.on('consumer-closed', (data) => own()?.emit('consumer-closed', data));
  peer.on('consumer-layers-changed', (data) => own()?.emit('consumer-layers-changed', data));
  peer.on('consumer-score', (data) => own()?.emit('consumer-score', data));
  peer.on('producer-closed', (producerId) => toRoomOthers(member, nsp).emit('producer-closed', { producerId, peerId: peer.id }));
  peer.once('close', (reason) => {
    if (member.graceTimer) clearTimeout(member.graceTimer);
    member.graceTimer = null;
    const session = member.session;
    if (session) detach(session, member);
    // Closed by anything but a leave (its room closed when a worker died): drop
    // the socket so the client reconnects and rejoins a healthy room.
    if (session && !member.leaveReason) session.socket.disconnect(true);
    member.recorded = recordLeave(deps, member, member.leaveReason ?? 'room-closed');
    log.info('signaling', 'peer left', { room: member.room.id, peer: peer.id, reason: member.leaveReason ?? 'room-closed', detail: reason });
  });
}

function attach(session: CallSession, member: Membership): void {
  session.membership = member;
  member.session = session;
  session.socket.data.peerId = member.peer.id;
  session.socket.data.roomId = member.room.id;
  void session.socket.join(socketRoom(member.room.id));
}

function detach(session: CallSession, member: Membership): void {
  if (session.membership === member) session.membership = null;
  if (member.session === session) member.session = null;
  session.socket.data.peerId = undefined;
  session.socket.data.roomId = undefined;
  void session.socket.leave(socketRoom(member.room.id));
}

function recordLeave(deps: SignalingDeps, member: Membership, reason: string): Promise<void> {
  const repo = deps.sessions;
  if (!repo) return Promise.resolve();
  return member.sessionId
    .then(async (id) => {
      if (id) await repo.recordLeave(id, reason);
    })
    .catch((error: unknown) => log.error('db', 'could not record leave', { room: member.room.id, peer: member.peer.id, error: String(error) }));
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
  request: Pick<ValidRequest<'join-room'>, 'roomId' | 'displayName' | 'identity' | 'joinToken'>,
  options: EnterOptions = CALL_JOIN,
): Promise<JoinRoomResult> {
  if (session.membership || session.joining) throw new AppError('already_joined', 'You are already in a room; leave it first');
  if (!session.joins.take(clientAddress(session))) {
    throw new AppError('rate_limited', 'Too many joins from your address, wait a moment');
  }
  session.joining = true;
  try {
    // With JOIN_TOKEN_SECRET set a call room needs its signed link; streams never do.
    // Inside `joining`, so a second join-room cannot slip past while the link is checked. The link's name wins.
    if (!options.stream) {
      const claims = await admitJoin(session.deps.config, request.joinToken, request.roomId);
      request = { ...request, displayName: admittedName(claims, request.displayName) };
    }
    return await enterRoom(session, request, options);
  } finally {
    session.joining = false;
  }
}

async function enterRoom(
  session: CallSession,
  request: Pick<ValidRequest<'join-room'>, 'roomId' | 'displayName' | 'identity'>,
  options: EnterOptions,
): Promise<JoinRoomResult> {
  const { rooms } = session.deps;
  const participants = participantsOf(session.deps);
  let room = await rooms.getOrCreate(request.roomId);
  // Another failed join may have closed the (then empty) room while we waited.
  if (room.closed) room = await rooms.getOrCreate(request.roomId);
  if (session.socket.disconnected) {
    rooms.closeIfEmpty(room);
    throw new AppError('not_in_room', 'The connection closed while joining');
  }
  const identity = options.stream ? null : (request.identity ?? null);
  if (identity) replaceEarlierSession(participants.byIdentity(room.id, identity));
  // Replacing the only participant closed the room: take a fresh one.
  if (room.closed) room = await rooms.getOrCreate(request.roomId);
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
  const member: Membership = {
    room,
    peer,
    sessionId: recordJoin(session, room.id, peer),
    stream: options.stream,
    resumeToken: randomBytes(24).toString('base64url'),
    identity,
    session: null,
    graceTimer: null,
    leaveReason: null,
    recorded: null,
  };
  attach(session, member);
  bindPeer(member, session.deps, session.socket.nsp);
  participants.add(member);
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
    ...roomView(member, session.deps),
    // A stream's room has no chat.
    ...(options.stream ? { chat: [] } : {}),
  };
}

/** What a join and a resume both answer: the room as it is now, and this participant's credentials. */
function roomView(member: Membership, deps: SignalingDeps) {
  const { room, peer } = member;
  const participants = participantsOf(deps);
  return {
    // The others, with who is away.
    peers: room.peerInfos(peer.id).map((p): PeerInfo => (participants.isAway(p.id) ? { ...p, reconnecting: true } : p)),
    activeSpeakerId: room.activeSpeakerId,
    iceServers: buildIceServers(deps.config.ice, peer.id),
    resumeToken: member.resumeToken,
    resumeGraceMs: deps.config.limits.resumeGraceMs,
    meetingElapsedMs: Date.now() - room.createdAt,
    chat: chatOf(deps).history(room.id),
  };
}

/** The same browser joined again (a second tab): the older one is told and leaves, so nobody sees it twice. */
function replaceEarlierSession(earlier: Membership | undefined): void {
  if (!earlier) return;
  earlier.session?.socket.emit('session-replaced', { reason: 'You joined this meeting from another tab or window.' });
  void endParticipant(earlier, 'replaced');
}

/**
 * Continues a participant whose socket was lost, on this socket, as the same
 * peer: its transports, producers and consumers were kept during the grace period.
 */
export function resumeSession(session: CallSession, { resumeToken }: ValidRequest<'resume-session'>): ResumeSessionResult {
  if (session.membership || session.joining) throw new AppError('already_joined', 'You are already in a room; leave it first');
  const participants = participantsOf(session.deps);
  const member = participants.byToken(resumeToken);
  if (!member || member.peer.closed || member.stream) {
    throw new AppError('not_found', 'Your place in the meeting has ended; join again');
  }
  const previous = member.session;
  if (previous) {
    // The old socket is dead but not yet noticed (its ping timeout runs): this one takes over.
    detach(previous, member);
    previous.socket.disconnect(true);
  }
  if (member.graceTimer) clearTimeout(member.graceTimer);
  member.graceTimer = null;
  attach(session, member);
  session.socket.to(socketRoom(member.room.id)).emit('participant-resumed', { peerId: member.peer.id });
  const { room, peer } = member;
  log.info('signaling', 'peer resumed', { room: room.id, peer: peer.id, socket: session.socket.id });
  const targets = peer.statsTargets();
  return {
    peerId: peer.id,
    roomId: room.id,
    ...roomView(member, session.deps),
    consumerIds: targets.consumers,
    producerIds: targets.producers,
    transportIds: targets.transports,
  };
}

/**
 * The socket is gone without a leave. A call participant keeps its place for
 * the grace period (the others see it reconnecting); a stream member, or any
 * member when the grace period is 0, leaves at once.
 */
export function socketLost(session: CallSession, detail: string): void {
  const member = session.membership;
  if (!member) return;
  const graceMs = session.deps.config.limits.resumeGraceMs;
  if (member.stream || graceMs === 0) {
    void leaveRoom(session, 'disconnected', detail);
    return;
  }
  detach(session, member);
  session.socket.nsp.to(socketRoom(member.room.id)).emit('participant-reconnecting', { peerId: member.peer.id });
  member.graceTimer = setTimeout(() => void endParticipant(member, 'disconnected', `${detail}; not back within ${graceMs} ms`), graceMs);
  log.info('signaling', 'peer away, holding its place', { room: member.room.id, peer: member.peer.id, detail, graceMs });
}

/**
 * Ends a participant, attached or away: closes its peer (and with it every
 * mediasoup object it caused). Idempotent; settles once the leave is recorded.
 */
export function endParticipant(member: Membership, reason: LeaveReason, detail?: string): Promise<void> {
  if (!member.peer.closed) {
    member.leaveReason = reason;
    member.peer.close(detail ? `${reason}: ${detail}` : reason);
  }
  return member.recorded ?? Promise.resolve();
}

/** Ends the session's participant, if any. Idempotent. */
export function leaveRoom(session: CallSession, reason: LeaveReason, detail?: string): Promise<void> {
  const member = session.membership;
  if (!member) return Promise.resolve();
  return endParticipant(member, reason, detail);
}
