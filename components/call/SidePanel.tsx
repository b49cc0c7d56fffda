'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { CloseIcon } from '@/components/ui/icons';

export interface SidePanelProps {
  /** Landmark name ("Participants", "Chat"). */
  label: string;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Element to focus when the panel opens; defaults to the close button. */
  initialFocus?: React.RefObject<HTMLElement | null>;
}

/**
 * A right-hand sidebar on wide screens, a full-screen sheet on phones.
 * Escape (anywhere, unless something else handled it) and the close button close it.
 */
export function SidePanel({ label, title, onClose, children, initialFocus }: SidePanelProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    (initialFocus?.current ?? closeRef.current)?.focus();
  }, [initialFocus]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onCloseRef.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <aside
      aria-label={label}
      className="fixed inset-0 z-40 flex flex-col bg-zinc-900 md:static md:inset-auto md:z-auto md:my-2 md:w-80 md:shrink-0 md:rounded-xl md:border md:border-zinc-800 lg:w-96"
    >
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 px-4 py-3">
        <h2 className="text-base font-semibold text-white">{title}</h2>
        <button
          ref={closeRef}
          type="button"
          onClick={onClose}
          aria-label={`Close ${label.toLowerCase()}`}
          className="inline-flex size-9 items-center justify-center rounded-full text-zinc-300 hover:bg-zinc-800 hover:text-white"
        >
          <CloseIcon />
        </button>
      </div>
      {children}
    </aside>
  );
}
