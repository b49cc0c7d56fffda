import { Device, type types } from 'mediasoup-client';
import { AppError, type StreamJoinResult } from '@/lib/protocol';
import { frameCounterViews } from '@/lib/studio/frameCounters';
import { detectIssues, headline, trackIssues } from '@/lib/studio/health';
import { qualityBand } from '@/lib/studio/quality';
import { appendPoint, chartStateFromHistory, pointFromStats } from '@/lib/studio/series';
import type { StreamAlert, StreamStats } from '@/lib/studio/types';
import { initialStudioState, useStudioStore, type StudioActions, type StudioState } from '@/stores/studioStore';
import { LocalPublisher } from './LocalPublisher';
import { captureCameraAndMic } from './localMedia';
import { openSocket, request, waitForConnect, type ClientSocket } from './signalingClient';
import { fetchStreamHistory } from './studio/history';
import { MicLevelMeter } from './studio/MicLevelMeter';
import { loadOwnerKey, saveOwnerKey } from './studio/ownerKey';
import { Recorder, recordingSupported } from './studio/Recorder';
import { SendStatsCollector, type SendStatsSample } from './studio/SendStatsCollector';
import { createTransport } from './transports';

const MAX_ALERTS = 50;

const set = (patch: Partial<StudioState>) => useStudioStore.setState(patch);
const state = () => useStudioStore.getState();

function message(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong';
}

/** The media side of a live stream. */
interface Live {
  socket: ClientSocket;
  send: types.Transport;
  publisher: LocalPublisher;
  collector: SendStatsCollector;
}

/**
 * The one owner of the studio's socket, Device, send transport and stats
 * collector (beside CallClient, same shape): it writes into the studio store,
 * the UI calls `actions` and renders the store.
 */
export class StudioClient {
  #live: Live | null = null;
  #device: Device | null = null;
  readonly #recorder = new Recorder();
  #meter: MicLevelMeter | null = null;
  readonly #statsIntervalMs: number | undefined;

  constructor(options: { statsIntervalMs?: number } = {}) {
    this.#statsIntervalMs = options.statsIntervalMs;
  }

  readonly actions: StudioActions = {
    prepare: (streamId) => this.#guard('Could not start camera and microphone', () => this.#prepare(streamId)),
    goLive: (displayName) => this.#guard('Could not go live', () => this.#goLive(displayName)),
    end: () => this.#guard('Could not end the stream cleanly', () => this.#end('ended')),
    resetCounters: () => {
      const frames = state().stats?.frames ?? null;
      set({ frameBaseline: frames, frameCounters: frameCounterViews(frames ?? undefined, frames) });
    },
    toggleRecording: () => this.#toggleRecording(),
    release: () => this.#guard('Could not close the studio cleanly', () => this.#release()),
  };

  async #guard(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      console.error(`[podium] ${what}`, error);
      set({ error: `${what}: ${message(error)}` });
      const { status } = state();
      if (status === 'going-live') this.#teardown();
      if (status === 'going-live' || status === 'preparing') set({ status: 'failed' });
    }
  }

  // ---- preview ---------------------------------------------------------------

  async #prepare(streamId: string): Promise<void> {
    if (state().streamId === streamId && state().status !== 'idle') return;
    set({ ...initialStudioState, streamId, status: 'preparing', recording: { ...initialStudioState.recording, supported: recordingSupported() } });
    void this.#loadHistory(streamId);
    const capture = await captureCameraAndMic(null, null);
    set({ camTrack: capture.camTrack, micTrack: capture.micTrack, permission: capture.permission, error: capture.error, status: 'ready' });
    this.#meter?.close();
    this.#meter = capture.micTrack ? new MicLevelMeter(capture.micTrack, (micLevel) => set({ micLevel })) : null;
  }

  async #loadHistory(streamId: string): Promise<void> {
    const key = loadOwnerKey(streamId);
    if (!key) return;
    set({ history: 'loading' });
    try {
      const history = await fetchStreamHistory(streamId, key);
      if (state().streamId !== streamId) return;
      // A sample that arrived meanwhile wins over the stored ones it overlaps.
      const chart = state().chart.series.t.length > 0 ? state().chart : chartStateFromHistory(history.samples, Date.now());
      set({ history: 'loaded', chart, alerts: [...history.alerts].reverse().slice(0, MAX_ALERTS) });
    } catch (error) {
      console.warn('[podium] stream history unavailable', error);
      set({ history: 'error' });
    }
  }

  // ---- going live ------------------------------------------------------------

  async #goLive(displayName: string): Promise<void> {
    const { streamId, camTrack, micTrack, status } = state();
    if (status === 'going-live' || status === 'live') return;
    if (!camTrack && !micTrack) throw new AppError('unavailable', 'Allow the camera or the microphone first');
    set({ status: 'going-live', error: null });
    const socket = this.#openSocket();
    await waitForConnect(socket);
    const joined = await request(socket, 'stream:start', { streamId, displayName: displayName || undefined });
    if (joined.ownerKey) saveOwnerKey(streamId, joined.ownerKey);
    this.#device ??= new Device();
    if (!this.#device.loaded) await this.#device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
    const send = await createTransport(socket, this.#device, 'send', joined.iceServers, (m, e) => console.error(`[podium] ${m}`, e));
    const publisher = new LocalPublisher(socket, this.#device, send);
    const collector = new SendStatsCollector({
      transport: send,
      intervalMs: this.#statsIntervalMs,
      targetFps: () => state().camTrack?.getSettings().frameRate,
      onSample: (sample) => this.#onSample(socket, sample),
      onError: (error) => console.warn('[podium] getStats failed', error),
    });
    this.#live = { socket, send, publisher, collector };
    this.#onJoined(joined);
    if (micTrack) await publisher.publish('mic', micTrack);
    if (camTrack) await publisher.publish('camera', camTrack);
    collector.start();
  }

  #onJoined(joined: StreamJoinResult): void {
    set({ status: 'live', viewerCount: joined.viewerCount, issues: [], headline: null, frameBaseline: null });
  }

  #openSocket(): ClientSocket {
    const socket = openSocket();
    socket.on('stream:stats:received', ({ receivedAt }) => set({ serverReceivedAt: receivedAt }));
    socket.on('stream:alert', (alert) => this.#addAlert(alert));
    socket.on('stream:viewers', ({ viewerCount }) => set({ viewerCount }));
    socket.on('stream:server-view', (serverView) => set({ serverView, viewerCount: serverView.viewerCount }));
    socket.on('error', (error) => console.warn(`[podium] the server refused ${error.event}: ${error.message}`));
    socket.on('disconnect', () => {
      if (this.#live?.socket !== socket) return;
      this.#teardown();
      set({ status: 'ended', error: 'The connection to the server was lost. Go live again when it is back.' });
    });
    return socket;
  }

  #addAlert(alert: StreamAlert): void {
    if (state().alerts.some((a) => a.id === alert.id)) return;
    set({ alerts: [alert, ...state().alerts].slice(0, MAX_ALERTS) });
  }

  /** Each sample: to the server (SPEC 4), and into the store with the same rules the server applies. */
  #onSample(socket: ClientSocket, sample: SendStatsSample): void {
    const started = performance.now();
    const { streamId } = state();
    socket.emit('stream:stats:update', { streamId, stats: sample.stats, timestamp: sample.timestamp });
    this.#show(sample.stats, sample.timestamp);
    // The main-thread cost of one tick (conversion, emit, store), read by `npm run bench:studio`.
    performance.measure('podium:studio-tick', { start: started - sample.costMs, end: performance.now() });
  }

  #show(stats: StreamStats, at: number): void {
    const s = state();
    const band = qualityBand(stats);
    const targetFps = stats.targetFps ?? s.camTrack?.getSettings().frameRate ?? 30;
    const issues = trackIssues(s.issues, detectIssues(stats, { targetFps }), at);
    set({
      stats,
      statsAt: at,
      band,
      issues,
      headline: headline(issues, band.band),
      chart: appendPoint(s.chart, pointFromStats(stats, at)),
      frameCounters: frameCounterViews(stats.frames, s.frameBaseline),
    });
  }

  // ---- recording -------------------------------------------------------------

  #toggleRecording(): void {
    const { camTrack, micTrack, recording } = state();
    if (recording.active) {
      this.#recorder.stop();
      return;
    }
    const tracks = [camTrack, micTrack].filter((t): t is MediaStreamTrack => t !== null && t.readyState === 'live');
    if (tracks.length === 0) return set({ recording: { ...recording, error: 'Nothing to record: allow the camera or microphone' } });
    try {
      this.#recorder.start(
        tracks,
        (file) => set({ recording: { ...state().recording, active: false, startedAt: null, file } }),
        (error) => set({ recording: { ...state().recording, active: false, error: `Recording failed: ${message(error)}` } }),
      );
      set({ recording: { ...recording, active: true, startedAt: Date.now(), error: null } });
    } catch (error) {
      set({ recording: { ...recording, active: false, error: `Could not record: ${message(error)}` } });
    }
  }

  // ---- ending ----------------------------------------------------------------

  async #end(status: 'ended'): Promise<void> {
    const live = this.#live;
    if (!live) return;
    if (live.socket.connected) await request(live.socket, 'leave-room', undefined).catch((e) => console.warn('[podium] leave failed', e));
    this.#teardown();
    set({ status, serverView: null, viewerCount: 0 });
  }

  async #release(): Promise<void> {
    await this.#end('ended');
    this.#recorder.close();
    this.#meter?.close();
    this.#meter = null;
    const { camTrack, micTrack } = state();
    camTrack?.stop();
    micTrack?.stop();
    set({ ...initialStudioState });
  }

  #teardown(): void {
    const live = this.#live;
    this.#live = null;
    if (!live) return;
    live.collector.stop();
    live.publisher.close();
    live.send.close();
    live.socket.disconnect();
  }
}

let client: StudioClient | null = null;

/** `?statsIntervalMs=` on the studio URL changes the 2 s default (500 ms to 10 s). */
function statsIntervalFromUrl(): number | undefined {
  const value = Number(new URLSearchParams(window.location.search).get('statsIntervalMs'));
  return Number.isFinite(value) && value >= 500 && value <= 10_000 ? value : undefined;
}

/** The page's single studio client (created in the browser on first use). */
export function getStudioClient(): StudioClient {
  client ??= new StudioClient({ statsIntervalMs: statsIntervalFromUrl() });
  return client;
}
