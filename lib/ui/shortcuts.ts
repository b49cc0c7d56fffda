/*
 * Keyboard shortcuts of the call, as Meet and Jitsi have them. Pure: which
 * action a key press means, and the list the "?" dialog and tooltips show.
 */

export type ShortcutAction = 'toggle-mic' | 'toggle-camera' | 'toggle-share' | 'toggle-layout' | 'toggle-chat' | 'toggle-people' | 'leave' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** As shown to people, e.g. "M" or "Ctrl+D". */
  keys: string[];
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'toggle-mic', keys: ['M', 'Ctrl+D'], description: 'Mute or unmute the microphone' },
  { action: 'toggle-camera', keys: ['V', 'Ctrl+E'], description: 'Turn the camera off or on' },
  { action: 'toggle-share', keys: ['S'], description: 'Share the screen, or stop' },
  { action: 'toggle-layout', keys: ['L'], description: 'Switch between grid and speaker layout' },
  { action: 'toggle-chat', keys: ['C'], description: 'Show or hide the chat' },
  { action: 'toggle-people', keys: ['P'], description: 'Show or hide the participants' },
  { action: 'leave', keys: ['Ctrl+Shift+H'], description: 'Leave the meeting (asks first)' },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

/** Space held while muted talks; shown in the dialog, handled apart (it needs key up too). */
export const PUSH_TO_TALK = { keys: ['Space (hold)'], description: 'Talk while muted' } as const;

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** The key went to a text field, a select or an editable element. */
  typing: boolean;
}

/** The action a key press means, or null. Nothing fires while typing; Cmd counts as Ctrl (macOS). */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.typing || press.altKey) return null;
  const key = press.key.toLowerCase();
  const mod = press.ctrlKey || press.metaKey;
  if (mod) {
    if (press.shiftKey) return key === 'h' ? 'leave' : null;
    if (key === 'd') return 'toggle-mic';
    if (key === 'e') return 'toggle-camera';
    return null;
  }
  if (press.key === '?') return 'help';
  if (press.shiftKey) return null;
  const plain: Record<string, ShortcutAction> = { m: 'toggle-mic', v: 'toggle-camera', s: 'toggle-share', l: 'toggle-layout', c: 'toggle-chat', p: 'toggle-people' };
  return plain[key] ?? null;
}

/** The first way to press an action, for a tooltip ("Mute microphone (M)"). */
export function shortcutHint(action: ShortcutAction): string {
  return SHORTCUTS.find((s) => s.action === action)?.keys[0] ?? '';
}

/** Whether an element takes typed text, so keys pressed there are the person's words. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes((target.type ?? 'text').toLowerCase());
}
