import Link from 'next/link';
import { PageShell } from '@/components/ui/PageShell';
import { Spinner } from '@/components/ui/icons';

export function LeftView({ onRejoin, rejoining }: { onRejoin: () => void; rejoining: boolean }) {
  return (
    <PageShell>
        <div className="w-full max-w-sm text-center">
          <h1 className="text-2xl font-semibold text-white">You left the meeting</h1>
          <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:justify-center">
            <button
              type="button"
              onClick={onRejoin}
              disabled={rejoining}
              aria-busy={rejoining}
              className="inline-flex h-11 items-center justify-center gap-2 rounded-xl bg-sky-500 px-5 font-semibold text-zinc-950 hover:bg-sky-400 disabled:cursor-wait disabled:opacity-80"
            >
              {rejoining && <Spinner className="size-4" />}
              Rejoin
            </button>
            <Link
              href="/"
              className="inline-flex h-11 items-center justify-center rounded-xl border border-zinc-700 bg-zinc-800 px-5 font-semibold text-zinc-100 hover:bg-zinc-700"
            >
              Back to home
            </Link>
          </div>
        </div>
    </PageShell>
  );
}
