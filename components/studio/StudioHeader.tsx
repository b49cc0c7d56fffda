'use client';

import Link from 'next/link';
import { useId } from 'react';
import { useStudioStore } from '@/stores/studioStore';

function LiveStatus() {
  const live = useStudioStore((s) => s.status === 'live');
  return (
    <span
      data-testid="live-status"
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-bold tracking-wide ${
        live ? 'bg-red-600 text-white' : 'bg-zinc-800 text-zinc-300 ring-1 ring-zinc-700'
      }`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${live ? 'animate-pulse bg-white' : 'bg-zinc-500'}`} />
      {live ? 'LIVE' : 'Offline'}
    </span>
  );
}

function Viewers() {
  const count = useStudioStore((s) => s.viewerCount);
  const labelId = useId();
  return (
    <dl className="flex items-baseline gap-2 text-sm">
      <dt id={labelId} className="text-zinc-400">
        Viewers
      </dt>
      <dd data-testid="viewer-count" aria-labelledby={labelId} className="font-semibold text-white tabular-nums">
        {count}
      </dd>
    </dl>
  );
}

export function StudioHeader({ streamId }: { streamId: string }) {
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold text-white sm:text-3xl">Studio</h1>
        <p className="break-all text-sm text-zinc-400">
          Stream <span className="font-medium text-zinc-200">{streamId}</span>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:ml-auto">
        <LiveStatus />
        <Viewers />
        <Link
          href={`/watch/${encodeURIComponent(streamId)}`}
          target="_blank"
          rel="noopener"
          className="text-sm text-sky-300 underline-offset-2 hover:underline"
        >
          Open the viewer page
        </Link>
      </div>
    </header>
  );
}
