'use client';

import type { ConnectionStatus } from '@/stores/analyticsStore';
import { useAnalyticsStore } from '@/stores/analyticsStore';

const LOOK: Record<ConnectionStatus, { text: string; dot: string; ring: string }> = {
  live: { text: 'Live', dot: 'bg-emerald-400', ring: 'ring-emerald-500/40 text-emerald-200' },
  connecting: { text: 'Connecting…', dot: 'bg-zinc-400 animate-pulse', ring: 'ring-zinc-700 text-zinc-300' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-400 animate-pulse', ring: 'ring-amber-500/40 text-amber-200' },
  offline: { text: 'Offline', dot: 'bg-red-500', ring: 'ring-red-500/40 text-red-200' },
};

/** Whether the numbers on screen are current: live, reconnecting or offline. */
export function ConnectionIndicator() {
  const status = useAnalyticsStore((s) => s.connection);
  const problem = useAnalyticsStore((s) => s.connectionProblem);
  const look = LOOK[status];
  return (
    <p
      role="status"
      aria-label={look.text}
      title={problem ?? undefined}
      data-connection={status}
      className={`inline-flex h-8 items-center gap-2 rounded-full px-3 text-xs font-medium ring-1 ${look.ring}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      {look.text}
    </p>
  );
}

/** The sentence that says why the numbers are not live, under the header. */
export function ConnectionProblem() {
  const status = useAnalyticsStore((s) => s.connection);
  const problem = useAnalyticsStore((s) => s.connectionProblem);
  const signedOut = useAnalyticsStore((s) => s.signedOut);
  if (signedOut) {
    return (
      <div role="alert" className="mx-4 mt-2 rounded-xl border border-red-500/40 bg-red-500/10 p-3 text-sm text-red-200 sm:mx-6">
        <p className="font-medium">Your admin session has ended.</p>
        <p className="mt-0.5 text-red-300/90">
          {problem ? `${problem}. ` : ''}
          <a href="/analytics/sign-in" className="font-medium text-red-100 underline underline-offset-2">
            Sign in again
          </a>{' '}
          to see live numbers.
        </p>
      </div>
    );
  }
  if (!problem || status === 'live') return null;
  return (
    <p className="mx-4 mt-2 rounded-xl border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100 sm:mx-6">
      {problem}. The numbers below are the last ones received; the page keeps trying to reconnect.
    </p>
  );
}
