import { PageShell } from '@/components/ui/PageShell';
import { AlertIcon, CheckIcon } from '@/components/ui/icons';

export type SignInNotice = 'wrong-token' | 'signed-out' | null;

function WrongToken() {
  return (
    <div role="alert" className="flex gap-3 rounded-xl border border-red-500/40 bg-red-500/10 p-3 text-sm text-red-200">
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-400" />
      <div>
        <p className="font-medium">That admin token is not right.</p>
        <p className="mt-1 text-red-300/90">
          Use the value of <code className="rounded bg-red-500/15 px-1">ADMIN_TOKEN</code> the server was started with. If it was
          started without one, it printed a token once at start: look in the server’s output for the line “ADMIN_TOKEN is not
          set; generated one for this run”.
        </p>
      </div>
    </div>
  );
}

function SignedOut() {
  return (
    <div role="status" className="flex gap-3 rounded-xl border border-emerald-500/40 bg-emerald-500/10 p-3 text-sm text-emerald-100">
      <CheckIcon className="mt-0.5 size-5 shrink-0 text-emerald-400" />
      <p>
        <span className="font-medium">Signed out.</span> Sign in again to see the analytics.
      </p>
    </div>
  );
}

/**
 * A plain HTML form, so it works before any script runs: the server checks the
 * token, sets the http-only session cookie and redirects to /analytics, or
 * back here with ?error=wrong-token.
 */
export function SignInForm({ notice }: { notice: SignInNotice }) {
  return (
    <PageShell mainClassName="items-start px-4 pt-8 pb-16 sm:items-center sm:pt-0">
      <section aria-labelledby="sign-in-title" className="w-full max-w-sm">
        <h1 id="sign-in-title" className="text-2xl font-semibold text-white">
          Analytics sign-in
        </h1>
        <p className="mt-1 text-sm text-zinc-400">For the people who run this server. Enter the admin token once; this browser stays signed in.</p>

        <div className="mt-6 flex flex-col gap-4">
          {notice === 'wrong-token' && <WrongToken />}
          {notice === 'signed-out' && <SignedOut />}
          <form method="post" action="/analytics/session" className="flex flex-col gap-4">
            <div className="flex flex-col gap-1">
              <label htmlFor="admin-token" className="text-sm font-medium text-zinc-300">
                Admin token
              </label>
              <input
                id="admin-token"
                name="token"
                type="password"
                required
                autoComplete="current-password"
                autoFocus
                aria-invalid={notice === 'wrong-token' ? true : undefined}
                className="h-12 rounded-xl border border-zinc-700 bg-zinc-900 px-4 text-base text-zinc-100 focus:border-sky-400 aria-invalid:border-red-500"
              />
            </div>
            <button
              type="submit"
              className="inline-flex h-12 items-center justify-center rounded-xl bg-sky-500 px-6 text-base font-semibold text-zinc-950 transition hover:bg-sky-400"
            >
              Sign in
            </button>
          </form>
        </div>
      </section>
    </PageShell>
  );
}
