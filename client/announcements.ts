import { muteText } from '@/lib/ui/announcements';
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

/** Screen readers hear when the person talking mutes or unmutes. Returns the unsubscribe. */
export function announceSpeakerMutes(): () => void {
  return useCallStore.subscribe((state, prev) => {
    const id = state.activeSpeakerId;
    if (!id || id !== prev.activeSpeakerId) return;
    const now = state.participants[id];
    const before = prev.participants[id];
    if (now && before && now.micMuted !== before.micMuted) announce('mute', muteText(now.displayName, now.micMuted));
  });
}
