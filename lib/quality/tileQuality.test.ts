import { describe, expect, it } from 'vitest';
import type { QualityInput, QualityResult } from './connectionQuality';
import { detailRows, measuredStream, mergeTileQualities, sameTileQuality, tileQualityOf, type MeasuredExtras, type TileQuality } from './tileQuality';

const INPUT: QualityInput = {
  lossPercent: 12.345,
  rttMs: 41.6,
  jitterMs: 3.2,
  bitrateBps: 180_400,
  expectedBitrateBps: 900_000,
  layer: 0,
  wantedLayer: 2,
  serverScore: 9,
};

const POOR: QualityResult = {
  quality: 'poor',
  score: 1.4,
  reasons: [
    { kind: 'bitrate', text: 'Receiving 180 kbps of an expected 900 kbps' },
    { kind: 'loss', text: '12.3 % packet loss' },
  ],
};

const EXTRAS: MeasuredExtras = { direction: 'receive', source: 'camera', codec: 'VP8', frame: { width: 320, height: 180 }, fps: 14.6 };

describe('tileQualityOf', () => {
  it('keeps the band and reasons and rounds the numbers to what is shown', () => {
    const tile = tileQualityOf(POOR, INPUT, EXTRAS);
    expect(tile.quality).toBe('poor');
    expect(tile.reasons).toEqual(['Receiving 180 kbps of an expected 900 kbps', '12.3 % packet loss']);
    expect(tile.details).toEqual({
      direction: 'receive',
      source: 'camera',
      lossPercent: 12.3,
      rttMs: 42,
      jitterMs: 3,
      bitrateKbps: 180,
      expectedKbps: 900,
      codec: 'VP8',
      frame: { width: 320, height: 180 },
      fps: 15,
      layer: 0,
      wantedLayer: 2,
      serverScore: 9,
    });
  });

  it("adds the browser's own explanation only while below excellent, once", () => {
    const extras = { ...EXTRAS, extraReason: 'The browser limits the video for lack of bandwidth' };
    expect(tileQualityOf(POOR, INPUT, extras).reasons.at(-1)).toBe(extras.extraReason);
    expect(tileQualityOf({ quality: 'excellent', score: 4.4, reasons: [] }, INPUT, extras).reasons).toEqual([]);
    const already = { ...POOR, reasons: [{ kind: 'bitrate' as const, text: extras.extraReason }] };
    expect(tileQualityOf(already, INPUT, extras).reasons).toEqual([extras.extraReason]);
  });

  it('leaves unknown and non-finite numbers out as null', () => {
    const unknown = { ...INPUT, rttMs: null, jitterMs: Number.NaN, expectedBitrateBps: 0, serverScore: undefined };
    const { details } = tileQualityOf(POOR, unknown, { ...EXTRAS, fps: null });
    expect(details).toMatchObject({ rttMs: null, jitterMs: null, expectedKbps: null, serverScore: null, fps: null });
  });
});

describe('sameTileQuality', () => {
  it('is equal as displayed, and tells a changed number apart', () => {
    const a = tileQualityOf(POOR, INPUT, EXTRAS);
    expect(sameTileQuality(a, tileQualityOf(POOR, { ...INPUT, rttMs: 41.9 }, EXTRAS))).toBe(true);
    expect(sameTileQuality(a, tileQualityOf(POOR, { ...INPUT, rttMs: 60 }, EXTRAS))).toBe(false);
    expect(sameTileQuality(a, { ...a, quality: 'good' })).toBe(false);
    expect(sameTileQuality(null, null)).toBe(true);
    expect(sameTileQuality(a, null)).toBe(false);
  });
});

describe('detailRows', () => {
  it("lists Jitsi's numbers in words, layers counted from 1", () => {
    expect(detailRows(tileQualityOf(POOR, INPUT, EXTRAS).details)).toEqual([
      { label: 'Packet loss', value: '12.3 %' },
      { label: 'Round trip', value: '42 ms' },
      { label: 'Jitter', value: '3 ms' },
      { label: 'Download', value: '180 of 900 kbps' },
      { label: 'Layer', value: '1 (wanted 3)' },
      { label: 'Codec', value: 'VP8' },
      { label: 'Resolution', value: '320×180' },
      { label: 'Frame rate', value: '15 fps' },
      { label: 'Server score', value: '9 / 10' },
    ]);
  });

  it('speaks of upload and layers sent for my own stream, and leaves unknowns out', () => {
    const mine = tileQualityOf(POOR, { ...INPUT, serverScore: null, rttMs: null }, { ...EXTRAS, direction: 'send' }).details;
    const rows = detailRows(mine);
    expect(rows.map((r) => r.label)).toEqual(['Packet loss', 'Jitter', 'Upload', 'Layer', 'Codec', 'Resolution', 'Frame rate']);
    expect(rows.find((r) => r.label === 'Layer')?.value).toBe('1 of 3 sent');
    const audio = tileQualityOf(POOR, { ...INPUT, expectedBitrateBps: null }, { ...EXTRAS, frame: null, fps: null, codec: 'opus' }).details;
    expect(detailRows(audio).find((r) => r.label === 'Download')?.value).toBe('180 kbps');
  });
});

describe('measuredStream', () => {
  const s = (source: string, paused: boolean) => ({ source, paused });
  it('prefers the live camera, then the live mic, then a paused one, and never a screen share', () => {
    expect(measuredStream([s('mic', false), s('camera', false)])).toEqual(s('camera', false));
    expect(measuredStream([s('camera', true), s('mic', false)])).toEqual(s('mic', false));
    expect(measuredStream([s('mic', true), s('camera', true)])).toEqual(s('camera', true));
    expect(measuredStream([s('screen', false)])).toBeUndefined();
    expect(measuredStream([])).toBeUndefined();
  });
});

describe('mergeTileQualities', () => {
  const poor = tileQualityOf(POOR, INPUT, EXTRAS);
  const good: TileQuality = { ...poor, quality: 'good' };

  it('returns null when nothing shown changed, and keeps unchanged objects', () => {
    expect(mergeTileQualities({ a: poor }, { a: tileQualityOf(POOR, INPUT, EXTRAS) })).toBeNull();
    const merged = mergeTileQualities({ a: poor, b: poor }, { a: tileQualityOf(POOR, INPUT, EXTRAS), b: good });
    expect(merged?.a).toBe(poor);
    expect(merged?.b).toBe(good);
  });

  it('notices peers that came and went, even at the same count', () => {
    expect(mergeTileQualities({ a: poor }, {})).toEqual({});
    expect(mergeTileQualities({}, { a: poor })).toEqual({ a: poor });
    expect(mergeTileQualities({ a: poor }, { b: poor })).toEqual({ b: poor });
  });
});
