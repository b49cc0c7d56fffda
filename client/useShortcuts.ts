import { useEffect, useRef } from 'react';
import { isTypingTarget, shortcutFor, type ShortcutAction } from '@/lib/ui/shortcuts';
import { useCallStore } from '@/stores/callStore';
import { useCallActions } from './useCallActions';

type Handlers = Record<ShortcutAction, () => void>;

const typingIn = (target: EventTarget | null) => isTypingTarget(target as HTMLElement | null);

/**
 * The call's keyboard shortcuts (lib/ui/shortcuts) on the whole page, and
 * Space held as push-to-talk while muted. Keys typed into a field are words.
 */
/** `enabled` false (a dialog is open): keys belong to the dialog. */
export function useShortcuts(handlers: Handlers, enabled = true): void {
  const actions = useCallActions();
  const latest = useRef(handlers);
  latest.current = handlers;
  const on = useRef(enabled);
  on.current = enabled;

  useEffect(() => {
    let talking = false;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !on.current) return;
      const typing = typingIn(event.target);
      if (event.code === 'Space' && !typing && !event.repeat && !isControl(event.target) && !modifiers(event)) {
        if (!useCallStore.getState().local.micOn) {
          event.preventDefault();
          talking = true;
          void actions.toggleMic();
        }
        return;
      }
      const action = shortcutFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, typing });
      if (!action || event.repeat) return;
      // Ctrl+D and Ctrl+E would bookmark and search in the browser.
      event.preventDefault();
      latest.current[action]();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || !talking) return;
      talking = false;
      if (useCallStore.getState().local.micOn) void actions.toggleMic();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [actions]);
}

const modifiers = (e: KeyboardEvent) => e.ctrlKey || e.metaKey || e.altKey || e.shiftKey;

/** Space on a focused button or link presses it: that is not push-to-talk. */
function isControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('button, a, [role="button"], [role="menuitem"], summary');
}
