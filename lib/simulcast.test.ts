import { describe, expect, it } from 'vitest';
import { CAMERA_CAPTURE, CAMERA_ENCODINGS, pickSpatialLayer } from './simulcast';

describe('CAMERA_ENCODINGS', () => {
  it('has three layers scaled down by 4/2/1', () => {
    expect(CAMERA_ENCODINGS.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
  });

  it('has strictly increasing positive maxBitrate', () => {
    const rates = CAMERA_ENCODINGS.map((e) => e.maxBitrate);
    expect(rates[0]).toBeGreaterThan(0);
    expect(rates[1]).toBeGreaterThan(rates[0]);
    expect(rates[2]).toBeGreaterThan(rates[1]);
  });

  it('captures 1280x720', () => {
    expect(CAMERA_CAPTURE).toMatchObject({ width: 1280, height: 720 });
  });
});

describe('pickSpatialLayer (default camera source)', () => {
  it.each([
    [160, 90, 0],
    [320, 180, 0],
    [400, 225, 0], // exactly 1.25x the 320x180 layer
    [401, 225, 1],
    [640, 360, 1],
    [800, 450, 1], // exactly 1.25x the 640x360 layer
    [801, 450, 2],
    [1200, 675, 2],
    [1280, 720, 2],
  ])('a %ix%i tile → layer %i', (width, height, layer) => {
    expect(pickSpatialLayer({ width, height })).toBe(layer);
  });

  it('uses the larger of the two stretches (tall tile)', () => {
    // Width fits the low layer, height needs the middle one.
    expect(pickSpatialLayer({ width: 100, height: 300 })).toBe(1);
  });

  it('gives the top layer to a tile bigger than the source', () => {
    expect(pickSpatialLayer({ width: 3840, height: 2160 })).toBe(2);
  });

  it('gives the lowest layer to a hidden 0x0 tile', () => {
    expect(pickSpatialLayer({ width: 0, height: 0 })).toBe(0);
  });

  it('raises the choice with devicePixelRatio', () => {
    expect(pickSpatialLayer({ width: 320, height: 180, pixelRatio: 1 })).toBe(0);
    expect(pickSpatialLayer({ width: 320, height: 180, pixelRatio: 2 })).toBe(1);
    expect(pickSpatialLayer({ width: 640, height: 360, pixelRatio: 2 })).toBe(2);
  });

  it('treats a missing, zero or negative pixelRatio as 1', () => {
    expect(pickSpatialLayer({ width: 320, height: 180 })).toBe(0);
    expect(pickSpatialLayer({ width: 320, height: 180, pixelRatio: 0 })).toBe(0);
    expect(pickSpatialLayer({ width: 320, height: 180, pixelRatio: -2 })).toBe(0);
  });
});

describe('pickSpatialLayer (custom source and encodings)', () => {
  it('scales against the given source size', () => {
    const source = { width: 640, height: 480 };
    // Layers: 160x120, 320x240, 640x480.
    expect(pickSpatialLayer({ width: 200, height: 150 }, source)).toBe(0);
    expect(pickSpatialLayer({ width: 300, height: 225 }, source)).toBe(1);
    expect(pickSpatialLayer({ width: 640, height: 480 }, source)).toBe(2);
  });

  it('uses the given encodings and returns the last index when none is enough', () => {
    const encodings = [{ scaleResolutionDownBy: 2 }, { scaleResolutionDownBy: 1 }];
    expect(pickSpatialLayer({ width: 640, height: 360 }, CAMERA_CAPTURE, encodings)).toBe(0);
    expect(pickSpatialLayer({ width: 1000, height: 560 }, CAMERA_CAPTURE, encodings)).toBe(1);
    expect(pickSpatialLayer({ width: 4000, height: 2000 }, CAMERA_CAPTURE, encodings)).toBe(1);
  });

  it('works with a single encoding', () => {
    expect(pickSpatialLayer({ width: 4000, height: 4000 }, CAMERA_CAPTURE, [{ scaleResolutionDownBy: 1 }])).toBe(0);
  });
});
