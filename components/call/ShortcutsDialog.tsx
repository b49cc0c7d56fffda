'use client';

import { useEffect, useRef } from 'react';
import { PUSH_TO_TALK, SHORTCUTS } from '@/lib/ui/shortcuts';

/** The "?" dialog: every shortcut of the call. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {[...SHORTCUTS, PUSH_TO_TALK].map((s) => (
          <div key={s.description} className="contents">
            <dt className="flex flex-wrap gap-1">
              {s.keys.map((k) => (
                <kbd key={k} className="rounded-md border border-zinc-600 bg-zinc-800 px-1.5 py-0.5 font-mono text-xs text-zinc-100">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-zinc-300">{s.description}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-zinc-400">On a Mac, use Cmd where it says Ctrl. Shortcuts do nothing while you type.</p>
      <div className="mt-5 flex justify-end">
        <button type="button" onClick={onClose} className="rounded-lg bg-zinc-700 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-600">
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

/** Asks before leaving, when the leave came from a shortcut. */
export function LeaveConfirmDialog({ onLeave, onStay }: { onLeave: () => void; onStay: () => void }) {
  return (
    <ModalDialog title="Leave the meeting?" onClose={onStay}>
      <p className="mt-2 text-sm text-zinc-300">The others stay in the call. You can rejoin from this page.</p>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" onClick={onStay} className="rounded-lg bg-zinc-700 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-600">
          Stay
        </button>
        <button type="button" onClick={onLeave} className="rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white hover:bg-red-500">
          Leave
        </button>
      </div>
    </ModalDialog>
  );
}

/** A modal: focus moves in, Escape or a click outside closes, focus returns to where it was. */
function ModalDialog({ title, onClose, children }: { title: string; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus?.();
    };
  }, [onClose]);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} className="w-full max-w-md rounded-2xl bg-zinc-900 p-6 ring-1 ring-zinc-700">
        <h2 id={titleId} className="text-lg font-semibold text-white">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
