import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAMERA_ENCODINGS } from '@/lib/simulcast';
import { convertSendStats, type StatsEntry } from '@/lib/studio/sendStats';
import { instantScore, qualityBand } from './connectionQuality';
import { entriesOfMid, limitationText, sendCodec, sendQualityInput } from './sendQuality';

/*
 * Fixtures: real send-transport reports from Debian's Chromium (VP8 simulcast
 * r0-r2 on mid "1", Opus on mid "0"): the studio's pair while sending freely,
 * and a pair while every video encoding was capped at 30 kbps.
 */
const load = (path: string): StatsEntry[] => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const free1 = load('../studio/fixtures/chromium-send-1.json');
const free2 = load('../studio/fixtures/chromium-send-2.json');
const capped1 = load('./fixtures/chromium-send-capped-1.json');
const capped2 = load('./fixtures/chromium-send-capped-2.json');

const midOf = (r: StatsEntry[], kind: string) => String(r.find((e) => e.type === 'outbound-rtp' && e.kind === kind)!.mid);
const CAMERA_MID = midOf(free1, 'video');
const MIC_MID = midOf(free1, 'audio');

function statsBetween(a: StatsEntry[], b: StatsEntry[], mid: string) {
  const first = convertSendStats(entriesOfMid(a, mid), null);
  return convertSendStats(entriesOfMid(b, mid), first.state).stats;
}

const camera = { paused: false, encodings: CAMERA_ENCODINGS };

describe('entriesOfMid', () => {
  it("keeps one producer's outbound-rtp and the receiver reports about them, and everything that is not rtp", () => {
    const entries = entriesOfMid(free1, CAMERA_MID);
    const outbound = entries.filter((e) => e.type === 'outbound-rtp');
    expect(outbound.map((e) => e.rid).sort()).toEqual(['r0', 'r1', 'r2']);
    const ids = new Set(outbound.map((e) => e.id));
    const reports = entries.filter((e) => e.type === 'remote-inbound-rtp');
    expect(reports).toHaveLength(3);
    expect(reports.every((e) => ids.has(String(e.localId)))).toBe(true);
    expect(entries.filter((e) => !e.type.includes('rtp'))).toEqual(free1.filter((e) => !e.type.includes('rtp')));
    expect(entriesOfMid(free1, MIC_MID).filter((e) => e.type === 'outbound-rtp').map((e) => e.kind)).toEqual(['audio']);
  });

  it('names the codec', () => {
    expect(sendCodec(entriesOfMid(free1, CAMERA_MID))).toBe('VP8');
    expect(sendCodec(entriesOfMid(free1, MIC_MID))).toBe('opus');
  });
});

describe('sendQualityInput', () => {
  it('rates the real free camera excellent: its bitrate against all encodings, every layer sent', () => {
    const stats = statsBetween(free1, free2, CAMERA_MID);
    const input = sendQualityInput(stats, camera);
    const videoKbps = stats.layers.reduce((sum, l) => sum + l.bitrate, 0);
    expect(input.bitrateBps).toBe(videoKbps * 1000);
    expect(input.expectedBitrateBps).toBe(CAMERA_ENCODINGS.reduce((sum, e) => sum + e.maxBitrate, 0));
    expect(input).toMatchObject({ layer: 2, wantedLayer: 2, direction: 'send', lossPercent: 0 });
    expect(input.rttMs).toBe(stats.latency);
    expect(qualityBand(instantScore(input).score)).toBe('excellent');
  });

  it('rates the real capped camera poor, saying what it sends of what it should', () => {
    const result = instantScore(sendQualityInput(statsBetween(capped1, capped2, CAMERA_MID), camera));
    expect(qualityBand(result.score)).toBe('poor');
    expect(result.reasons[0].text).toMatch(/^Sending \d+ kbps of an expected 1300 kbps$/);
  });

  it('counts the layers the encoder still sends', () => {
    const stats = statsBetween(free1, free2, CAMERA_MID);
    const withoutTop = { ...stats, layers: stats.layers.map((l, i) => (i === 2 ? { ...l, active: false, bitrate: 0 } : l)) };
    expect(sendQualityInput(withoutTop, camera)).toMatchObject({ layer: 1, wantedLayer: 2 });
    const none = { ...stats, layers: stats.layers.map((l) => ({ ...l, active: false, bitrate: 0 })) };
    expect(sendQualityInput(none, camera)).toMatchObject({ layer: 0, bitrateBps: 0 });
  });

  it('has no bitrate expectation for the microphone, and passes a pause through', () => {
    const input = sendQualityInput(statsBetween(free1, free2, MIC_MID), { paused: true, encodings: null });
    expect(input).toMatchObject({ bitrateBps: null, expectedBitrateBps: null, layer: null, paused: true });
  });
});

describe('limitationText', () => {
  it('explains a limitation and says nothing without one', () => {
    expect(limitationText('none')).toBeNull();
    expect(limitationText('bandwidth')).toMatch(/bandwidth/);
    expect(limitationText('cpu')).toMatch(/CPU/);
  });
});
