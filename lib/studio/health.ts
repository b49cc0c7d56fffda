/*
 * YouTube Live's health model for the studio: instead of a bare band, say what
 * limits the stream (network, encoder or camera), how badly, why in numbers,
 * and what the streamer can do about it. Pure: time comes in as `now`.
 */
import type { IssueType, QualityBand, StreamIssue, StreamStats } from './types';

export type DetectedIssue = Omit<StreamIssue, 'firstSeenAt'>;

export interface HealthContext {
  /** Frame rate the camera was asked for. */
  targetFps: number;
  /** Bitrate the encoder wants, kbps; defaults to `stats.targetBitrate`. */
  targetBitrate?: number;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const fmt = (value: number) => number.format(value);

const FIX = {
  network: 'Use a wired connection or close other uploads',
  rtt: 'Use a wired connection and turn off any VPN',
  bandwidth: 'Close other uploads or lower the resolution',
  cpu: 'Close other apps or lower the resolution',
  source: 'Improve the lighting or pick a camera mode with a higher frame rate',
};

/** Higher is worse: nothing below `warn`, a warning from `warn`, critical above `critical`. */
function severityAbove(value: number, warn: number, critical: number): StreamIssue['severity'] | null {
  if (value > critical) return 'critical';
  return value >= warn ? 'warning' : null;
}

function lossIssue(stats: StreamStats): DetectedIssue | null {
  const severity = severityAbove(stats.packetLoss, 1, 3);
  if (!severity) return null;
  return { key: 'network:loss', type: 'network', severity, reason: `Packet loss ${fmt(stats.packetLoss)} %`, fix: FIX.network };
}

function rttIssue(stats: StreamStats): DetectedIssue | null {
  const severity = severityAbove(stats.latency, 100, 200);
  if (!severity) return null;
  return { key: 'network:rtt', type: 'network', severity, reason: `Round-trip time ${fmt(stats.latency)} ms`, fix: FIX.rtt };
}

/**
 * The measured upload is the clearest evidence, so it gives the reason when it
 * is short; otherwise the browser's own "bandwidth" limitation is the signal.
 * Less than half the wanted rate is critical: the picture visibly degrades.
 */
function bandwidthIssue(stats: StreamStats, context: HealthContext): DetectedIssue | null {
  const upload = stats.bandwidth.upload;
  const target = context.targetBitrate ?? stats.targetBitrate;
  const base = { key: 'network:bandwidth', type: 'network' as const, fix: FIX.bandwidth };
  if (upload > 0 && target !== undefined && upload < target) {
    return {
      ...base,
      severity: upload < target / 2 ? 'critical' : 'warning',
      reason: `Upload bandwidth ${fmt(Math.round(upload))} kbps is below the ${fmt(Math.round(target))} kbps the encoder wants`,
    };
  }
  if (stats.qualityLimitationReason !== 'bandwidth') return null;
  return { ...base, severity: 'warning', reason: 'The browser lowers the quality for lack of upload bandwidth' };
}

function cpuIssue(stats: StreamStats): DetectedIssue | null {
  if (stats.qualityLimitationReason !== 'cpu') return null;
  return {
    key: 'encoder:cpu',
    type: 'encoder',
    severity: 'warning',
    reason: 'The browser lowers the quality because the computer is too busy',
    fix: FIX.cpu,
  };
}

/** Each frame must be encoded within 1000 / fps ms; past 75 % of that the encoder has no headroom. */
function encodeTimeIssue(stats: StreamStats, context: HealthContext): DetectedIssue | null {
  if (stats.encodeTimeMs === undefined || !(context.targetFps > 0)) return null;
  const budget = 1000 / context.targetFps;
  const share = stats.encodeTimeMs / budget;
  const severity = share > 1 ? 'critical' : share > 0.75 ? 'warning' : null;
  if (!severity) return null;
  return {
    key: 'encoder:encode-time',
    type: 'encoder',
    severity,
    reason:
      `Encoding takes ${fmt(stats.encodeTimeMs)} ms per frame, ${fmt(Math.round(share * 100))} % ` +
      `of the ${fmt(budget)} ms a frame may take at ${fmt(context.targetFps)} fps`,
    fix: FIX.cpu,
  };
}

function sendingVideo(stats: StreamStats): boolean {
  return stats.layers.some((layer) => layer.active !== false);
}

/**
 * A slow camera shows as a low frame rate with no encoder limitation; when the
 * browser reports one, that limitation explains the frame rate instead.
 */
function sourceFpsIssue(stats: StreamStats, context: HealthContext): DetectedIssue | null {
  if (!sendingVideo(stats) || stats.qualityLimitationReason !== 'none' || !(context.targetFps > 0)) return null;
  const share = stats.fps / context.targetFps;
  const severity = share < 0.5 ? 'critical' : share < 0.9 ? 'warning' : null;
  if (!severity) return null;
  return {
    key: 'source:fps',
    type: 'source',
    severity,
    reason: `The camera delivers ${fmt(stats.fps)} fps of the ${fmt(context.targetFps)} fps asked for`,
    fix: FIX.source,
  };
}

const TYPE_ORDER: Record<IssueType, number> = { network: 0, encoder: 1, source: 2 };
const SEVERITY_ORDER: Record<StreamIssue['severity'], number> = { critical: 0, warning: 1 };

/** Critical first, then network → encoder → source: upstream causes explain downstream symptoms. */
function compareIssues(a: DetectedIssue, b: DetectedIssue): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
}

export function detectIssues(stats: StreamStats, context: HealthContext): DetectedIssue[] {
  const found = [
    lossIssue(stats),
    rttIssue(stats),
    bandwidthIssue(stats, context),
    cpuIssue(stats),
    encodeTimeIssue(stats, context),
    sourceFpsIssue(stats, context),
  ];
  return found.filter((issue): issue is DetectedIssue => issue !== null).sort(compareIssues);
}

/** Keeps when each condition was first seen, so the studio can say "for 2 min"; gone keys start over. */
export function trackIssues(previous: StreamIssue[], current: DetectedIssue[], now: number): StreamIssue[] {
  const seen = new Map(previous.map((issue) => [issue.key, issue.firstSeenAt]));
  return current.map((issue) => ({ ...issue, firstSeenAt: seen.get(issue.key) ?? now }));
}

const CULPRIT: Record<IssueType, string> = {
  network: 'Your network',
  encoder: 'Your computer',
  source: 'Your camera',
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One sentence from the top issue; the band only matters when no single cause was found. */
export function headline(issues: StreamIssue[], band: QualityBand): string {
  const [top] = [...issues].sort(compareIssues);
  if (top) return `${CULPRIT[top.type]} limits the stream: ${lowerFirst(top.reason)}. ${top.fix}.`;
  if (band === 'good') return 'Your stream is healthy: nothing limits it right now.';
  return `Your stream is ${band}, but no single cause stands out right now.`;
}
