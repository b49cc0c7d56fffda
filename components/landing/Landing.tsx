import { JoinMeetingForm } from './JoinMeetingForm';
import { StartMeetingButton } from './StartMeetingButton';
import { PageShell } from '@/components/ui/PageShell';

export function Landing() {
  return (
    <PageShell mainClassName="items-center px-5 pb-16 sm:px-8">
        <div className="grid w-full max-w-5xl items-center gap-12 md:grid-cols-2">
          <section aria-labelledby="landing-title">
            <h1 id="landing-title" className="text-4xl font-semibold tracking-tight text-white sm:text-5xl">
              Podium
            </h1>
            <p className="mt-4 max-w-md text-lg text-zinc-300">
              Video meetings in your browser. No install, no account: start a meeting and share the link.
            </p>
            <div className="mt-8 flex max-w-md flex-col gap-6">
              <StartMeetingButton />
              <div className="flex items-center gap-3 text-sm text-zinc-500" aria-hidden="true">
                <span className="h-px flex-1 bg-zinc-800" />
                or
                <span className="h-px flex-1 bg-zinc-800" />
              </div>
              <JoinMeetingForm />
            </div>
          </section>
          <HeroArt />
        </div>
    </PageShell>
  );
}

/** A decorative mock of a call grid. */
function HeroArt() {
  const people = [
    { i: 'AL', c: 'from-sky-500/40 to-indigo-500/30' },
    { i: 'GH', c: 'from-emerald-500/40 to-teal-500/30' },
    { i: 'KJ', c: 'from-amber-500/40 to-rose-500/30' },
    { i: 'MB', c: 'from-fuchsia-500/40 to-violet-500/30' },
  ];
  return (
    <div aria-hidden="true" className="hidden md:block">
      <div className="grid grid-cols-2 gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-3 shadow-2xl shadow-black/40">
        {people.map((p, n) => (
          <div
            key={p.i}
            className={`relative flex aspect-video items-center justify-center rounded-xl bg-gradient-to-br ${p.c} ${n === 1 ? 'ring-2 ring-emerald-400' : ''}`}
          >
            <span className="flex size-14 items-center justify-center rounded-full bg-zinc-900/70 text-lg font-semibold text-zinc-100">
              {p.i}
            </span>
            <span className="absolute bottom-2 left-2 h-2 w-16 rounded-full bg-zinc-900/60" />
          </div>
        ))}
      </div>
      <div className="mx-auto mt-3 flex w-fit gap-2 rounded-full border border-zinc-800 bg-zinc-900/60 p-2">
        {[0, 1, 2, 3].map((k) => (
          <span key={k} className="size-8 rounded-full bg-zinc-800" />
        ))}
        <span className="h-8 w-12 rounded-full bg-red-600/80" />
      </div>
    </div>
  );
}
