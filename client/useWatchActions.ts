'use client';

import type { WatchActions } from '@/stores/watchStore';
import { getWatchClient } from './WatchClient';

// Reached lazily, so server rendering never creates a (process-wide) WatchClient.
const actions: WatchActions = {
  play: (streamId) => getWatchClient().actions.play(streamId),
  stop: () => getWatchClient().actions.stop(),
};

/** The watch page's only way to act on playback. */
export function useWatchActions(): WatchActions {
  return actions;
}
