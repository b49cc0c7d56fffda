import { HomeLink } from '@/components/ui/HomeLink';
import { PageShell } from '@/components/ui/PageShell';
import { LockIcon } from '@/components/ui/icons';
import type { JoinRefusalCopy } from '@/lib/ui/joinRefusal';

/** The room page when the server refused the join link: why, what to do, and a way out. */
export function JoinRefused({ roomId, refusal }: { roomId: string; refusal: JoinRefusalCopy }) {
  return (
    <PageShell>
      <div
        role="alert"
        data-refusal={refusal.reason}
        className="w-full max-w-md rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-center sm:p-8"
      >
        <span className="mx-auto inline-flex size-14 items-center justify-center rounded-full bg-amber-400/10 text-amber-400">
          <LockIcon className="size-7" />
        </span>
        <h1 className="mt-4 text-xl font-semibold text-balance text-white sm:text-2xl">{refusal.heading}</h1>
        <p className="mt-3 text-pretty text-zinc-300">{refusal.detail}</p>
        <p className="mt-4 break-all text-sm text-zinc-500">
          Meeting <span className="font-medium text-zinc-400">{roomId}</span>
        </p>
        <HomeLink />
      </div>
    </PageShell>
  );
}
