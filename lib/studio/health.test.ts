import { describe, expect, it } from 'vitest';
import { detectIssues, headline, trackIssues, type DetectedIssue } from './health';
import type { StreamIssue, StreamStats } from './types';

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
    encodeTimeMs: 5,
    targetBitrate: 1500,
    ...over,
  };
}

const CTX = { targetFps: 30 };

/** The severity of one key, or null when that issue is absent. */
function severityOf(over: Partial<StreamStats>, key: string, ctx: { targetFps: number; targetBitrate?: number } = CTX) {
  return detectIssues(stats(over), ctx).find((issue) => issue.key === key)?.severity ?? null;
}

describe('detectIssues', () => {
  it('finds nothing in a healthy stream', () => {
    expect(detectIssues(stats(), CTX)).toEqual([]);
  });

  it.each([
    [0.99, null],
    [1, 'warning'],
    [3, 'warning'],
    [3.01, 'critical'],
  ])('packet loss %s %% → %s', (packetLoss, severity) => {
    expect(severityOf({ packetLoss }, 'network:loss')).toBe(severity);
  });

  it.each([
    [99.9, null],
    [100, 'warning'],
    [200, 'warning'],
    [200.1, 'critical'],
  ])('RTT %s ms → %s', (latency, severity) => {
    expect(severityOf({ latency }, 'network:rtt')).toBe(severity);
  });

  it('describes network issues with the numbers and a fix', () => {
    const [loss, rtt] = detectIssues(stats({ packetLoss: 2.5, latency: 150 }), CTX);
    expect(loss).toEqual({
      key: 'network:loss',
      type: 'network',
      severity: 'warning',
      reason: 'Packet loss 2.5 %',
      fix: 'Use a wired connection or close other uploads',
    });
    expect(rtt.reason).toBe('Round-trip time 150 ms');
    expect(rtt.fix).not.toBe('');
  });

  describe('bandwidth', () => {
    it('flags upload below the target bitrate (stats.targetBitrate by default)', () => {
      expect(severityOf({ bandwidth: { upload: 1500, download: 0 } }, 'network:bandwidth')).toBeNull();
      expect(severityOf({ bandwidth: { upload: 1499, download: 0 } }, 'network:bandwidth')).toBe('warning');
      expect(severityOf({ bandwidth: { upload: 750, download: 0 } }, 'network:bandwidth')).toBe('warning');
      expect(severityOf({ bandwidth: { upload: 749, download: 0 } }, 'network:bandwidth')).toBe('critical');
    });

    it('prefers the context target over the stats target', () => {
      const over = { bandwidth: { upload: 1000, download: 0 } };
      expect(severityOf(over, 'network:bandwidth', { targetFps: 30, targetBitrate: 900 })).toBeNull();
      expect(severityOf({ ...over, targetBitrate: 500 }, 'network:bandwidth', { targetFps: 30, targetBitrate: 1200 })).toBe(
        'warning',
      );
    });

    it('gives the numbers in the reason', () => {
      const issue = detectIssues(stats({ bandwidth: { upload: 1200, download: 0 }, targetBitrate: 2500 }), CTX)[0];
      expect(issue.reason).toBe('Upload bandwidth 1,200 kbps is below the 2,500 kbps the encoder wants');
    });

    it('ignores an unknown (0) upload or a missing target', () => {
      expect(severityOf({ bandwidth: { upload: 0, download: 0 } }, 'network:bandwidth')).toBeNull();
      expect(severityOf({ bandwidth: { upload: 100, download: 0 }, targetBitrate: undefined }, 'network:bandwidth')).toBeNull();
    });

    it('flags the browser reporting a bandwidth limitation even when the upload looks fine', () => {
      const [issue] = detectIssues(stats({ qualityLimitationReason: 'bandwidth' }), CTX);
      expect(issue).toMatchObject({ key: 'network:bandwidth', severity: 'warning' });
    });
  });

  describe('encoder', () => {
    it('flags a CPU limitation', () => {
      expect(severityOf({ qualityLimitationReason: 'cpu' }, 'encoder:cpu')).toBe('warning');
      expect(severityOf({ qualityLimitationReason: 'other' }, 'encoder:cpu')).toBeNull();
      expect(detectIssues(stats({ qualityLimitationReason: 'cpu' }), CTX)[0].fix).toBe(
        'Close other apps or lower the resolution',
      );
    });

    it('flags encode time above 75 % of the frame budget and critical above 100 %', () => {
      // 30 fps → 33.3 ms budget: 75 % = 25 ms.
      expect(severityOf({ encodeTimeMs: 25 }, 'encoder:encode-time')).toBeNull();
      expect(severityOf({ encodeTimeMs: 25.1 }, 'encoder:encode-time')).toBe('warning');
      expect(severityOf({ encodeTimeMs: 1000 / 30 }, 'encoder:encode-time')).toBe('warning');
      expect(severityOf({ encodeTimeMs: 33.4 }, 'encoder:encode-time')).toBe('critical');
    });

    it('scales the budget with the target frame rate', () => {
      // 60 fps → 16.7 ms budget: 20 ms is over it.
      expect(severityOf({ encodeTimeMs: 20 }, 'encoder:encode-time', { targetFps: 60 })).toBe('critical');
    });

    it('says how much of the budget encoding takes', () => {
      const [issue] = detectIssues(stats({ encodeTimeMs: 28 }), CTX);
      expect(issue.reason).toBe('Encoding takes 28 ms per frame, 84 % of the 33.3 ms a frame may take at 30 fps');
    });

    it('skips encode time when it is not measured', () => {
      expect(severityOf({ encodeTimeMs: undefined }, 'encoder:encode-time')).toBeNull();
    });
  });

  describe('source', () => {
    it('flags camera fps below 90 % of the target and critical below 50 %', () => {
      expect(severityOf({ fps: 27 }, 'source:fps')).toBeNull();
      expect(severityOf({ fps: 26.9 }, 'source:fps')).toBe('warning');
      expect(severityOf({ fps: 15 }, 'source:fps')).toBe('warning');
      expect(severityOf({ fps: 14.9 }, 'source:fps')).toBe('critical');
    });

    it('names the numbers and a fix', () => {
      const [issue] = detectIssues(stats({ fps: 12 }), CTX);
      expect(issue.reason).toBe('The camera delivers 12 fps of the 30 fps asked for');
      expect(issue.fix).toBe('Improve the lighting or pick a camera mode with a higher frame rate');
    });

    it('leaves the frame rate to the encoder when the browser reports a limitation', () => {
      expect(severityOf({ fps: 10, qualityLimitationReason: 'cpu' }, 'source:fps')).toBeNull();
      expect(severityOf({ fps: 10, qualityLimitationReason: 'other' }, 'source:fps')).toBeNull();
    });

    it('stays quiet while no video is being sent', () => {
      expect(severityOf({ fps: 0, layers: [] }, 'source:fps')).toBeNull();
      const inactive = [{ rid: 'h', bitrate: 0, fps: 0, width: 0, height: 0, active: false }];
      expect(severityOf({ fps: 0, layers: inactive }, 'source:fps')).toBeNull();
    });
  });

  it('sorts critical first, then network, encoder, source', () => {
    const issues = detectIssues(
      stats({ fps: 20, packetLoss: 2, encodeTimeMs: 40, latency: 250 }),
      CTX,
    );
    expect(issues.map((i) => `${i.severity} ${i.key}`)).toEqual([
      'critical network:rtt',
      'critical encoder:encode-time',
      'warning network:loss',
      'warning source:fps',
    ]);
  });
});

describe('trackIssues', () => {
  const issue = (key: string): DetectedIssue => ({ key, type: 'network', severity: 'warning', reason: 'r', fix: 'f' });

  it('stamps new issues with now and keeps firstSeenAt for keys still present', () => {
    const first = trackIssues([], [issue('network:loss')], 1_000);
    expect(first).toEqual([{ ...issue('network:loss'), firstSeenAt: 1_000 }]);
    const second = trackIssues(first, [issue('network:loss'), issue('network:rtt')], 3_000);
    expect(second.map((i) => [i.key, i.firstSeenAt])).toEqual([
      ['network:loss', 1_000],
      ['network:rtt', 3_000],
    ]);
  });

  it('takes the current reason and severity, not the stored ones', () => {
    const first = trackIssues([], [issue('network:loss')], 1_000);
    const [updated] = trackIssues(first, [{ ...issue('network:loss'), severity: 'critical', reason: 'new' }], 3_000);
    expect(updated).toMatchObject({ severity: 'critical', reason: 'new', firstSeenAt: 1_000 });
  });

  it('starts over for a key that went away and came back', () => {
    const first = trackIssues([], [issue('network:loss')], 1_000);
    const gone = trackIssues(first, [], 3_000);
    expect(gone).toEqual([]);
    expect(trackIssues(gone, [issue('network:loss')], 5_000)[0].firstSeenAt).toBe(5_000);
  });
});

describe('headline', () => {
  const tracked = (over: Partial<StreamStats>): StreamIssue[] => trackIssues([], detectIssues(stats(over), CTX), 0);

  it('says what limits the stream and what to do, from the top issue', () => {
    expect(headline(tracked({ packetLoss: 4.2, fps: 20 }), 'poor')).toBe(
      'Your network limits the stream: packet loss 4.2 %. Use a wired connection or close other uploads.',
    );
  });

  it('names the computer for encoder issues and the camera for source issues', () => {
    expect(headline(tracked({ qualityLimitationReason: 'cpu' }), 'fair')).toMatch(/^Your computer limits the stream: /);
    expect(headline(tracked({ fps: 12 }), 'poor')).toBe(
      'Your camera limits the stream: the camera delivers 12 fps of the 30 fps asked for. ' +
        'Improve the lighting or pick a camera mode with a higher frame rate.',
    );
  });

  it('picks the top issue even when the list is not sorted', () => {
    const issues = tracked({ packetLoss: 2, latency: 250 }).reverse();
    expect(headline(issues, 'poor')).toMatch(/^Your network limits the stream: round-trip time 250 ms\. /);
  });

  it('says the stream is healthy when nothing limits it', () => {
    expect(headline([], 'good')).toBe('Your stream is healthy: nothing limits it right now.');
  });

  it('does not call a fair or poor stream healthy', () => {
    expect(headline([], 'fair')).toBe('Your stream is fair, but no single cause stands out right now.');
  });
});
