'use client';

import { useStudioActions } from '@/client/useStudioActions';
import { SmallButton } from '@/components/analytics/ui';
import { useStudioStore } from '@/stores/studioStore';
import { DASH } from './format';

// frameCounterViews() returns dropped first, limited second; these name them before the first sample.
const COUNTERS = [
  { testId: 'counter-dropped', label: 'Frames dropped' },
  { testId: 'counter-limited', label: 'Frames limited' },
] as const;

/** OBS-style "dropped / total" counters, counted from the last reset. */
export function FrameCounters() {
  const actions = useStudioActions();
  const views = useStudioStore((s) => s.frameCounters);
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-2xl bg-zinc-900/60 p-4 ring-1 ring-zinc-800">
      <ul aria-label="Frame counters" className="flex min-w-0 flex-1 flex-col gap-1 text-sm text-zinc-200 tabular-nums">
        {COUNTERS.map((counter, i) => {
          const view = views[i];
          return (
            <li key={counter.testId} data-testid={counter.testId}>
              {view ? `${view.label}: ${view.text}` : `${counter.label}: ${DASH}`}
            </li>
          );
        })}
      </ul>
      <SmallButton onClick={actions.resetCounters}>Reset counters</SmallButton>
    </div>
  );
}
