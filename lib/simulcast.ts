/*
 * Camera simulcast (SPEC 2): three VP8 encodings at 1/4, 1/2 and full
 * resolution, and the rule that picks which of them a remote tile needs.
 */

/** mediasoup-client names the encodings itself (r0, r1, r2), so no rid here. */
export interface SimulcastEncoding {
  scaleResolutionDownBy: number;
  maxBitrate: number;
}

export const CAMERA_ENCODINGS: readonly SimulcastEncoding[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 100_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 900_000 },
];

/** The camera capture we ask for; the top layer has this size. */
export const CAMERA_CAPTURE = { width: 1280, height: 720, frameRate: 30 } as const;

/** How much a layer may be stretched before the next one up is worth its bandwidth. */
const MAX_UPSCALE = 1.25;

export interface TileSize {
  /** CSS pixels. */
  width: number;
  height: number;
  /** window.devicePixelRatio; 1 when unknown. */
  pixelRatio?: number;
}

/**
 * The lowest spatial layer that covers the tile without stretching a layer by
 * more than MAX_UPSCALE; the top layer when none does. A hidden (0-size) tile
 * gets the lowest layer.
 */
export function pickSpatialLayer(
  tile: TileSize,
  source: { width: number; height: number } = CAMERA_CAPTURE,
  encodings: readonly Pick<SimulcastEncoding, 'scaleResolutionDownBy'>[] = CAMERA_ENCODINGS,
): number {
  const ratio = tile.pixelRatio && tile.pixelRatio > 0 ? tile.pixelRatio : 1;
  const needW = tile.width * ratio;
  const needH = tile.height * ratio;
  for (let layer = 0; layer < encodings.length; layer++) {
    const scale = encodings[layer].scaleResolutionDownBy;
    const stretch = Math.max(needW / (source.width / scale), needH / (source.height / scale));
    if (stretch <= MAX_UPSCALE) return layer;
  }
  return encodings.length - 1;
}
