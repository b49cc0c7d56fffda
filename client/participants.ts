import type { MediaSource, PeerInfo } from '@/lib/protocol';
import { useCallStore, type RemoteParticipant } from '@/stores/callStore';

/* Store writes for remote participants, shared by the call client's parts. */

export function addParticipant(peer: Pick<PeerInfo, 'id' | 'displayName' | 'joinedAt' | 'reconnecting'>): void {
  useCallStore.setState((s) => {
    if (s.participants[peer.id]) return s;
    const participant: RemoteParticipant = {
      id: peer.id,
      displayName: peer.displayName,
      joinedAt: peer.joinedAt,
      micMuted: true,
      camOff: true,
      sharingScreen: false,
      audioTrack: null,
      videoTrack: null,
      screenTrack: null,
      reconnecting: Boolean(peer.reconnecting),
    };
    return { participants: { ...s.participants, [peer.id]: participant }, order: [...s.order, peer.id] };
  });
}

export function removeParticipant(peerId: string): void {
  useCallStore.setState((s) => {
    if (!s.participants[peerId]) return s;
    const { [peerId]: _removed, ...rest } = s.participants;
    return {
      participants: rest,
      order: s.order.filter((id) => id !== peerId),
      pinnedId: s.pinnedId === peerId ? null : s.pinnedId,
      activeSpeakerId: s.activeSpeakerId === peerId ? null : s.activeSpeakerId,
    };
  });
}

export function patchParticipant(peerId: string, patch: Partial<RemoteParticipant>): void {
  useCallStore.setState((s) => {
    const current = s.participants[peerId];
    if (!current) return s;
    return { participants: { ...s.participants, [peerId]: { ...current, ...patch } } };
  });
}

/** What a producer of `source` being live (or not) means for the participant's badges. */
export function sourceStatePatch(source: MediaSource, live: boolean): Partial<RemoteParticipant> {
  switch (source) {
    case 'mic':
      return { micMuted: !live };
    case 'camera':
      return { camOff: !live };
    case 'screen':
      return { sharingScreen: live };
    default:
      return {};
  }
}

export function trackPatch(source: MediaSource, track: MediaStreamTrack | null): Partial<RemoteParticipant> {
  switch (source) {
    case 'mic':
      return { audioTrack: track };
    case 'camera':
      return { videoTrack: track };
    case 'screen':
      return { screenTrack: track };
    default:
      return {};
  }
}
