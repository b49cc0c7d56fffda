import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, evaluateAlerts, type AlertState } from './alerts';
import type { StreamStats } from './types';

function stats(over: Partial<StreamStats> = {}): StreamStats {
  return {
    bitrate: 1200,
    fps: 30,
    resolution: { width: 1280, height: 720 },
    audioLevel: -30,
    packetLoss: 0,
    latency: 40,
    jitter: 5,
    bandwidth: { upload: 3000, download: 5000 },
    qualityLimitationReason: 'none',
    layers: [{ rid: 'h', bitrate: 1150, fps: 30, width: 1280, height: 720 }],
    ...over,
  };
}

/** Feeds samples through one running state, 2 s apart, returning what each raised. */
function run(samples: Partial<StreamStats>[], settings = DEFAULT_ALERT_SETTINGS) {
  let state: AlertState | null = null;
  let n = 0;
  const raised = samples.map((over, i) => {
    const result = evaluateAlerts(
      state,
      { streamId: 's1', stats: stats(over), at: 1_000 + i * 2_000, makeId: () => `a${++n}` },
      settings,
    );
    state = result.state;
    return result.raised;
  });
  return { raised, state: state as AlertState | null };
}

const types = (raised: { type: string }[]) => raised.map((a) => a.type);

describe('DEFAULT_ALERT_SETTINGS', () => {
  it('matches SPEC 4 and the 30 s window', () => {
    expect(DEFAULT_ALERT_SETTINGS).toEqual({
      lossPercent: 5,
      minFps: 20,
      dropRatio: 0.5,
      window: 15,
      minSamples: 3,
      minAverageKbps: 50,
    });
  });
});

describe('evaluateAlerts: high-loss', () => {
  it('raises above 5 % and not at exactly 5 %', () => {
    expect(run([{ packetLoss: 5 }]).raised[0]).toEqual([]);
    expect(types(run([{ packetLoss: 5.1 }]).raised[0])).toEqual(['high-loss']);
  });

  it('is a warning up to 10 % and an error above', () => {
    expect(run([{ packetLoss: 10 }]).raised[0][0].severity).toBe('warning');
    expect(run([{ packetLoss: 10.1 }]).raised[0][0].severity).toBe('error');
  });

  it('fills in the alert with the number, the threshold, the id and the time', () => {
    expect(run([{ packetLoss: 7.2 }]).raised[0]).toEqual([
      {
        id: 'a1',
        streamId: 's1',
        type: 'high-loss',
        severity: 'warning',
        message: 'Packet loss 7.2 % is above 5 %',
        value: 7.2,
        threshold: 5,
        at: 1_000,
      },
    ]);
  });

  it('fires once while the loss lasts and again only after it cleared', () => {
    const { raised } = run([{ packetLoss: 7 }, { packetLoss: 9 }, { packetLoss: 2 }, { packetLoss: 6 }]);
    expect(raised.map(types)).toEqual([['high-loss'], [], [], ['high-loss']]);
  });
});

describe('evaluateAlerts: low-fps', () => {
  it('raises below 20 fps and not at exactly 20', () => {
    expect(run([{ fps: 20 }]).raised[0]).toEqual([]);
    const [alert] = run([{ fps: 12 }]).raised[0];
    expect(alert).toMatchObject({ type: 'low-fps', severity: 'warning', value: 12, threshold: 20 });
    expect(alert.message).toBe('Frame rate 12 fps is below 20 fps');
  });

  it('fires once while it lasts and re-arms when the frame rate recovers', () => {
    const { raised } = run([{ fps: 12 }, { fps: 15 }, { fps: 25 }, { fps: 10 }]);
    expect(raised.map(types)).toEqual([['low-fps'], [], [], ['low-fps']]);
  });

  it('treats 0 fps while live as a real alert', () => {
    expect(types(run([{ fps: 0 }]).raised[0])).toEqual(['low-fps']);
  });

  it('stays quiet while video is not sending yet (no layers, no bitrate)', () => {
    expect(run([{ fps: 0, bitrate: 0, layers: [] }]).raised[0]).toEqual([]);
  });

  it('still alerts at 0 fps with no layers when audio is flowing', () => {
    expect(types(run([{ fps: 0, bitrate: 40, layers: [] }]).raised[0])).toEqual(['low-fps']);
  });

  it('does not count a not-sending sample as recovery', () => {
    const notSending = { fps: 0, bitrate: 0, layers: [] };
    const { raised, state } = run([{ fps: 12 }, notSending, { fps: 12 }]);
    expect(raised.map(types)).toEqual([['low-fps'], [], []]);
    expect(state?.active['low-fps']).toBe(true);
  });
});

describe('evaluateAlerts: bitrate-drop', () => {
  const steady = (n: number, bitrate = 1200) => Array.from({ length: n }, () => ({ bitrate }));

  it('raises when the bitrate falls below half of the recent average, with the numbers', () => {
    const { raised } = run([...steady(3), { bitrate: 300 }]);
    expect(raised[3]).toEqual([
      expect.objectContaining({
        type: 'bitrate-drop',
        severity: 'warning',
        message: 'Bitrate fell to 300 kbps, less than half of the recent 1,200 kbps',
        value: 300,
        threshold: 600,
      }),
    ]);
  });

  it('does not raise at exactly half', () => {
    expect(run([...steady(3), { bitrate: 600 }]).raised[3]).toEqual([]);
    expect(types(run([...steady(3), { bitrate: 599 }]).raised[3])).toEqual(['bitrate-drop']);
  });

  it('needs at least 3 previous samples', () => {
    expect(run([...steady(2), { bitrate: 100 }]).raised[2]).toEqual([]);
  });

  it('ignores drops while the recent average is at most 50 kbps', () => {
    expect(run([...steady(3, 50), { bitrate: 10 }]).raised[3]).toEqual([]);
    expect(types(run([...steady(3, 51), { bitrate: 10 }]).raised[3])).toEqual(['bitrate-drop']);
  });

  it('averages only the last 15 samples', () => {
    // 5 × 100 then 15 × 1,200: against the last 15 (1,200) 550 is a drop; if
    // the old 100s still counted (average 925) it would not be.
    const { raised, state } = run([...steady(5, 100), ...steady(15), { bitrate: 550 }]);
    expect(types(raised[20])).toEqual(['bitrate-drop']);
    expect(state?.bitrates).toEqual(Array.from({ length: 15 }, () => 1200));
  });

  it('respects a custom window and ratio', () => {
    const settings = { ...DEFAULT_ALERT_SETTINGS, window: 3, dropRatio: 0.8 };
    const { raised } = run([...steady(3, 100), ...steady(3, 1000), { bitrate: 790 }], settings);
    expect(raised[6].map((a) => a.message)).toEqual([
      'Bitrate fell to 790 kbps, less than 80 % of the recent 1,000 kbps',
    ]);
  });

  it('keeps the drop out of the baseline, so recovery to the old level clears it and a later drop re-raises', () => {
    const { raised, state } = run([
      ...steady(5),
      { bitrate: 300 }, // drop
      ...steady(20, 300), // drop continues: silent, and the baseline stays at 1,200
      { bitrate: 1100 }, // recovered: clears
      { bitrate: 300 }, // a new drop
    ]);
    expect(raised.map(types)).toEqual([
      [], [], [], [], [], ['bitrate-drop'], ...Array.from({ length: 20 }, () => []), [], ['bitrate-drop'],
    ]);
    expect(state?.bitrates.every((b) => b >= 1100)).toBe(true);
  });

  it('feeds normal samples into the baseline', () => {
    const { state } = run([{ bitrate: 1000 }, { bitrate: 1200 }]);
    expect(state?.bitrates).toEqual([1000, 1200]);
  });
});

describe('evaluateAlerts: together', () => {
  it('raises several alerts from one sample, each with its own id', () => {
    const { raised } = run([
      { bitrate: 1200 },
      { bitrate: 1200 },
      { bitrate: 1200 },
      { bitrate: 200, fps: 8, packetLoss: 12 },
    ]);
    expect(types(raised[3])).toEqual(['high-loss', 'low-fps', 'bitrate-drop']);
    expect(raised[3].map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('does not mutate the state it was given', () => {
    const first = evaluateAlerts(null, { streamId: 's1', stats: stats(), at: 0, makeId: () => 'x' }).state;
    const copy = structuredClone(first);
    evaluateAlerts(first, { streamId: 's1', stats: stats({ packetLoss: 9 }), at: 2000, makeId: () => 'y' });
    expect(first).toEqual(copy);
  });
});
