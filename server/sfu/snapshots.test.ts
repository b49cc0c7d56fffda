import { describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import { plainStreamStats, rtpTicksToMs } from './snapshots';

describe('rtpTicksToMs', () => {
  it('turns RTP timestamp ticks into ms at the codec clock rate', () => {
    expect(rtpTicksToMs(900, 90000)).toBe(10);
    expect(rtpTicksToMs(480, 48000)).toBe(10);
  });

  it('reads 0 when the clock rate is unknown rather than dividing by zero', () => {
    expect(rtpTicksToMs(900, 0)).toBe(0);
  });
});

describe('plainStreamStats', () => {
  const producerStat = {
    type: 'inbound-rtp',
    timestamp: 1,
    ssrc: 1111,
    rid: 'r1',
    kind: 'video',
    mimeType: 'video/VP8',
    packetsLost: 3,
    fractionLost: 12,
    packetsDiscarded: 0,
    packetsRetransmitted: 0,
    packetsRepaired: 0,
    nackCount: 4,
    nackPacketCount: 4,
    pliCount: 1,
    firCount: 0,
    score: 9,
    packetCount: 500,
    byteCount: 400000,
    bitrate: 250000,
    jitter: 1350,
    bitrateByLayer: {},
  } as unknown as types.ProducerStat;

  it('reports jitter in ms, not in the RTP ticks mediasoup counts', () => {
    expect(plainStreamStats(producerStat, 90000).jitterMs).toBe(15);
  });

  it('keeps the counters and the rid of a simulcast layer', () => {
    expect(plainStreamStats(producerStat, 90000)).toMatchObject({
      ssrc: 1111,
      rid: 'r1',
      packetCount: 500,
      byteCount: 400000,
      packetsLost: 3,
      fractionLost: 12,
      nackCount: 4,
      pliCount: 1,
      score: 9,
      roundTripTime: null,
    });
  });
});
