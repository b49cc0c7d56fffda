'use client';

import { useEffect } from 'react';
import { useStudioActions } from '@/client/useStudioActions';
import { PageShell } from '@/components/ui/PageShell';
import { AlertsList } from './AlertsList';
import { FrameCounters } from './FrameCounters';
import { IssuesList } from './IssuesList';
import { LayersTable } from './LayersTable';
import { StudioCharts } from './StudioCharts';
import { StudioControls } from './StudioControls';
import { StudioHeader } from './StudioHeader';
import { StudioHealth } from './StudioHealth';
import { StudioMetrics } from './StudioMetrics';
import { StudioPreview } from './StudioPreview';

/** `/studio/<streamId>`: preview and controls beside the live health, then the details. */
export function StudioView({ streamId }: { streamId: string }) {
  const actions = useStudioActions();

  useEffect(() => {
    void actions.prepare(streamId);
  }, [actions, streamId]);

  // Leaving the page (client-side navigation) ends a live stream and frees the camera.
  useEffect(() => () => void actions.release(), [actions]);

  return (
    <PageShell mainClassName="px-4 pb-12 sm:px-8">
      <div className="flex w-full max-w-7xl min-w-0 flex-col gap-8">
        <StudioHeader streamId={streamId} />
        <div className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:gap-8">
          <section aria-label="Stream setup" className="flex min-w-0 flex-col gap-4">
            <StudioPreview />
            <StudioControls />
          </section>
          <section aria-label="Stream health" className="flex min-w-0 flex-col gap-5">
            <StudioHealth />
            <StudioMetrics />
            <FrameCounters />
          </section>
        </div>
        {/* Each Section sits first in its own box: its top margin is for stacking sections, the gaps here do that. */}
        <div className="grid min-w-0 gap-8 lg:grid-cols-2">
          <div className="min-w-0">
            <IssuesList />
          </div>
          <div className="min-w-0">
            <AlertsList />
          </div>
        </div>
        <div className="min-w-0">
          <LayersTable />
        </div>
        <div className="min-w-0">
          <StudioCharts />
        </div>
      </div>
    </PageShell>
  );
}
