import { describe, expect, it } from 'vitest';
import type { ProducerView } from '@/lib/analytics/types';
import { streamServerView } from './streamServerView';

function producer(patch: Partial<ProducerView>): ProducerView {
  return {
    id: 'p',
    peerId: 'owner',
    peerName: 'Streamer',
    kind: 'video',
    source: 'camera',
    type: 'simulcast',
    paused: false,
    codec: 'VP8',
    score: [],
    rtpParameters: {},
    simulcastLayers: [],
    layers: [],
    bitrate: 0,
    consumersPerLayer: [],
    statsAt: null,
    ...patch,
  };
}

const layer = (spatialLayer: number, rid: string, bitrate: number, score = 10) => ({
  rid,
  ssrc: 100 + spatialLayer,
  spatialLayer,
  score,
  bitrate,
  packets: 10,
  bytes: bitrate / 8,
  packetsLost: 0,
  lossPercent: 0,
  jitterMs: 0,
  nackCount: 0,
  pliCount: 0,
  firCount: 0,
});

describe('streamServerView', () => {
  it('lists every declared layer, a missing one as 0, with the viewers on each', () => {
    const video = producer({
      id: 'cam',
      simulcastLayers: [{ rid: 'r0' }, { rid: 'r1' }, { rid: 'r2' }],
      layers: [layer(0, 'r0', 100_000), layer(1, 'r1', 300_000, 9)],
      bitrate: 400_000,
      consumersPerLayer: [2, 1, 0],
    });
    const view = streamServerView('show', 'owner', [video], 3, 1000);
    expect(view.viewerCount).toBe(3);
    expect(view.video?.producerId).toBe('cam');
    expect(view.video?.layers).toEqual([
      { rid: 'r0', spatialLayer: 0, score: 10, bitrate: 100_000, bytes: 12_500, packets: 10, viewers: 2 },
      { rid: 'r1', spatialLayer: 1, score: 9, bitrate: 300_000, bytes: 37_500, packets: 10, viewers: 1 },
      { rid: 'r2', spatialLayer: 2, score: 0, bitrate: 0, bytes: 0, packets: 0, viewers: 0 },
    ]);
  });

  it("takes only the owner's producers, camera before other video, and the mic", () => {
    const view = streamServerView(
      'show',
      'owner',
      [
        producer({ id: 'stranger', peerId: 'someone' }),
        producer({ id: 'screen', source: 'screen' }),
        producer({ id: 'cam' }),
        producer({ id: 'mic', kind: 'audio', source: 'mic', score: [{ ssrc: 1, score: 8 }], bitrate: 32_000 }),
      ],
      0,
      0,
    );
    expect(view.video?.producerId).toBe('cam');
    expect(view.audio).toEqual({ producerId: 'mic', paused: false, score: 8, bitrate: 32_000 });
  });

  it('is empty before the streamer publishes', () => {
    const view = streamServerView('show', 'owner', [], 1, 0);
    expect(view.video).toBeNull();
    expect(view.audio).toBeNull();
  });
});
