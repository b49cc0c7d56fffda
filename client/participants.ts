import { applyPin, applyRemoteShare, type PinState } from '@/lib/ui/pinning';
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
    // The pinned person left: unpin, back to the layout from before the pin.
    const unpinned = s.pinnedId === peerId ? { ...s, ...applyPin(s, null) } : s;
    return {
      participants: rest,
      order: s.order.filter((id) => id !== peerId),
      ...shareTransition(unpinned, s.participants, rest),
      activeSpeakerId: s.activeSpeakerId === peerId ? null : s.activeSpeakerId,
    };
  });
}

export function patchParticipant(peerId: string, patch: Partial<RemoteParticipant>): void {
  useCallStore.setState((s) => {
    const current = s.participants[peerId];
    if (!current) return s;
    const participants = { ...s.participants, [peerId]: { ...current, ...patch } };
    return { participants, ...shareTransition(s, s.participants, participants) };
  });
}

const anyShare = (participants: Record<string, RemoteParticipant>) => Object.values(participants).some((p) => p.screenTrack !== null);

/** The stage fields after a change: the layout moves when the first remote share starts or the last one ends. */
function shareTransition(state: PinState, before: Record<string, RemoteParticipant>, after: Record<string, RemoteParticipant>): PinState {
  const now = anyShare(after);
  const { layout, pinnedId, layoutBeforePin, layoutBeforeShare } = anyShare(before) === now ? state : applyRemoteShare(state, now);
  return { layout, pinnedId, layoutBeforePin, layoutBeforeShare };
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
