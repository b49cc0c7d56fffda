'use client';

import { useCallStore } from '@/stores/callStore';

/**
 * The call's toasts ("Dana joined", a chat preview while the chat is closed),
 * and the same words in a live region so screen readers hear them.
 */
export function Announcements({ chatOpen }: { chatOpen: boolean }) {
  const all = useCallStore((s) => s.toasts);
  // With the chat open its log speaks for itself.
  const toasts = chatOpen ? all.filter((t) => t.kind !== 'chat') : all;
  return (
    <>
      <div role="log" aria-label="Call notices" className="sr-only">
        {toasts.map((t) => (
          <p key={t.id}>{t.text}</p>
        ))}
      </div>
      <ul aria-hidden="true" className="pointer-events-none fixed inset-x-0 top-14 z-40 flex flex-col items-center gap-2 px-3">
        {toasts.map((t) => (
          <li
            key={t.id}
            data-kind={t.kind}
            className="max-w-sm truncate rounded-full bg-zinc-800/95 px-4 py-2 text-sm text-zinc-100 shadow-lg ring-1 ring-zinc-700"
          >
            {t.text}
          </li>
        ))}
      </ul>
    </>
  );
}
