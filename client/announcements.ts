import { muteText } from '@/lib/ui/announcements';
import type { ProducerInfo } from '@/lib/protocol';
import { useCallStore, type Toast } from '@/stores/callStore';

/*
 * The call's notices: short toasts that go by themselves, which the UI also
 * puts in a live region for screen readers (components/call/Announcements).
 */

const TOAST_MS = 5000;
const MAX_TOASTS = 4;
let nextId = 1;

export function announce(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  useCallStore.setState((s) => ({ toasts: [...s.toasts.slice(1 - MAX_TOASTS), { id, kind, text }] }));
  setTimeout(() => useCallStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), TOAST_MS);
}

/**
 * Screen readers hear when the person talking mutes or unmutes: called on a
 * producer's pause or resume, so a microphone that first arrives (a newcomer's,
 * a rejoin) is never taken for someone unmuting.
 */
export function announceSpeakerMute(producer: Pick<ProducerInfo, 'peerId' | 'source'> | null, muted: boolean): void {
  if (producer?.source !== 'mic') return;
  const { activeSpeakerId, participants } = useCallStore.getState();
  const speaker = producer.peerId === activeSpeakerId ? participants[producer.peerId] : undefined;
  if (speaker) announce('mute', muteText(speaker.displayName, muted));
}
