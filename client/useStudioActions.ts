'use client';

import type { StudioActions } from '@/stores/studioStore';
import { getStudioClient } from './StudioClient';

/*
 * Each call reaches the client only when it is made: client components also
 * render on the server, where creating the StudioClient (it reads
 * window.location) must not happen.
 */
const actions: StudioActions = {
  prepare: (streamId) => getStudioClient().actions.prepare(streamId),
  goLive: (displayName) => getStudioClient().actions.goLive(displayName),
  end: () => getStudioClient().actions.end(),
  resetCounters: () => getStudioClient().actions.resetCounters(),
  toggleRecording: () => getStudioClient().actions.toggleRecording(),
  release: () => getStudioClient().actions.release(),
};

/** The studio UI's only way to act on the stream. */
export function useStudioActions(): StudioActions {
  return actions;
}
