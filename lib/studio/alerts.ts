/*
 * SPEC 4 alerts: packet loss, frame rate and bitrate drops. Each alert is an
 * edge, not a level: it is raised when its condition starts and re-armed only
 * once the condition clears, so a stream that stays bad is not flooded with
 * the same alert every 2 s sample. The state is plain data so the server can
 * keep one per stream and the browser can run the same rules.
 */
import type { AlertType, StreamAlert, StreamStats } from './types';

export interface AlertSettings {
  /** Packet loss above this (%) raises high-loss. */
  lossPercent: number;
  /** Frame rate below this raises low-fps. */
  minFps: number;
  /** A bitrate below this share of the recent average raises bitrate-drop. */
  dropRatio: number;
  /** How many previous samples make up the recent average (15 × 2 s = 30 s). */
  window: number;
  /** Previous samples needed before a drop can be judged at all. */
  minSamples: number;
  /** Below this recent average (kbps) drops are start-up noise, not news. */
  minAverageKbps: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  lossPercent: 5,
  minFps: 20,
  dropRatio: 0.5,
  window: 15,
  minSamples: 3,
  minAverageKbps: 50,
};

/** Loss above this (%) makes high-loss an error rather than a warning. */
const ERROR_LOSS_PERCENT = 10;

export interface AlertState {
  /** Which conditions are currently true (and so already alerted). */
  active: Record<AlertType, boolean>;
  /** The recent bitrates (kbps, oldest first) that form the drop baseline. */
  bitrates: number[];
}

export interface AlertInput {
  streamId: string;
  stats: StreamStats;
  at: number;
  makeId: () => string;
}

/** What one rule found in one sample; `active: null` means "cannot tell, keep as is". */
type Finding = { active: boolean | null; alert?: Omit<StreamAlert, 'id' | 'streamId' | 'at' | 'type'> };

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function initialState(): AlertState {
  return { active: { 'high-loss': false, 'low-fps': false, 'bitrate-drop': false }, bitrates: [] };
}

function checkLoss(stats: StreamStats, settings: AlertSettings): Finding {
  const loss = stats.packetLoss;
  if (!(loss > settings.lossPercent)) return { active: false };
  return {
    active: true,
    alert: {
      severity: loss > ERROR_LOSS_PERCENT ? 'error' : 'warning',
      message: `Packet loss ${number.format(loss)} % is above ${number.format(settings.lossPercent)} %`,
      value: loss,
      threshold: settings.lossPercent,
    },
  };
}

/** No layers and no bitrate means video has not started yet: fps 0 is expected, not a fault. */
function videoNotSending(stats: StreamStats): boolean {
  return stats.layers.length === 0 && stats.bitrate === 0;
}

function checkFps(stats: StreamStats, settings: AlertSettings): Finding {
  if (videoNotSending(stats)) return { active: null };
  if (!(stats.fps < settings.minFps)) return { active: false };
  return {
    active: true,
    alert: {
      severity: 'warning',
      message: `Frame rate ${number.format(stats.fps)} fps is below ${number.format(settings.minFps)} fps`,
      value: stats.fps,
      threshold: settings.minFps,
    },
  };
}

function average(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** "half" reads better than "50 %" for the default ratio. */
function ratioWords(ratio: number): string {
  return ratio === 0.5 ? 'half' : `${number.format(ratio * 100)} %`;
}

function checkDrop(stats: StreamStats, baseline: number[], settings: AlertSettings): Finding {
  if (baseline.length < settings.minSamples) return { active: false };
  const recent = average(baseline);
  if (!(recent > settings.minAverageKbps)) return { active: false };
  const threshold = recent * settings.dropRatio;
  if (!(stats.bitrate < threshold)) return { active: false };
  return {
    active: true,
    alert: {
      severity: 'warning',
      message:
        `Bitrate fell to ${number.format(Math.round(stats.bitrate))} kbps, ` +
        `less than ${ratioWords(settings.dropRatio)} of the recent ${number.format(Math.round(recent))} kbps`,
      value: stats.bitrate,
      threshold,
    },
  };
}

/**
 * Keeps the baseline at the pre-drop level: a dropped sample never joins it,
 * otherwise a long drop would drag the average down until it no longer looks
 * like a drop, and recovery would not clear the alert against the old level.
 */
function nextBaseline(baseline: number[], bitrate: number, dropping: boolean, settings: AlertSettings): number[] {
  if (dropping) return baseline;
  return [...baseline, bitrate].slice(-settings.window);
}

export function evaluateAlerts(
  state: AlertState | null,
  input: AlertInput,
  settings: AlertSettings = DEFAULT_ALERT_SETTINGS,
): { state: AlertState; raised: StreamAlert[] } {
  const previous = state ?? initialState();
  const findings: [AlertType, Finding][] = [
    ['high-loss', checkLoss(input.stats, settings)],
    ['low-fps', checkFps(input.stats, settings)],
    ['bitrate-drop', checkDrop(input.stats, previous.bitrates, settings)],
  ];
  const active = { ...previous.active };
  const raised: StreamAlert[] = [];
  for (const [type, finding] of findings) {
    if (finding.active === null) continue;
    // Raise only on the false → true edge; a condition that persists stays quiet.
    if (finding.active && !active[type] && finding.alert) {
      raised.push({ id: input.makeId(), streamId: input.streamId, type, at: input.at, ...finding.alert });
    }
    active[type] = finding.active;
  }
  const bitrates = nextBaseline(previous.bitrates, input.stats.bitrate, active['bitrate-drop'], settings);
  return { state: { active, bitrates }, raised };
}
