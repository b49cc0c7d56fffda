import { describe, expect, it } from 'vitest';
import type { RemoteParticipant } from '../../stores/callStore';
import { buildTiles, orderedParticipants, pickStageTile, type TileInput } from './tiles';

const track = (id: string) => ({ id }) as unknown as MediaStreamTrack;

function peer(id: string, extra: Partial<RemoteParticipant> = {}): RemoteParticipant {
  return {
    id,
    displayName: id.toUpperCase(),
    joinedAt: 0,
    micMuted: false,
    camOff: false,
    sharingScreen: false,
    audioTrack: null,
    videoTrack: track(`${id}-cam`),
    screenTrack: null,
    reconnecting: false,
    ...extra,
  };
}

function input(extra: Partial<TileInput> = {}): TileInput {
  return {
    selfId: 'me',
    displayName: 'Me',
    local: { micOn: true, camOn: true, screenOn: false, camTrack: track('me-cam'), screenTrack: null },
    participants: {},
    order: [],
    ...extra,
  };
}

describe('orderedParticipants', () => {
  it('follows order, skips unknown ids and appends unordered peers', () => {
    const participants = { a: peer('a'), b: peer('b'), c: peer('c') };
    expect(orderedParticipants(participants, ['b', 'x', 'a', 'b']).map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('buildTiles', () => {
  it('puts self first, then remotes in order, then screen shares', () => {
    const tiles = buildTiles(
      input({
        participants: { a: peer('a'), b: peer('b', { screenTrack: track('b-screen') }) },
        order: ['b', 'a'],
      }),
    );
    expect(tiles.map((t) => t.key)).toEqual(['me:camera', 'b:camera', 'a:camera', 'b:screen']);
    expect(tiles[0].isSelf).toBe(true);
    expect(tiles[3].source).toBe('screen');
  });

  it('marks the camera off when disabled or trackless', () => {
    const tiles = buildTiles(
      input({
        local: { micOn: false, camOn: false, screenOn: false, camTrack: track('x'), screenTrack: null },
        participants: { a: peer('a', { videoTrack: null }), b: peer('b', { camOff: true, micMuted: true }) },
        order: ['a', 'b'],
      }),
    );
    expect(tiles.map((t) => t.camOff)).toEqual([true, true, true]);
    expect(tiles.map((t) => t.micMuted)).toEqual([true, false, true]);
  });

  it('gives our own screen share no tile, and names self "You" when nameless', () => {
    const tiles = buildTiles(
      input({
        selfId: null,
        displayName: '  ',
        local: { micOn: true, camOn: true, screenOn: true, camTrack: null, screenTrack: track('s') },
      }),
    );
    expect(tiles.map((t) => t.key)).toEqual(['self:camera']);
    expect(tiles[0].name).toBe('You');
  });
});

describe('pickStageTile', () => {
  const tiles = buildTiles(
    input({
      participants: { a: peer('a'), b: peer('b'), c: peer('c', { screenTrack: track('c-screen') }) },
      order: ['a', 'b', 'c'],
    }),
  );

  it('prefers the pinned participant', () => {
    expect(pickStageTile(tiles, 'b', 'a')?.key).toBe('b:camera');
  });

  it('then a screen share', () => {
    expect(pickStageTile(tiles, null, 'a')?.key).toBe('c:screen');
    expect(pickStageTile(tiles, 'gone', 'a')?.key).toBe('c:screen');
  });

  it('then the active speaker, then the first remote', () => {
    const noScreen = tiles.filter((t) => t.source !== 'screen');
    expect(pickStageTile(noScreen, null, 'b')?.key).toBe('b:camera');
    expect(pickStageTile(noScreen, null, 'me')?.key).toBe('a:camera');
    expect(pickStageTile(noScreen, null, null)?.key).toBe('a:camera');
  });

  it('shows ourselves when alone', () => {
    expect(pickStageTile(tiles.slice(0, 1), null, null)?.key).toBe('me:camera');
    expect(pickStageTile([], null, null)).toBeNull();
  });
});
