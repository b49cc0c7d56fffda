/*
 * What a tile shows about its connection: the band, the reasons in words and
 * the numbers behind them (Jitsi's stats popover), rounded to what is shown so
 * that an unchanged display compares equal and the store is not rewritten.
 */
import { SERVER_SCORE_MAX, type ConnectionQuality, type FrameSize, type QualityInput, type QualityResult } from './connectionQuality';

export interface QualityDetails {
  /** 'send' for my own tile: these are my upload's numbers. */
  direction: 'receive' | 'send';
  /** The stream measured: the camera, or the microphone when no camera is on. */
  source: 'camera' | 'mic';
  lossPercent: number | null;
  rttMs: number | null;
  jitterMs: number | null;
  bitrateKbps: number | null;
  expectedKbps: number | null;
  codec: string | null;
  frame: FrameSize | null;
  fps: number | null;
  layer: number | null;
  wantedLayer: number | null;
  /** The server's score, 0..10. */
  serverScore: number | null;
}

export interface TileQuality {
  quality: ConnectionQuality;
  reasons: string[];
  details: QualityDetails;
}

export interface MeasuredExtras {
  direction: QualityDetails['direction'];
  source: QualityDetails['source'];
  codec: string | null;
  frame: FrameSize | null;
  fps: number | null;
  /** Said by the browser rather than derived by the scorer (send side: "limited for lack of bandwidth"). */
  extraReason?: string | null;
}

const roundTo = (value: number | null | undefined, digits = 0): number | null => {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor || 0;
};

const toKbps = (bps: number | null): number | null => roundTo(bps === null ? null : bps / 1000);

export function tileQualityOf(result: QualityResult, input: QualityInput, extras: MeasuredExtras): TileQuality {
  const reasons = result.reasons.map((r) => r.text);
  if (result.quality !== 'excellent' && extras.extraReason && !reasons.includes(extras.extraReason)) reasons.push(extras.extraReason);
  return {
    quality: result.quality,
    reasons,
    details: {
      direction: extras.direction,
      source: extras.source,
      lossPercent: roundTo(input.lossPercent, 1),
      rttMs: roundTo(input.rttMs),
      jitterMs: roundTo(input.jitterMs),
      bitrateKbps: toKbps(input.bitrateBps),
      expectedKbps: toKbps(input.expectedBitrateBps || null),
      codec: extras.codec,
      frame: extras.frame,
      fps: roundTo(extras.fps),
      layer: input.layer,
      wantedLayer: input.wantedLayer,
      serverScore: roundTo(input.serverScore),
    },
  };
}

/** Equal as displayed: same band, reasons and rounded numbers. */
export function sameTileQuality(a: TileQuality | null | undefined, b: TileQuality | null | undefined): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface DetailRow {
  label: string;
  value: string;
}

const sizeText = (frame: FrameSize): string => `${frame.width}×${frame.height}`;

function bitrateText(d: QualityDetails): string | null {
  if (d.bitrateKbps === null) return null;
  return d.expectedKbps ? `${d.bitrateKbps} of ${d.expectedKbps} kbps` : `${d.bitrateKbps} kbps`;
}

function layerText(d: QualityDetails): string | null {
  if (d.layer === null || d.wantedLayer === null) return null;
  // Layers are 0-based on the wire; people count from 1.
  return d.direction === 'send'
    ? `${d.layer + 1} of ${d.wantedLayer + 1} sent`
    : `${d.layer + 1} (wanted ${d.wantedLayer + 1})`;
}

/** The popover's table, in Jitsi's order; unknown values are left out. */
export function detailRows(d: QualityDetails): DetailRow[] {
  const rows: [string, string | null][] = [
    ['Packet loss', d.lossPercent === null ? null : `${d.lossPercent} %`],
    ['Round trip', d.rttMs === null ? null : `${d.rttMs} ms`],
    ['Jitter', d.jitterMs === null ? null : `${d.jitterMs} ms`],
    [d.direction === 'send' ? 'Upload' : 'Download', bitrateText(d)],
    ['Layer', layerText(d)],
    ['Codec', d.codec],
    ['Resolution', d.frame ? sizeText(d.frame) : null],
    ['Frame rate', d.fps === null ? null : `${d.fps} fps`],
    ['Server score', d.serverScore === null ? null : `${d.serverScore} / ${SERVER_SCORE_MAX}`],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== null).map(([label, value]) => ({ label, value }));
}

/**
 * The stream a peer's tile is judged on: the live camera, else the live
 * microphone, else a paused one (which rates excellent: nothing is expected).
 * Screen shares have their own tile and are not measured.
 */
export function measuredStream<T extends { source: string; paused: boolean }>(streams: readonly T[]): T | undefined {
  const rank = (s: T): number => (s.source === 'camera' ? 0 : 1) + (s.paused ? 2 : 0);
  return streams
    .filter((s) => s.source === 'camera' || s.source === 'mic')
    .reduce<T | undefined>((best, s) => (best === undefined || rank(s) < rank(best) ? s : best), undefined);
}

/**
 * `next`, keeping `previous`'s object for every peer shown the same, so a
 * tile whose numbers did not change does not re-render; null when nothing
 * changed at all (no store write).
 */
export function mergeTileQualities(
  previous: Readonly<Record<string, TileQuality>>,
  next: Readonly<Record<string, TileQuality>>,
): Record<string, TileQuality> | null {
  let changed = Object.keys(previous).length !== Object.keys(next).length;
  const merged: Record<string, TileQuality> = {};
  for (const [peerId, quality] of Object.entries(next)) {
    const old = previous[peerId];
    if (sameTileQuality(old, quality)) merged[peerId] = old;
    else {
      merged[peerId] = quality;
      changed = true;
    }
  }
  return changed ? merged : null;
}
