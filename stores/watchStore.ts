import { create } from 'zustand';

/*
 * What the watch page renders. Only the watch client (client/WatchClient)
 * writes here.
 */

export type WatchStatus = 'idle' | 'connecting' | 'waiting' | 'live' | 'ended' | 'failed';

export interface WatchState {
  streamId: string;
  status: WatchStatus;
  error: string | null;
  videoTrack: MediaStreamTrack | null;
  audioTrack: MediaStreamTrack | null;
  streamerName: string | null;
  viewerCount: number;
}

export interface WatchActions {
  play(streamId: string): Promise<void>;
  stop(): Promise<void>;
}

export const initialWatchState: WatchState = {
  streamId: '',
  status: 'idle',
  error: null,
  videoTrack: null,
  audioTrack: null,
  streamerName: null,
  viewerCount: 0,
};

export const useWatchStore = create<WatchState>(() => initialWatchState);
