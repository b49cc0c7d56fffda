import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '@/lib/analytics/types';
import { alertFromEvent } from './streamHistory';

const event = (data: AnalyticsEvent['data']): AnalyticsEvent => ({
  id: 'e1',
  at: '2026-12-04T10:00:00.000Z',
  nodeId: 'n',
  type: 'stream-alert',
  severity: 'warning',
  roomId: 'stream:show',
  peerId: 'p',
  peerName: 'Dana',
  objectId: null,
  cause: 'Stream show: Frame rate 12 fps is below 20 fps',
  data,
});

describe('alertFromEvent', () => {
  it('turns a stored stream-alert event back into the studio alert', () => {
    expect(alertFromEvent('show', event({ streamId: 'show', alert: 'low-fps', value: 12, threshold: 20 }))).toEqual({
      id: 'e1',
      streamId: 'show',
      type: 'low-fps',
      severity: 'warning',
      message: 'Frame rate 12 fps is below 20 fps',
      value: 12,
      threshold: 20,
      at: Date.parse('2026-12-04T10:00:00.000Z'),
    });
  });

  it('ignores an event that is not a known alert', () => {
    expect(alertFromEvent('show', event({ alert: 'nonsense' }))).toBeNull();
    expect(alertFromEvent('show', event({}))).toBeNull();
  });
});
