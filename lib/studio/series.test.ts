import { describe, expect, it } from 'vitest';
import { appendPoint, chartStateFromHistory, emptyChartState, type SeriesPoint } from './series';
import type { StreamSampleRecord } from './types';

const layers = (...kbps: number[]) => kbps.map((bitrate, i) => ({ rid: `r${i}`, bitrate, fps: 30, width: 320 * 2 ** i, height: 180 * 2 ** i }));
const point = (at: number, patch: Partial<SeriesPoint> = {}): SeriesPoint => ({
  at,
  fps: 30,
  latency: 20,
  jitter: 2,
  packetLoss: 0,
  layers: layers(100, 300, 900),
  qualityLimitationReason: 'none',
  ...patch,
});

describe('studio chart series', () => {
  it('keeps one column per layer, in rid order, 0 for a layer not sent', () => {
    let state = appendPoint(emptyChartState(), point(1000));
    state = appendPoint(state, point(3000, { layers: layers(100, 250) }));
    expect(state.series.t).toEqual([1, 3]);
    expect(state.series.layers).toEqual([
      [100, 100],
      [300, 250],
      [900, 0],
    ]);
  });

  it('drops points older than the window', () => {
    let state = emptyChartState();
    for (let at = 0; at <= 10_000; at += 2000) state = appendPoint(state, point(at), 5000);
    expect(state.series.t).toEqual([6, 8, 10]);
    expect(state.series.fps).toHaveLength(3);
  });

  it('marks a change in the number of layers and in the limitation reason, not the first point', () => {
    let state = appendPoint(emptyChartState(), point(0));
    expect(state.marks).toEqual([]);
    state = appendPoint(state, point(2000, { layers: layers(100, 300), qualityLimitationReason: 'bandwidth' }));
    expect(state.marks).toEqual([
      { t: 2, label: '2 layers' },
      { t: 2, label: 'bandwidth limited' },
    ]);
    state = appendPoint(state, point(4000, { layers: layers(100, 300), qualityLimitationReason: 'bandwidth' }));
    expect(state.marks).toHaveLength(2);
  });

  it('rebuilds the last window from stored samples', () => {
    const sample = (at: number): StreamSampleRecord => ({
      at,
      bitrate: 1300,
      fps: 29,
      width: 1280,
      height: 720,
      packetLoss: 0.5,
      latency: 12,
      jitter: 1,
      audioLevel: -30,
      uploadKbps: 2000,
      qualityLimitationReason: 'none',
      band: 'good',
      layers: layers(100, 300, 900),
    });
    const now = 400_000;
    const state = chartStateFromHistory([sample(50_000), sample(now - 4000), sample(now - 2000)], now);
    expect(state.series.t).toEqual([(now - 4000) / 1000, (now - 2000) / 1000]);
    expect(state.series.loss).toEqual([0.5, 0.5]);
  });
});
