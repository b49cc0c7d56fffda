import { describe, expect, it } from 'vitest';
import { BAND_LABEL, qualityBand } from './quality';

const GOOD = { packetLoss: 0, latency: 20, fps: 30 };

describe('qualityBand', () => {
  it('is good with no reasons when every metric is good', () => {
    expect(qualityBand(GOOD)).toEqual({ band: 'good', reasons: [] });
  });

  it.each([
    [0.99, 'good'],
    [1, 'fair'],
    [3, 'fair'],
    [3.01, 'poor'],
  ] as const)('packet loss %s %% is %s', (packetLoss, band) => {
    expect(qualityBand({ ...GOOD, packetLoss }).band).toBe(band);
  });

  it.each([
    [99.9, 'good'],
    [100, 'fair'],
    [200, 'fair'],
    [200.1, 'poor'],
  ] as const)('RTT %s ms is %s', (latency, band) => {
    expect(qualityBand({ ...GOOD, latency }).band).toBe(band);
  });

  it.each([
    [25, 'good'],
    [24.9, 'fair'],
    [20, 'fair'],
    [19.9, 'poor'],
  ] as const)('%s fps is %s', (fps, band) => {
    expect(qualityBand({ ...GOOD, fps }).band).toBe(band);
  });

  it('takes the worst of the three metrics', () => {
    expect(qualityBand({ packetLoss: 2, latency: 250, fps: 30 }).band).toBe('poor');
    expect(qualityBand({ packetLoss: 5, latency: 20, fps: 22 }).band).toBe('poor');
    expect(qualityBand({ packetLoss: 0, latency: 150, fps: 22 }).band).toBe('fair');
  });

  it('lists every metric that is not good, in words with the number and the goal', () => {
    expect(qualityBand({ packetLoss: 2.1, latency: 150, fps: 22 }).reasons).toEqual([
      'Packet loss 2.1 % (good is under 1 %)',
      'Round-trip time 150 ms (good is under 100 ms)',
      'Frame rate 22 fps (good is 25 fps or more)',
    ]);
  });

  it('names only the metrics that are not good', () => {
    expect(qualityBand({ ...GOOD, latency: 250 }).reasons).toEqual(['Round-trip time 250 ms (good is under 100 ms)']);
  });

  it('prints a value just past an edge without rounding it onto the edge', () => {
    expect(qualityBand({ ...GOOD, packetLoss: 3.01 }).reasons).toEqual(['Packet loss 3.01 % (good is under 1 %)']);
  });
});

describe('BAND_LABEL', () => {
  it('labels each band', () => {
    expect(BAND_LABEL).toEqual({ good: 'Good', fair: 'Fair', poor: 'Poor' });
  });
});
