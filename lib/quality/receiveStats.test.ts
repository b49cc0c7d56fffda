import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAMERA_ENCODINGS } from '@/lib/simulcast';
import type { StatsEntry } from '@/lib/studio/sendStats';
import { instantScore, qualityBand } from './connectionQuality';
import { convertInbound, findInbound, receiveQualityInput, type InboundSample, type ReceiveContext, type StreamMatch } from './receiveStats';

/*
 * Fixtures: getStats() reports of a real receive transport in Debian's
 * Chromium (Bob receiving Alice's VP8 simulcast camera and Opus mic through
 * the SFU, plus mediasoup's "probator" stream), ~2 s apart: two while Alice
 * sent freely, two while her encodings were capped at 30 kbps. Expected values
 * are computed here from the entries, so a wrong field or formula fails.
 */
const load = (name: string): StatsEntry[] => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const free1 = load('chromium-recv-1.json');
const free2 = load('chromium-recv-2.json');
const capped1 = load('chromium-recv-capped-1.json');
const capped2 = load('chromium-recv-capped-2.json');

const n = (e: StatsEntry | undefined, key: string): number => {
  const v = e?.[key];
  if (typeof v !== 'number') throw new Error(`fixture entry ${e?.id} has no numeric ${key}`);
  return v;
};
const camera = (r: StatsEntry[]) => r.find((e) => e.type === 'inbound-rtp' && e.kind === 'video' && e.mid !== 'probator')!;
const mic = (r: StatsEntry[]) => r.find((e) => e.type === 'inbound-rtp' && e.kind === 'audio')!;
const cameraMatch = { trackId: String(camera(free1).trackIdentifier), mid: String(camera(free1).mid) };

/** Replays two reports: the first only gives the baseline. */
function between(a: StatsEntry[], b: StatsEntry[], match: StreamMatch = cameraMatch) {
  const first = convertInbound(a, match, null);
  return { first: first.sample, ...convertInbound(b, match, first.counters) };
}

const settledTop: ReceiveContext = {
  paused: false,
  layer: 2,
  layerSettled: true,
  requestedLayer: 2,
  serverScore: 10,
  encodings: CAMERA_ENCODINGS,
};

describe('findInbound', () => {
  it("finds a consumer's inbound-rtp by track id, else by mid, and never the probator", () => {
    expect(findInbound(free1, cameraMatch)?.id).toBe(camera(free1).id);
    expect(findInbound(free1, { mid: cameraMatch.mid })?.id).toBe(camera(free1).id);
    expect(findInbound(free1, { trackId: 'gone', mid: String(mic(free1).mid) })?.id).toBe(mic(free1).id);
    expect(findInbound(free1, { trackId: 'gone' })).toBeUndefined();
  });
});

describe('convertInbound', () => {
  it('turns two real reports into the interval’s rates', () => {
    const { first, sample } = between(free1, free2);
    const [a, b] = [camera(free1), camera(free2)];
    const ms = b.timestamp - a.timestamp;
    expect(first.bitrateBps).toBeNull();
    expect(first.packetsReceived).toBeNull();
    expect(sample.bitrateBps).toBeCloseTo(((n(b, 'bytesReceived') - n(a, 'bytesReceived')) * 8 * 1000) / ms, 6);
    expect(sample.packetsReceived).toBe(n(b, 'packetsReceived') - n(a, 'packetsReceived'));
    expect(sample.lossPercent).toBe(0);
    expect(sample.jitterMs).toBeCloseTo(n(b, 'jitter') * 1000, 6);
    expect(sample.codec).toBe('VP8');
    expect(sample.frame).toEqual({ width: n(b, 'frameWidth'), height: n(b, 'frameHeight') });
    expect(sample.fps).toBe(n(b, 'framesPerSecond'));
    const pair = free2.find((e) => e.type === 'candidate-pair')!;
    expect(sample.rttMs).toBeCloseTo(n(pair, 'currentRoundTripTime') * 1000, 6);
  });

  it('reads the microphone the same way', () => {
    const { sample } = between(free1, free2, { trackId: String(mic(free1).trackIdentifier) });
    expect(sample.codec).toBe('opus');
    expect(sample.frame).toBeNull();
    expect(sample.fps).toBeNull();
    expect(sample.packetsReceived).toBe(n(mic(free2), 'packetsReceived') - n(mic(free1), 'packetsReceived'));
  });

  it('computes loss as lost / (lost + received) over the interval', () => {
    const grown = structuredClone(free2);
    const entry = camera(grown);
    const received = n(entry, 'packetsReceived') - n(camera(free1), 'packetsReceived');
    entry.packetsLost = n(camera(free1), 'packetsLost') + received / 3;
    const { sample } = between(free1, grown);
    expect(sample.lossPercent).toBeCloseTo(25, 6);
  });

  it('counts a falling packetsLost (late duplicates) as no loss', () => {
    const later = structuredClone(free2);
    camera(later).packetsLost = -4;
    expect(between(free1, later).sample.lossPercent).toBe(0);
  });

  it('takes counters that went back, or another stream id, as a new baseline, not a rate', () => {
    const restarted = structuredClone(free2);
    camera(restarted).bytesReceived = 10;
    camera(restarted).packetsReceived = 2;
    const reset = between(free1, restarted);
    expect(reset.sample.bitrateBps).toBeNull();
    expect(reset.sample.packetsReceived).toBeNull();
    expect(reset.counters?.bytesReceived).toBe(10);

    const renamed = structuredClone(free2);
    camera(renamed).id = 'IT01V-other';
    expect(between(free1, renamed).sample.bitrateBps).toBeNull();

    const sameTime = structuredClone(free2);
    camera(sameTime).timestamp = camera(free1).timestamp;
    expect(between(free1, sameTime).sample.bitrateBps).toBeNull();
  });

  it('gives nulls, not zeros or NaN, for missing fields and a missing stream', () => {
    const { sample } = between(capped1, capped2);
    expect(camera(capped2).framesPerSecond).toBeUndefined();
    expect(sample.fps).toBeNull();

    const bare = structuredClone(free2);
    for (const key of ['jitter', 'frameWidth', 'codecId', 'packetsLost']) delete camera(bare)[key];
    const partial = between(free1, bare).sample;
    expect(partial).toMatchObject({ jitterMs: null, frame: null, codec: null, lossPercent: 0 });

    // No stream of that track: only the transport's RTT is still known.
    const none = convertInbound(free2, { trackId: 'gone' }, null);
    expect(none.counters).toBeNull();
    expect(none.sample).toEqual({
      lossPercent: null,
      bitrateBps: null,
      packetsReceived: null,
      jitterMs: null,
      rttMs: 0,
      codec: null,
      frame: null,
      fps: null,
    });
  });
});

describe('receiveQualityInput', () => {
  const sampleOf = (a: StatsEntry[], b: StatsEntry[]): InboundSample => between(a, b).sample;

  it('rates the free-flowing real stream excellent and the capped one poor, for its bitrate', () => {
    const free = receiveQualityInput(sampleOf(free1, free2), settledTop);
    expect(free.expectedBitrateBps).toBe(CAMERA_ENCODINGS[2].maxBitrate);
    expect(qualityBand(instantScore(free).score)).toBe('excellent');

    const capped = instantScore(receiveQualityInput(sampleOf(capped1, capped2), settledTop));
    expect(qualityBand(capped.score)).toBe('poor');
    expect(capped.reasons.map((r) => r.kind)).toContain('bitrate');
    expect(capped.reasons.find((r) => r.kind === 'bitrate')?.text).toMatch(/^Receiving \d+ kbps of an expected 900 kbps$/);
  });

  it('expects the received layer’s bitrate only once that layer held for the whole interval', () => {
    const sample = sampleOf(capped1, capped2);
    expect(receiveQualityInput(sample, { ...settledTop, layer: 0 }).expectedBitrateBps).toBe(CAMERA_ENCODINGS[0].maxBitrate);
    expect(receiveQualityInput(sample, { ...settledTop, layerSettled: false }).expectedBitrateBps).toBeNull();
    expect(receiveQualityInput(sample, { ...settledTop, layer: null }).expectedBitrateBps).toBeNull();
  });

  it('wants the requested layer, or the top one when none was asked, and names the sizes of a low one', () => {
    const sample = { ...sampleOf(free1, free2), frame: { width: 320, height: 180 } };
    const low = receiveQualityInput(sample, { ...settledTop, layer: 0, requestedLayer: null });
    expect(low).toMatchObject({ layer: 0, wantedLayer: 2, layerSize: { width: 320, height: 180 }, wantedLayerSize: { width: 1280, height: 720 } });
    expect(instantScore(low).reasons.map((r) => r.text)).toContain('Low layer: 320×180 of 1280×720');
    expect(receiveQualityInput(sample, { ...settledTop, layer: 1, requestedLayer: 1 }).wantedLayerSize).toBeUndefined();
    expect(receiveQualityInput(sample, { ...settledTop, requestedLayer: 7 }).wantedLayer).toBe(CAMERA_ENCODINGS.length - 1);
  });

  it('has no layers or expected bitrate for audio, and passes pause and server score through', () => {
    const input = receiveQualityInput(sampleOf(free1, free2), { ...settledTop, encodings: null, paused: true, serverScore: 4 });
    expect(input).toMatchObject({ layer: null, wantedLayer: null, expectedBitrateBps: null, paused: true, serverScore: 4 });
  });

  it('reads nothing arriving while not paused as lost', () => {
    const sample = { ...sampleOf(free1, free2), packetsReceived: 0, bitrateBps: 0 };
    expect(qualityBand(instantScore(receiveQualityInput(sample, settledTop)).score)).toBe('lost');
    expect(qualityBand(instantScore(receiveQualityInput(sample, { ...settledTop, paused: true })).score)).toBe('excellent');
  });
});
