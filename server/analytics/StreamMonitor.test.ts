import { describe, expect, it } from 'vitest';
import type { StreamStats } from '@/lib/studio/types';
import { StreamMonitor } from './StreamMonitor';

const stats = (patch: Partial<StreamStats> = {}): StreamStats => ({
  bitrate: 1200,
  fps: 30,
  resolution: { width: 1280, height: 720 },
  audioLevel: -30,
  packetLoss: 0,
  latency: 10,
  jitter: 1,
  bandwidth: { upload: 2000, download: 0 },
  qualityLimitationReason: 'none',
  layers: [{ rid: 'r2', bitrate: 1100, fps: 30, width: 1280, height: 720 }],
  ...patch,
});

describe('StreamMonitor', () => {
  it('bands each update with the shared rules and keeps the last for stream:stats:get', () => {
    const monitor = new StreamMonitor();
    expect(monitor.current('show', true, 0).stats).toBeNull();
    const accepted = monitor.accept({ streamId: 'show', stats: stats({ latency: 150 }), timestamp: 1 }, 5000);
    expect(accepted.band).toBe('fair');
    expect(accepted.reasons[0]).toMatch(/150 ms/);
    const current = monitor.current('show', true, 2);
    expect(current).toMatchObject({ streamId: 'show', live: true, band: 'fair', viewerCount: 2 });
    expect(current.stats?.lastUpdated).toBe(5000);
    expect(monitor.current('show', false, 0).stats).toBeNull();
  });

  it('raises an alert once when loss goes above 5 %, and again only after it cleared', () => {
    const monitor = new StreamMonitor();
    const send = (packetLoss: number, at: number) => monitor.accept({ streamId: 's', stats: stats({ packetLoss }), timestamp: at }, at).alerts;
    expect(send(0, 0)).toEqual([]);
    expect(send(7, 2000).map((a) => a.type)).toEqual(['high-loss']);
    expect(send(8, 4000)).toEqual([]);
    expect(send(0, 6000)).toEqual([]);
    expect(send(9, 8000).map((a) => a.type)).toEqual(['high-loss']);
  });

  it('starts afresh after a reset', () => {
    const monitor = new StreamMonitor();
    monitor.accept({ streamId: 's', stats: stats({ packetLoss: 7 }), timestamp: 1 }, 1);
    monitor.reset('s');
    expect(monitor.current('s', true, 0).stats).toBeNull();
    expect(monitor.accept({ streamId: 's', stats: stats({ packetLoss: 7 }), timestamp: 2 }, 2).alerts).toHaveLength(1);
  });
});
