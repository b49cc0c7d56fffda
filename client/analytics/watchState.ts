import type { PeerDetail, RoomDetail, RoomSummary } from '@/lib/analytics/types';
import { emptySeries, type WatchedPeer, type WatchedRoom } from '@/stores/analyticsStore';
import { appendPoint } from './series';

/*
 * How the watched room and peer move between loading, live, ended and absent
 * as acks and pushes arrive. Pure, so the rules are tested without a server.
 */

/**
 * A room missing from the overview counts as ended only once its own pushes
 * have stopped too, so an overview built a moment before the room existed
 * can't end it.
 */
export const ROOM_GONE_AFTER_MS = 1500;

export function watchingRoom(roomId: string | null): WatchedRoom {
  return { roomId, status: roomId ? 'loading' : 'idle', detail: null, series: emptySeries, endedAt: null, pushedAt: null };
}

export function watchingPeer(peerId: string | null): WatchedPeer {
  return { peerId, status: peerId ? 'loading' : 'idle', detail: null, endedAt: null };
}

/** A push (or the ack) with the room's numbers: it is live, and its chart gets a point. */
export function roomWithDetail(room: WatchedRoom, detail: RoomDetail, now: number): WatchedRoom {
  if (detail.id !== room.roomId) return room;
  return {
    ...room,
    status: 'live',
    detail,
    endedAt: null,
    pushedAt: now,
    series: appendPoint(room.series, Math.floor(now / 1000), detail.bitrate.inbound, detail.bitrate.outbound),
  };
}

/** The ack said the room is not live: it ended while we were away, or never existed. */
export function roomNotLive(room: WatchedRoom, now: number): WatchedRoom {
  if (room.status === 'live') return { ...room, status: 'ended', endedAt: new Date(now).toISOString() };
  return { ...room, status: room.status === 'ended' ? 'ended' : 'absent' };
}

export function roomAfterOverview(room: WatchedRoom, rooms: readonly RoomSummary[], now: number): WatchedRoom {
  if (room.status !== 'live' || rooms.some((r) => r.id === room.roomId)) return room;
  if (room.pushedAt !== null && now - room.pushedAt < ROOM_GONE_AFTER_MS) return room;
  return { ...room, status: 'ended', endedAt: new Date(now).toISOString() };
}

export function peerWithDetail(peer: WatchedPeer, detail: PeerDetail): WatchedPeer {
  if (detail.id !== peer.peerId) return peer;
  if (!detail.live) return { ...peer, status: peer.status === 'live' ? 'ended' : 'absent', detail };
  return { ...peer, status: 'live', detail, endedAt: null };
}

/** The room's own push lists its peers: one that is missing has left. */
export function peerAfterRoom(peer: WatchedPeer, room: WatchedRoom, now: number): WatchedPeer {
  if (peer.status !== 'live') return peer;
  const stillThere = room.status === 'live' && room.detail?.peers.some((p) => p.id === peer.peerId);
  if (stillThere) return peer;
  return { ...peer, status: 'ended', endedAt: new Date(now).toISOString() };
}

/** The ack found no live peer (and the database may know one that left). */
export function peerNotLive(peer: WatchedPeer, past: PeerDetail | null, now: number): WatchedPeer {
  if (peer.status === 'live') return { ...peer, status: 'ended', endedAt: new Date(now).toISOString(), detail: past ?? peer.detail };
  return { ...peer, status: peer.status === 'ended' ? 'ended' : 'absent', detail: past ?? peer.detail };
}

/** A short signature of who is in the room, to notice joins and leaves. */
export function peerSignature(detail: RoomDetail | null): string {
  return detail ? detail.peers.map((p) => p.id).sort().join(',') : '';
}
