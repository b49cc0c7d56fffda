import { describe, expect, it } from 'vitest';
import type { StreamAlert, StreamStatsBroadcast } from '@/lib/studio/types';
import {
  appendStreamPoint,
  emptyStreamHistory,
  STREAM_ALERTS,
  withoutEndedStreams,
  withStreamAlert,
  withStreamStats,
  withStreamViewers,
} from './streams';

function update(streamId: string, receivedAt: number, bitrate = 2500): StreamStatsBroadcast {
  return {
    streamId,
    timestamp: receivedAt - 20,
    receivedAt,
    band: 'good',
    reasons: [],
    viewerCount: 3,
    stats: {
      bitrate,
      fps: 30,
      resolution: { width: 1280, height: 720 },
      audioLevel: -30,
      packetLoss: 0,
      latency: 40,
      jitter: 2,
      bandwidth: { upload: 5000, download: 5000 },
      qualityLimitationReason: 'none',
      layers: [],
    },
  };
}

function alert(id: string, at: number, streamId = 's1'): StreamAlert {
  return { id, streamId, type: 'high-loss', severity: 'warning', message: `alert ${id}`, value: 5, threshold: 3, at };
}

describe('appendStreamPoint', () => {
  it('appends in time order and replaces instead of going back', () => {
    let h = appendStreamPoint(appendStreamPoint(emptyStreamHistory, 10, 1), 12, 2);
    expect(h).toEqual({ t: [10, 12], bitrate: [1, 2] });
    h = appendStreamPoint(h, 11, 3);
    expect(h).toEqual({ t: [10, 12], bitrate: [1, 3] });
  });

  it('keeps only the window before the newest point', () => {
    let h = emptyStreamHistory;
    for (let t = 0; t <= 10; t += 2) h = appendStreamPoint(h, t, t, 5);
    expect(h.t).toEqual([6, 8, 10]);
    expect(h.bitrate).toEqual([6, 8, 10]);
  });

  it('does not change the history it was given', () => {
    const before = appendStreamPoint(emptyStreamHistory, 1, 1);
    appendStreamPoint(before, 2, 2);
    expect(before).toEqual({ t: [1], bitrate: [1] });
  });
});

describe('live streams', () => {
  it('keeps the latest sample, its arrival time and the bitrate history', () => {
    let streams = withStreamStats({}, update('s1', 1_000_000, 2000), 5_000);
    streams = withStreamStats(streams, update('s1', 1_002_000, 2100), 7_000);
    const s1 = streams.s1!;
    expect(s1.latest.stats.bitrate).toBe(2100);
    expect(s1.shownAt).toBe(7_000);
    expect(s1.viewerCount).toBe(3);
    expect(s1.history).toEqual({ t: [1000, 1002], bitrate: [2000, 2100] });
  });

  it('keeps the newest alerts first, at most five, once each', () => {
    let streams = withStreamStats({}, update('s1', 1000), 1000);
    for (let i = 1; i <= 7; i++) streams = withStreamAlert(streams, alert(`a${i}`, i));
    const same = withStreamAlert(streams, alert('a7', 7));
    expect(same).toBe(streams);
    expect(streams.s1!.alerts.map((a) => a.id)).toEqual(['a7', 'a6', 'a5', 'a4', 'a3']);
    expect(streams.s1!.alerts).toHaveLength(STREAM_ALERTS);
  });

  it('ignores alerts and viewer counts of streams it does not know', () => {
    const streams = withStreamStats({}, update('s1', 1000), 1000);
    expect(withStreamAlert(streams, alert('x', 1, 'other'))).toBe(streams);
    expect(withStreamViewers(streams, 'other', 9)).toBe(streams);
    expect(withStreamViewers(streams, 's1', 3)).toBe(streams);
    expect(withStreamViewers(streams, 's1', 9).s1!.viewerCount).toBe(9);
  });

  it('drops a stream not updated for 30 s, and nothing else', () => {
    let streams = withStreamStats({}, update('old', 1000), 10_000);
    streams = withStreamStats(streams, update('new', 1000), 30_000);
    expect(withoutEndedStreams(streams, 40_000)).toBe(streams);
    expect(Object.keys(withoutEndedStreams(streams, 40_001))).toEqual(['new']);
    expect(withoutEndedStreams({}, 1e12)).toEqual({});
  });
});
