import { describe, expect, it } from 'vitest';
import type { PeerDetail, PeerView, RoomDetail, RoomSummary } from '@/lib/analytics/types';
import {
  peerAfterRoom,
  peerNotLive,
  peerSignature,
  peerWithDetail,
  ROOM_GONE_AFTER_MS,
  roomAfterOverview,
  roomNotLive,
  roomWithDetail,
  watchingPeer,
  watchingRoom,
} from './watchState';

const summary = (id: string): RoomSummary => ({
  id,
  nodeId: 'n',
  workerIndex: 0,
  workerPid: 1,
  createdAt: '2026-01-01T00:00:00Z',
  peerCount: 1,
  transportCount: 2,
  producerCount: 2,
  consumerCount: 0,
  bitrate: { inbound: 1000, outbound: 2000 },
});
const peerView = (id: string): PeerView => ({
  id,
  displayName: id,
  joinedAt: '2026-01-01T00:00:00Z',
  userAgent: null,
  connectionState: 'connected',
  transportCount: 2,
  producerCount: 2,
  consumerCount: 0,
  bitrate: { up: 1, down: 2 },
});
const room = (id: string, peers: string[]): RoomDetail => ({
  ...summary(id),
  activeSpeakerId: null,
  peers: peers.map(peerView),
  producers: [],
  consumers: [],
});
const peer = (id: string, live = true): PeerDetail => ({ ...peerView(id), roomId: 'r', live, transports: [], producers: [], consumers: [], telemetry: [] });

const t0 = 1_700_000_000_000;

describe('the watched room', () => {
  it('goes live with a push and gets a chart point per push', () => {
    let r = watchingRoom('r');
    expect(r.status).toBe('loading');
    r = roomWithDetail(r, room('r', ['a']), t0);
    r = roomWithDetail(r, room('r', ['a']), t0 + 1000);
    expect(r.status).toBe('live');
    expect(r.series.t).toEqual([t0 / 1000, t0 / 1000 + 1]);
    expect(r.series.inbound).toEqual([1000, 1000]);
  });

  it('ignores a push for another room', () => {
    const r = watchingRoom('r');
    expect(roomWithDetail(r, room('other', []), t0)).toBe(r);
  });

  it('is absent when not live at the first ask, ended when it was live', () => {
    expect(roomNotLive(watchingRoom('r'), t0).status).toBe('absent');
    const ended = roomNotLive(roomWithDetail(watchingRoom('r'), room('r', []), t0), t0 + 5);
    expect(ended.status).toBe('ended');
    expect(ended.endedAt).toBe(new Date(t0 + 5).toISOString());
  });

  it('ends when the overview no longer lists it and its pushes have stopped', () => {
    const live = roomWithDetail(watchingRoom('r'), room('r', ['a']), t0);
    expect(roomAfterOverview(live, [summary('r')], t0 + 5000).status).toBe('live');
    expect(roomAfterOverview(live, [], t0 + ROOM_GONE_AFTER_MS - 1).status).toBe('live');
    const ended = roomAfterOverview(live, [], t0 + ROOM_GONE_AFTER_MS);
    expect(ended.status).toBe('ended');
    expect(ended.detail).toBe(live.detail); // the last numbers stay on screen
  });

  it('comes back to live when a room of that id starts again', () => {
    const ended = roomNotLive(roomWithDetail(watchingRoom('r'), room('r', []), t0), t0 + 1);
    const again = roomWithDetail(ended, room('r', ['b']), t0 + 2000);
    expect(again.status).toBe('live');
    expect(again.endedAt).toBeNull();
  });
});

describe('the watched peer', () => {
  it('goes live with its push and ignores other peers', () => {
    const p = watchingPeer('a');
    expect(peerWithDetail(p, peer('b'))).toBe(p);
    expect(peerWithDetail(p, peer('a')).status).toBe('live');
  });

  it('has ended when the room push no longer lists it', () => {
    const p = peerWithDetail(watchingPeer('a'), peer('a'));
    const liveRoom = roomWithDetail(watchingRoom('r'), room('r', ['a', 'b']), t0);
    expect(peerAfterRoom(p, liveRoom, t0).status).toBe('live');
    const without = roomWithDetail(liveRoom, room('r', ['b']), t0 + 1000);
    const left = peerAfterRoom(p, without, t0 + 1000);
    expect(left.status).toBe('ended');
    expect(left.detail).toBe(p.detail);
  });

  it('has ended when its room ended', () => {
    const p = peerWithDetail(watchingPeer('a'), peer('a'));
    const ended = roomNotLive(roomWithDetail(watchingRoom('r'), room('r', ['a']), t0), t0 + 1);
    expect(peerAfterRoom(p, ended, t0 + 1).status).toBe('ended');
  });

  it('shows what the database remembers of a peer that is not live', () => {
    const past = peer('a', false);
    const absent = peerNotLive(watchingPeer('a'), past, t0);
    expect(absent.status).toBe('absent');
    expect(absent.detail).toBe(past);
    expect(peerNotLive(watchingPeer('a'), null, t0).detail).toBeNull();
  });

  it('treats a not-live body as a peer that left', () => {
    const live = peerWithDetail(watchingPeer('a'), peer('a'));
    expect(peerWithDetail(live, peer('a', false)).status).toBe('ended');
  });
});

describe('peerSignature', () => {
  it('changes when someone joins or leaves, not with the order', () => {
    expect(peerSignature(room('r', ['a', 'b']))).toBe(peerSignature(room('r', ['b', 'a'])));
    expect(peerSignature(room('r', ['a']))).not.toBe(peerSignature(room('r', ['a', 'b'])));
    expect(peerSignature(null)).toBe('');
  });
});
