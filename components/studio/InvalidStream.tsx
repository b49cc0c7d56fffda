import { HomeLink } from '@/components/ui/HomeLink';
import { PageShell } from '@/components/ui/PageShell';
import { AlertIcon } from '@/components/ui/icons';
import { displayId } from '@/lib/ui/displayId';

export function InvalidStream({ streamId, reason }: { streamId: string; reason: string }) {
  return (
    <PageShell>
      <div role="alert" className="w-full max-w-md rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-center">
        <AlertIcon className="mx-auto size-10 text-amber-400" />
        <h1 className="mt-4 text-xl font-semibold text-white">Invalid stream id</h1>
        <p className="mt-2 break-words text-zinc-300">
          “{displayId(streamId)}” is not a valid stream id. {reason.replace(/room id/g, 'stream id')}.
        </p>
        <HomeLink />
      </div>
    </PageShell>
  );
}
