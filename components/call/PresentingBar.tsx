'use client';

import { useCallActions } from '@/client/useCallActions';
import { ScreenIcon } from '@/components/ui/icons';
import { useCallStore } from '@/stores/callStore';

/** Shown to the presenter instead of a mirror of their own screen, as Meet does. */
export function PresentingBar() {
  const presenting = useCallStore((s) => s.local.screenOn && s.local.screenTrack !== null);
  const actions = useCallActions();
  if (!presenting) return null;
  return (
    <div
      role="status"
      className="mx-3 mt-2 flex items-center gap-3 rounded-lg bg-sky-500/15 px-3 py-2 text-sm text-sky-100 ring-1 ring-sky-500/40 sm:mx-4"
    >
      <ScreenIcon className="size-5 shrink-0" />
      <span className="min-w-0 flex-1 font-medium">You are presenting to everyone</span>
      <button
        type="button"
        onClick={() => void actions.toggleScreen()}
        className="shrink-0 rounded-md bg-red-600 px-3 py-1.5 font-semibold text-white hover:bg-red-500"
      >
        Stop presenting
      </button>
    </div>
  );
}
