import { describe, expect, it } from 'vitest';
import type { FunnelView, TelemetrySample } from '@/lib/analytics/types';
import { histogramColumns, telemetryColumns } from './chartData';

function sample(at: string, direction: TelemetrySample['direction'], bitrate: number, lossPercent = 0, jitterMs = 0): TelemetrySample {
  return {
    at,
    nodeId: 'n',
    roomId: 'r',
    peerId: 'p',
    direction,
    windowMs: 10_000,
    packets: 1,
    bytes: 1,
    bitrate,
    packetsLost: 0,
    lossPercent,
    jitterMs,
    maxDelayMs: 0,
    nackCount: 0,
    pliCount: 0,
    firCount: 0,
  };
}

describe('telemetryColumns', () => {
  it('puts both directions of a window on one x, oldest first', () => {
    const cols = telemetryColumns([
      sample('2026-01-01T00:00:20.000Z', 'downstream', 400, 1, 3),
      sample('2026-01-01T00:00:20.200Z', 'upstream', 300, 2, 4),
      sample('2026-01-01T00:00:10.000Z', 'upstream', 100),
    ]);
    const t10 = Date.parse('2026-01-01T00:00:10Z') / 1000;
    expect(cols.t).toEqual([t10, t10 + 10]);
    expect(cols.upBitrate).toEqual([100, 300]);
    expect(cols.downBitrate).toEqual([null, 400]);
    expect(cols.upLoss).toEqual([0, 2]);
    expect(cols.downJitter).toEqual([null, 3]);
  });

  it('is empty without samples', () => {
    expect(telemetryColumns([]).t).toEqual([]);
  });
});

describe('histogramColumns', () => {
  const bucket = (leMs: number | null, count: number) => ({ leMs, count });
  const funnel: FunnelView = {
    since: '2026-01-01T00:00:00Z',
    sessions: 3,
    failed: 0,
    relayed: 0,
    failedByLastStage: { joined: 0, 'transports-connected': 0, 'media-sent': 0, 'media-received': 0 },
    stages: [
      { stage: 'joined', count: 3, p50Ms: null, p95Ms: null, histogram: [] },
      { stage: 'transports-connected', count: 3, p50Ms: 1, p95Ms: 1, histogram: [] },
      { stage: 'media-sent', count: 3, p50Ms: 1, p95Ms: 1, histogram: [bucket(500, 2), bucket(2000, 1), bucket(null, 0)] },
      { stage: 'media-received', count: 2, p50Ms: 1, p95Ms: 1, histogram: [bucket(500, 0), bucket(2000, 1), bucket(null, 1)] },
    ],
  };

  it('labels each bucket by its bound and the last one as above the previous', () => {
    const cols = histogramColumns(funnel);
    expect(cols.labels).toEqual(['≤ 500 ms', '≤ 2.0 s', '> 2.0 s']);
    expect(cols.mediaSent).toEqual([2, 1, 0]);
    expect(cols.mediaReceived).toEqual([0, 1, 1]);
  });
});
