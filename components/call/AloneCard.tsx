'use client';

import { useCallStore } from '@/stores/callStore';
import { CopyLinkButton } from './CopyLinkButton';

/** While nobody else is in the call: say so, and offer the link to invite someone. */
export function AloneCard() {
  const alone = useCallStore((s) => s.status === 'joined' && Object.keys(s.participants).length === 0);
  if (!alone) return null;
  return (
    <section
      aria-label="Invite others"
      className="pointer-events-auto absolute inset-x-3 bottom-3 mx-auto flex max-w-md flex-col items-center gap-3 rounded-2xl bg-zinc-900/95 p-4 text-center shadow-lg ring-1 ring-zinc-700 sm:flex-row sm:text-left"
    >
      <div className="min-w-0 flex-1">
        <h2 className="font-semibold text-white">You&rsquo;re the only one here</h2>
        <p className="text-sm text-zinc-300">Share this meeting&rsquo;s link with the people you want to talk to.</p>
      </div>
      <CopyLinkButton label="Copy invite link" className="shrink-0" />
    </section>
  );
}
