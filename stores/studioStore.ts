import { create } from 'zustand';
import type { FrameCounterView } from '@/lib/studio/frameCounters';
import { emptyChartState, type StudioChartState } from '@/lib/studio/series';
import type {
  BandResult,
  StreamAlert,
  StreamFrameCounters,
  StreamIssue,
  StreamServerView,
  StreamStats,
} from '@/lib/studio/types';
import type { MediaPermission } from './callStore';

/*
 * Everything the studio renders. Only the studio client (client/studio)
 * writes here; components read through selectors and act through
 * `useStudioActions()`.
 */

export type StudioStatus = 'idle' | 'preparing' | 'ready' | 'going-live' | 'live' | 'ended' | 'failed';
export type HistoryStatus = 'none' | 'loading' | 'loaded' | 'error';

export interface RecordingState {
  supported: boolean;
  active: boolean;
  startedAt: number | null;
  /** The last finished recording, ready to save. */
  file: { url: string; name: string; bytes: number } | null;
  error: string | null;
}

export interface StudioState {
  streamId: string;
  status: StudioStatus;
  /** One sentence for the last problem (going live, devices, history). */
  error: string | null;
  permission: MediaPermission;
  camTrack: MediaStreamTrack | null;
  micTrack: MediaStreamTrack | null;
  /** The preview's microphone peak level, 0..1 (the mic check). */
  micLevel: number;
  /** The browser's latest measurement and when (ms). */
  stats: StreamStats | null;
  statsAt: number | null;
  band: BandResult | null;
  issues: StreamIssue[];
  headline: string | null;
  /** The server received our last report at this time (its `stream:stats:received`). */
  serverReceivedAt: number | null;
  alerts: StreamAlert[];
  viewerCount: number;
  serverView: StreamServerView | null;
  chart: StudioChartState;
  history: HistoryStatus;
  frameCounters: FrameCounterView[];
  frameBaseline: StreamFrameCounters | null;
  recording: RecordingState;
}

export interface StudioActions {
  prepare(streamId: string): Promise<void>;
  goLive(displayName: string): Promise<void>;
  end(): Promise<void>;
  resetCounters(): void;
  toggleRecording(): void;
  /** Leaving the page: ends a live stream, stops recording and the camera and microphone. */
  release(): Promise<void>;
}

export const initialStudioState: StudioState = {
  streamId: '',
  status: 'idle',
  error: null,
  permission: 'unknown',
  camTrack: null,
  micTrack: null,
  micLevel: 0,
  stats: null,
  statsAt: null,
  band: null,
  issues: [],
  headline: null,
  serverReceivedAt: null,
  alerts: [],
  viewerCount: 0,
  serverView: null,
  chart: emptyChartState(),
  history: 'none',
  frameCounters: [],
  frameBaseline: null,
  recording: { supported: false, active: false, startedAt: null, file: null, error: null },
};

export const useStudioStore = create<StudioState>(() => initialStudioState);
