'use client';

import { useEffect, useState } from 'react';
import { CheckIcon, CopyIcon } from '@/components/ui/icons';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** Copies the current page URL (the meeting link). Its accessible name stays `label`. */
export function CopyLinkButton({ label = 'Copy link', className = '' }: { label?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);

  return (
    <>
      <button
        type="button"
        aria-label={label}
        onClick={async () => {
          const url = window.location.origin + window.location.pathname;
          setState((await copyText(url)) ? 'copied' : 'failed');
        }}
        className={`inline-flex h-9 shrink-0 items-center gap-2 rounded-lg border border-zinc-700 bg-zinc-800 px-3 text-sm font-medium text-zinc-100 hover:bg-zinc-700 ${className}`}
      >
        {state === 'copied' ? <CheckIcon className="size-4 text-emerald-400" /> : <CopyIcon className="size-4" />}
        <span aria-hidden="true">{state === 'copied' ? 'Copied' : label}</span>
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Meeting link copied to the clipboard' : state === 'failed' ? "Couldn't copy the link" : ''}
      </span>
    </>
  );
}
