import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertSendStats, toStatsEntries, type SendStatsState, type StatsEntry } from './sendStats';

/*
 * Fixtures: two getStats() reports of a real send transport (VP8 simulcast r0-r2 +
 * Opus), ~2 s apart, captured from Debian's Chromium by scripts/capture-send-stats.ts.
 * Expected values are computed here from the fixture entries, so a wrong field or
 * formula fails.
 */
const load = (name: string): StatsEntry[] => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const report1 = load('chromium-send-1.json');
const report2 = load('chromium-send-2.json');

const n = (e: StatsEntry | undefined, key: string): number => {
  const v = e?.[key];
  if (typeof v !== 'number') throw new Error(`fixture entry ${e?.id} has no numeric ${key}`);
  return v;
};
const byRid = (r: StatsEntry[], rid: string) => r.find((e) => e.type === 'outbound-rtp' && e.rid === rid)!;
const ofType = (r: StatsEntry[], type: string, kind?: string) => r.filter((e) => e.type === type && (!kind || e.kind === kind));
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
/** kbps from two samples of one entry: bits per ms is kbit per s. */
const kbpsBetween = (a: StatsEntry, b: StatsEntry, key = 'bytesSent') => ((n(b, key) - n(a, key)) * 8) / (b.timestamp - a.timestamp);

function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allNumbers(v, out);
  return out;
}
const expectAllFinite = (value: unknown) => {
  for (const x of allNumbers(value)) {
    expect(Number.isFinite(x)).toBe(true);
    expect(Object.is(x, -0)).toBe(false);
  }
};

describe('convertSendStats on real Chromium reports', () => {
  const first = convertSendStats(report1, null);
  const second = convertSendStats(report2, first.state);
  const rids = ['r0', 'r1', 'r2'];

  it('the fixtures are what they claim: 3 VP8 simulcast encodings + Opus, ~2 s apart', () => {
    for (const r of [report1, report2]) {
      expect(ofType(r, 'outbound-rtp', 'video').map((e) => e.rid).sort()).toEqual(rids);
      expect(ofType(r, 'outbound-rtp', 'audio')).toHaveLength(1);
      expect(ofType(r, 'codec').map((e) => e.mimeType)).toEqual(expect.arrayContaining(['video/VP8', 'audio/opus']));
    }
    const dt = byRid(report2, 'r2').timestamp - byRid(report1, 'r2').timestamp;
    expect(dt).toBeGreaterThan(1500);
    expect(dt).toBeLessThan(3000);
  });

  it('first sample: layers, resolution and fps from the report, no rates yet', () => {
    const { stats } = first;
    expect(stats.layers.map((l) => l.rid)).toEqual(rids);
    for (const layer of stats.layers) {
      const e = byRid(report1, layer.rid);
      expect(layer).toMatchObject({ width: n(e, 'frameWidth'), height: n(e, 'frameHeight'), fps: n(e, 'framesPerSecond'), active: true, bitrate: 0 });
    }
    const top = byRid(report1, 'r2');
    expect(stats.resolution).toEqual({ width: n(top, 'frameWidth'), height: n(top, 'frameHeight') });
    expect(stats.resolution.width).toBe(Math.max(...ofType(report1, 'outbound-rtp', 'video').map((e) => n(e, 'frameWidth'))));
    expect(stats.fps).toBe(n(top, 'framesPerSecond'));
    expect(stats).toMatchObject({ bitrate: 0, audioBitrate: 0, retransmitBitrate: 0, encodeTimeMs: 0 });
    expect(stats.qualityLimitationReason).toBe(top.qualityLimitationReason);
  });

  it('second sample: per-layer and total bitrate from Δbytes·8/Δt', () => {
    const { stats } = second;
    for (const layer of stats.layers) {
      expect(layer.bitrate).toBe(Math.round(kbpsBetween(byRid(report1, layer.rid), byRid(report2, layer.rid))));
    }
    const r2 = stats.layers.find((l) => l.rid === 'r2')!;
    expect(r2.bitrate).toBeGreaterThan(stats.layers.find((l) => l.rid === 'r0')!.bitrate);
    const [a1, a2] = [ofType(report1, 'outbound-rtp', 'audio')[0], ofType(report2, 'outbound-rtp', 'audio')[0]];
    expect(stats.audioBitrate).toBe(Math.round(kbpsBetween(a1, a2)));
    expect(stats.audioBitrate).toBeGreaterThan(5);
    const total = rids.reduce((s, rid) => s + kbpsBetween(byRid(report1, rid), byRid(report2, rid)), kbpsBetween(a1, a2));
    expect(stats.bitrate).toBe(Math.round(total));
    const retransmit = ofType(report2, 'outbound-rtp').reduce(
      (s, e) => s + kbpsBetween(report1.find((p) => p.id === e.id)!, e, 'retransmittedBytesSent'),
      0,
    );
    expect(stats.retransmitBitrate).toBe(Math.round(retransmit));
  });

  it('second sample: fps, encode time and target bitrate of the widest layer', () => {
    const { stats } = second;
    const [p, c] = [byRid(report1, 'r2'), byRid(report2, 'r2')];
    expect(stats.fps).toBe(n(c, 'framesPerSecond'));
    const fpsFromFrames = ((n(c, 'framesEncoded') - n(p, 'framesEncoded')) * 1000) / (c.timestamp - p.timestamp);
    expect(Math.abs(stats.fps - fpsFromFrames)).toBeLessThan(3);
    const encodeMs = ((n(c, 'totalEncodeTime') - n(p, 'totalEncodeTime')) / (n(c, 'framesEncoded') - n(p, 'framesEncoded'))) * 1000;
    expect(stats.encodeTimeMs).toBe(round(encodeMs, 1));
    expect(stats.encodeTimeMs).toBeGreaterThan(0);
    const target = ofType(report2, 'outbound-rtp').reduce((s, e) => s + n(e, 'targetBitrate'), 0) / 1000;
    expect(stats.targetBitrate).toBe(Math.round(target));
  });

  it('audio level in dB from the audio media-source', () => {
    for (const [r, { stats }] of [[report1, first], [report2, second]] as const) {
      const level = n(ofType(r, 'media-source', 'audio')[0], 'audioLevel');
      expect(stats.audioLevel).toBe(round(20 * Math.log10(level), 1));
      expect(stats.audioLevel).toBeLessThan(0);
      expect(stats.audioLevel).toBeGreaterThan(-100);
    }
  });

  it('upload bandwidth from the selected candidate pair, no incoming estimate on a send transport', () => {
    const transport = ofType(report2, 'transport')[0];
    const pair = report2.find((e) => e.id === transport.selectedCandidatePairId)!;
    expect(second.stats.bandwidth).toEqual({ upload: Math.round(n(pair, 'availableOutgoingBitrate') / 1000), download: 0 });
    expect(second.stats.bandwidth.upload).toBeGreaterThan(0);
  });

  it('loss, RTT and jitter: the worst of the video receiver reports', () => {
    const ri = ofType(report2, 'remote-inbound-rtp', 'video');
    expect(ri).toHaveLength(3);
    const worst = (key: string) => Math.max(...ri.map((e) => n(e, key)));
    expect(second.stats.packetLoss).toBe(round(worst('fractionLost') * 100, 2));
    expect(second.stats.latency).toBe(round(worst('roundTripTime') * 1000, 1));
    expect(second.stats.jitter).toBe(round(worst('jitter') * 1000, 1));
    expect(second.stats.latency).toBeGreaterThan(0);
    expect(second.stats.jitter).toBeGreaterThan(0);
  });

  it('frame counters: captured from the video source, encoded by the widest layer, limited from durations × fps', () => {
    for (const [r, { stats }] of [[report1, first], [report2, second]] as const) {
      const captured = n(ofType(r, 'media-source', 'video')[0], 'frames');
      const encoded = n(byRid(r, 'r2'), 'framesEncoded');
      expect(stats.frames).toMatchObject({ captured, encoded, dropped: Math.max(0, captured - encoded) });
    }
    const limitedSeconds = (e: StatsEntry) => {
      const d = e.qualityLimitationDurations as Record<string, number>;
      return d.cpu + d.bandwidth + d.other;
    };
    const [p, c] = [byRid(report1, 'r2'), byRid(report2, 'r2')];
    const limited1 = limitedSeconds(p) * n(p, 'framesPerSecond');
    expect(first.stats.frames!.limited).toBe(Math.round(limited1));
    const limited2 = limited1 + (limitedSeconds(c) - limitedSeconds(p)) * n(c, 'framesPerSecond');
    expect(second.stats.frames!.limited).toBe(Math.round(limited2));
  });

  it('keeps the counters of every outbound-rtp for the next sample', () => {
    expect(Object.keys(second.state.outbound).sort()).toEqual(ofType(report2, 'outbound-rtp').map((e) => e.id).sort());
    expect(second.state.outbound[byRid(report2, 'r1').id].bytesSent).toBe(n(byRid(report2, 'r1'), 'bytesSent'));
    expect(JSON.parse(JSON.stringify(second.state))).toEqual(second.state);
  });

  it('a Map (what the browser gives) converts like its array', () => {
    const map = new Map(report2.map((e) => [e.id, e]));
    expect(toStatsEntries(map)).toEqual(report2);
    expect(convertSendStats(map, first.state)).toEqual(second);
  });

  it('nothing non-finite anywhere', () => {
    expectAllFinite(first);
    expectAllFinite(second);
  });
});

// ---- synthetic reports for the edge cases ----

interface VideoLayerInput {
  rid: string;
  width: number;
  bytesSent: number;
  framesEncoded: number;
  totalEncodeTime?: number;
  framesPerSecond?: number;
  active?: boolean;
  reason?: string;
  limited?: { cpu: number; bandwidth: number; other: number };
  packetsSent?: number;
}

interface ReportInput {
  t: number;
  layers?: VideoLayerInput[];
  audioBytes?: number;
  audioLevel?: number;
  remote?: Record<string, unknown>[];
  pair?: Record<string, unknown>;
  transport?: boolean;
}

function video(t: number, l: VideoLayerInput): StatsEntry {
  return {
    id: `OV-${l.rid}`,
    type: 'outbound-rtp',
    timestamp: t,
    kind: 'video',
    rid: l.rid,
    active: l.active ?? true,
    bytesSent: l.bytesSent,
    packetsSent: l.packetsSent ?? 0,
    framesEncoded: l.framesEncoded,
    totalEncodeTime: l.totalEncodeTime ?? 0,
    retransmittedBytesSent: 0,
    frameWidth: l.width,
    frameHeight: (l.width * 9) / 16,
    mediaSourceId: 'SV',
    qualityLimitationReason: l.reason ?? 'none',
    qualityLimitationDurations: { none: 1, ...(l.limited ?? { cpu: 0, bandwidth: 0, other: 0 }) },
    ...(l.framesPerSecond === undefined ? {} : { framesPerSecond: l.framesPerSecond }),
  };
}

function report(input: ReportInput): StatsEntry[] {
  const t = input.t;
  const entries: StatsEntry[] = (input.layers ?? []).map((l) => video(t, l));
  if (input.audioBytes !== undefined) {
    entries.push({ id: 'OA', type: 'outbound-rtp', timestamp: t, kind: 'audio', bytesSent: input.audioBytes, packetsSent: 0, mediaSourceId: 'SA' });
  }
  const audioSource: StatsEntry = { id: 'SA', type: 'media-source', timestamp: t, kind: 'audio' };
  if (input.audioLevel !== undefined) audioSource.audioLevel = input.audioLevel;
  entries.push(audioSource, { id: 'SV', type: 'media-source', timestamp: t, kind: 'video', frames: 100 });
  entries.push({ id: 'CP', type: 'candidate-pair', timestamp: t, nominated: true, state: 'succeeded', availableOutgoingBitrate: 800_000, ...input.pair });
  if (input.transport !== false) entries.push({ id: 'T', type: 'transport', timestamp: t, selectedCandidatePairId: 'CP' });
  for (const r of input.remote ?? []) entries.push({ type: 'remote-inbound-rtp', timestamp: t, ...r } as StatsEntry);
  return entries;
}

const twoLayers = (bytes: number, frames: number, extra: Partial<VideoLayerInput> = {}): VideoLayerInput[] => [
  { rid: 'r0', width: 320, bytesSent: bytes / 4, framesEncoded: frames, framesPerSecond: 30 },
  { rid: 'r1', width: 1280, bytesSent: bytes, framesEncoded: frames, framesPerSecond: 30, ...extra },
];

const stateAfter = (input: ReportInput): SendStatsState => convertSendStats(report(input), null).state;

describe('convertSendStats edge cases', () => {
  it('bitrate from Δbytes over the entries’ own timestamps', () => {
    const prev = stateAfter({ t: 10_000, layers: twoLayers(100_000, 100), audioBytes: 1_000 });
    const { stats } = convertSendStats(report({ t: 12_000, layers: twoLayers(350_000, 160), audioBytes: 9_000 }), prev);
    // r1: 250 000 B in 2 s = 1000 kbps; r0: 62 500 B = 250 kbps; audio 8 000 B = 32 kbps
    expect(stats.layers.map((l) => l.bitrate)).toEqual([250, 1000]);
    expect(stats.audioBitrate).toBe(32);
    expect(stats.bitrate).toBe(1282);
  });

  it('a counter that went backwards (track replaced) gives 0, not a negative rate', () => {
    const prev = stateAfter({ t: 10_000, layers: twoLayers(500_000, 300, { totalEncodeTime: 3 }), audioBytes: 50_000 });
    const { stats, state } = convertSendStats(
      report({ t: 12_000, layers: twoLayers(20_000, 10, { totalEncodeTime: 0.1, framesPerSecond: undefined }), audioBytes: 100 }),
      prev,
    );
    expect(stats.layers.map((l) => l.bitrate)).toEqual([0, 0]);
    expect(stats).toMatchObject({ bitrate: 0, audioBitrate: 0, encodeTimeMs: 0 });
    // r1 has no framesPerSecond and its frame counter restarted: no rate, so not active; r0 (30 fps) is the widest active one.
    expect(stats.layers[1]).toMatchObject({ fps: 0, active: false });
    expect(stats.resolution.width).toBe(320);
    // ...and the next sample computes rates from the restarted counters again.
    const next = convertSendStats(report({ t: 13_000, layers: twoLayers(145_000, 40, { totalEncodeTime: 0.4, framesPerSecond: undefined }) }), state);
    expect(next.stats.layers[1]).toMatchObject({ bitrate: 1000, fps: 30, active: true });
    expect(next.stats.encodeTimeMs).toBe(10);
  });

  it('fps from Δ framesEncoded / Δt when the browser gives no framesPerSecond; 0 on a first sample', () => {
    const layers = (frames: number): VideoLayerInput[] => [{ rid: 'r0', width: 640, bytesSent: frames * 100, framesEncoded: frames }];
    const first = convertSendStats(report({ t: 0, layers: layers(0) }), null);
    expect(first.stats.fps).toBe(0);
    const { stats } = convertSendStats(report({ t: 1_500, layers: layers(37) }), first.state);
    expect(stats.fps).toBe(24.7);
    expect(stats.layers[0].fps).toBe(24.7);
  });

  it('a layer new in this sample (no previous counters) has rate 0', () => {
    const prev = stateAfter({ t: 0, layers: twoLayers(100_000, 100).slice(0, 1) });
    const { stats } = convertSendStats(report({ t: 2_000, layers: twoLayers(200_000, 160) }), prev);
    expect(stats.layers.find((l) => l.rid === 'r1')!.bitrate).toBe(0);
    expect(stats.layers.find((l) => l.rid === 'r0')!.bitrate).toBe(100);
  });

  it('a zero interval gives 0 rates, never Infinity or NaN', () => {
    const prev = stateAfter({ t: 5_000, layers: twoLayers(100_000, 100), audioBytes: 1_000 });
    const result = convertSendStats(report({ t: 5_000, layers: twoLayers(150_000, 130, { framesPerSecond: undefined }), audioBytes: 2_000 }), prev);
    expect(result.stats).toMatchObject({ bitrate: 0, audioBitrate: 0 });
    expect(result.stats.layers[1].fps).toBe(0);
    expectAllFinite(result);
  });

  it('an inactive encoding is reported inactive; fps, resolution and reason come from the widest active one', () => {
    const layers: VideoLayerInput[] = [
      { rid: 'r0', width: 320, bytesSent: 1, framesEncoded: 1, framesPerSecond: 30, reason: 'none' },
      { rid: 'r1', width: 640, bytesSent: 1, framesEncoded: 1, framesPerSecond: 15, reason: 'bandwidth' },
      { rid: 'r2', width: 1280, bytesSent: 1, framesEncoded: 1, active: false, reason: 'none' },
    ];
    const { stats } = convertSendStats(report({ t: 0, layers }), null);
    expect(stats.layers.map((l) => l.active)).toEqual([true, true, false]);
    expect(stats).toMatchObject({ fps: 15, resolution: { width: 640, height: 360 }, qualityLimitationReason: 'bandwidth' });
  });

  it('missing remote-inbound-rtp gives 0 loss, latency and jitter', () => {
    const { stats } = convertSendStats(report({ t: 0, layers: twoLayers(1, 1) }), null);
    expect(stats).toMatchObject({ packetLoss: 0, latency: 0, jitter: 0 });
  });

  it('loss from Δ packetsLost / (Δ lost + Δ sent) when there is no fractionLost; video reports preferred over audio', () => {
    const layer = (sent: number): VideoLayerInput[] => [{ rid: 'r0', width: 640, bytesSent: 1, framesEncoded: 1, framesPerSecond: 30, packetsSent: sent }];
    const remote = (lost: number) => [
      { id: 'RV', kind: 'video', localId: 'OV-r0', packetsLost: lost, roundTripTime: 0.0123, jitter: 0.00456 },
      { id: 'RA', kind: 'audio', localId: 'OA', fractionLost: 0.5, roundTripTime: 0.9, jitter: 0.9 },
    ];
    const first = convertSendStats(report({ t: 0, layers: layer(1_000), remote: remote(10) }), null);
    expect(first.stats.packetLoss).toBe(0);
    const { stats } = convertSendStats(report({ t: 2_000, layers: layer(1_990), remote: remote(20) }), first.state);
    expect(stats).toMatchObject({ packetLoss: 1, latency: 12.3, jitter: 4.6 });
  });

  it('loss from fractionLost ×100, rounded to 2 decimals', () => {
    const remote = [{ id: 'RV', kind: 'video', fractionLost: 0.0123456, packetsLost: 5, roundTripTime: 0.02, jitter: 0.001 }];
    expect(convertSendStats(report({ t: 0, remote }), null).stats.packetLoss).toBe(1.23);
  });

  it('silence and a missing audio level are -100 dB; full scale is 0 dB', () => {
    expect(convertSendStats(report({ t: 0, audioLevel: 0 }), null).stats.audioLevel).toBe(-100);
    expect(convertSendStats(report({ t: 0 }), null).stats.audioLevel).toBe(-100);
    expect(convertSendStats(report({ t: 0, audioLevel: 1e-9 }), null).stats.audioLevel).toBe(-100);
    expect(convertSendStats(report({ t: 0, audioLevel: 1 }), null).stats.audioLevel).toBe(0);
    expect(convertSendStats(report({ t: 0, audioLevel: 0.1 }), null).stats.audioLevel).toBe(-20);
  });

  it('without transport stats the nominated, succeeded pair gives the bandwidth', () => {
    const entries = report({ t: 0, transport: false, pair: { availableOutgoingBitrate: 2_345_678, availableIncomingBitrate: 999_499 } });
    entries.push({ id: 'CP-other', type: 'candidate-pair', timestamp: 0, nominated: false, state: 'waiting', availableOutgoingBitrate: 1 });
    expect(convertSendStats(entries, null).stats.bandwidth).toEqual({ upload: 2346, download: 999 });
  });

  it('limited frames accumulate Δ limitation seconds × fps across samples', () => {
    const layers = (bandwidth: number, frames: number): VideoLayerInput[] => [
      { rid: 'r0', width: 640, bytesSent: 1, framesEncoded: frames, framesPerSecond: 30, reason: 'bandwidth', limited: { cpu: 0.5, bandwidth, other: 0 } },
    ];
    const first = convertSendStats(report({ t: 0, layers: layers(0.5, 60) }), null);
    expect(first.stats.frames!.limited).toBe(30);
    const second = convertSendStats(report({ t: 2_000, layers: layers(2.5, 120) }), first.state);
    expect(second.stats.frames).toEqual({ captured: 100, encoded: 120, dropped: 0, limited: 90 });
    expect(second.stats.qualityLimitationReason).toBe('bandwidth');
  });

  it('captured frames come from the media-source the widest layer reads, not another video source (screen share)', () => {
    const entries = report({ t: 0, layers: twoLayers(1, 40) });
    entries.unshift({ id: 'SV-screen', type: 'media-source', timestamp: 0, kind: 'video', frames: 7 });
    entries.push({ id: 'SV-screen2', type: 'media-source', timestamp: 0, kind: 'video', frames: 9 });
    expect(convertSendStats(entries, null).stats.frames).toMatchObject({ captured: 100, encoded: 40, dropped: 60 });
  });

  it('an empty report is all zeros, and targetFps passes through', () => {
    const { stats } = convertSendStats([], null, { targetFps: 30 });
    expect(stats).toMatchObject({ bitrate: 0, fps: 0, resolution: { width: 0, height: 0 }, audioLevel: -100, layers: [], targetFps: 30 });
    expect(stats.frames).toEqual({ captured: 0, encoded: 0, dropped: 0, limited: 0 });
    expectAllFinite(stats);
  });
});
