import type { LocalMediaState, RemoteParticipant } from '../../stores/callStore';

export type TileSource = 'camera' | 'screen';

/** Everything a video tile needs, derived from the call store. */
export interface TileInfo {
  /** Stable React key and DOM identity: "<peerId>:<source>". */
  key: string;
  peerId: string;
  source: TileSource;
  name: string;
  isSelf: boolean;
  track: MediaStreamTrack | null;
  /** Camera tiles: no live video → show the avatar instead. */
  camOff: boolean;
  micMuted: boolean;
  /** The participant lost its connection and may come back (remote tiles only). */
  reconnecting?: boolean;
}

export interface TileInput {
  selfId: string | null;
  displayName: string;
  local: Pick<LocalMediaState, 'micOn' | 'camOn' | 'screenOn' | 'camTrack' | 'screenTrack'>;
  participants: Record<string, RemoteParticipant>;
  order: string[];
}

export const SELF_FALLBACK_ID = 'self';

export function selfName(displayName: string): string {
  return displayName.trim() || 'You';
}

/** Remote peers in join order, skipping ids that have no participant record. */
export function orderedParticipants(participants: Record<string, RemoteParticipant>, order: string[]): RemoteParticipant[] {
  const seen = new Set<string>();
  const list: RemoteParticipant[] = [];
  for (const id of order) {
    const p = participants[id];
    if (p && !seen.has(id)) {
      seen.add(id);
      list.push(p);
    }
  }
  // Anyone missing from `order` still gets a tile, after the rest.
  for (const p of Object.values(participants)) {
    if (!seen.has(p.id)) list.push(p);
  }
  return list;
}

/**
 * All tiles in grid order: self camera first, then remote cameras in join
 * order, then one extra tile per remote screen share (not our own).
 */
export function buildTiles(input: TileInput): TileInfo[] {
  const selfId = input.selfId ?? SELF_FALLBACK_ID;
  const name = selfName(input.displayName);
  const { local } = input;
  const remotes = orderedParticipants(input.participants, input.order);

  const tiles: TileInfo[] = [
    {
      key: `${selfId}:camera`,
      peerId: selfId,
      source: 'camera',
      name,
      isSelf: true,
      track: local.camTrack,
      camOff: !local.camOn || !local.camTrack,
      micMuted: !local.micOn,
    },
  ];
  for (const p of remotes) {
    tiles.push({
      key: `${p.id}:camera`,
      peerId: p.id,
      source: 'camera',
      name: p.displayName,
      isSelf: false,
      track: p.videoTrack,
      camOff: p.camOff || !p.videoTrack,
      micMuted: p.micMuted,
      reconnecting: p.reconnecting,
    });
  }
  for (const p of remotes) {
    if (p.screenTrack) {
      tiles.push({
        key: `${p.id}:screen`,
        peerId: p.id,
        source: 'screen',
        name: p.displayName,
        isSelf: false,
        track: p.screenTrack,
        camOff: false,
        micMuted: p.micMuted,
      });
    }
  }
  // Our own share gets no tile: a mirror of the screen we are looking at helps nobody
  // (and recurses); the presenting bar says we are sharing, as in Meet.
  return tiles;
}

/**
 * The big tile of the speaker layout: the pinned participant, else a screen
 * share (remote before our own), else the active speaker (if remote), else
 * the first remote, else ourselves.
 */
export function pickStageTile(tiles: TileInfo[], pinnedId: string | null, activeSpeakerId: string | null): TileInfo | null {
  const remoteCamera = (id: string | null) =>
    id ? tiles.find((t) => t.peerId === id && t.source === 'camera' && !t.isSelf) : undefined;
  return (
    remoteCamera(pinnedId) ??
    tiles.find((t) => t.source === 'screen' && !t.isSelf) ??
    tiles.find((t) => t.source === 'screen') ??
    remoteCamera(activeSpeakerId) ??
    tiles.find((t) => !t.isSelf) ??
    tiles[0] ??
    null
  );
}
