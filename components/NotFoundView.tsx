'use client';

import { usePathname } from 'next/navigation';
import { HomeLink } from '@/components/ui/HomeLink';
import { PageShell } from '@/components/ui/PageShell';
import { AlertIcon } from '@/components/ui/icons';
import { notFoundCopy } from '@/lib/ui/notFoundCopy';

/** The branded 404 page: what was not found, why if we know, and the way home. */
export function NotFoundView() {
  const { heading, detail } = notFoundCopy(usePathname() ?? '/');
  return (
    <PageShell>
      <div className="w-full max-w-md rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-center">
        <AlertIcon className="mx-auto size-10 text-amber-400" />
        <p className="mt-4 text-sm font-medium tracking-wide text-zinc-500">404</p>
        <h1 className="mt-1 text-xl font-semibold text-white">{heading}</h1>
        <p className="mt-2 break-words text-zinc-300">{detail}</p>
        <HomeLink />
      </div>
    </PageShell>
  );
}
