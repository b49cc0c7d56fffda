import Link from 'next/link';
import { PageShell } from '@/components/ui/PageShell';
import { AlertIcon } from '@/components/ui/icons';

/** The id as the visitor typed it, shortened so a pasted essay can't blow up the layout. */
function displayId(raw: string): string {
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // keep it as typed
  }
  return id.length > 80 ? `${id.slice(0, 80)}…` : id;
}

export function InvalidStream({ streamId, reason }: { streamId: string; reason: string }) {
  return (
    <PageShell>
      <div role="alert" className="w-full max-w-md rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-center">
        <AlertIcon className="mx-auto size-10 text-amber-400" />
        <h1 className="mt-4 text-xl font-semibold text-white">Invalid stream id</h1>
        <p className="mt-2 break-words text-zinc-300">
          “{displayId(streamId)}” is not a valid stream id. {reason.replace(/room id/g, 'stream id')}.
        </p>
        <Link
          href="/"
          className="mt-6 inline-flex h-11 items-center justify-center rounded-xl bg-sky-500 px-5 font-semibold text-zinc-950 hover:bg-sky-400"
        >
          Back to home
        </Link>
      </div>
    </PageShell>
  );
}
