/** The words of the call's notices, shown as toasts and read out by screen readers. */

export const joinedText = (name: string) => `${name} joined`;
export const leftText = (name: string) => `${name} left`;

/** A chat message while the chat is closed: who, and the start of what they said. */
export function chatPreviewText(name: string, text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `${name}: ${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}`;
}

/** The active speaker's microphone changed (others' mute changes are not worth interrupting for). */
export const muteText = (name: string, muted: boolean) => `${name} ${muted ? 'muted' : 'unmuted'} their microphone`;
