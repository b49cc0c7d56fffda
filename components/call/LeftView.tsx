import Link from 'next/link';
import { PageShell } from '@/components/ui/PageShell';
import { Spinner } from '@/components/ui/icons';

export interface LeftViewProps {
  onRejoin: () => void;
  rejoining: boolean;
  title?: string;
  detail?: string | null;
  rejoinLabel?: string;
}

export function LeftView({ onRejoin, rejoining, title = 'You left the meeting', detail = null, rejoinLabel = 'Rejoin' }: LeftViewProps) {
  return (
    <PageShell>
        <div className="w-full max-w-sm text-center">
          <h1 className="text-2xl font-semibold text-white">{title}</h1>
          {detail && <p className="mt-2 text-sm text-zinc-400">{detail}</p>}
          <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:justify-center">
            <button
              type="button"
              onClick={onRejoin}
              disabled={rejoining}
              aria-busy={rejoining}
              className="inline-flex h-11 items-center justify-center gap-2 rounded-xl bg-sky-500 px-5 font-semibold text-zinc-950 hover:bg-sky-400 disabled:cursor-wait disabled:opacity-80"
            >
              {rejoining && <Spinner className="size-4" />}
              {rejoinLabel}
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
