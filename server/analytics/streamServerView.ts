import type { ProducerView } from '@/lib/analytics/types';
import type { ServerLayerView, StreamServerView } from '@/lib/studio/types';

/**
 * The SFU's own view of a stream (SPEC 4 "server view"), from the collector's
 * producer views of the stream's room: score, bitrate and bytes per simulcast
 * layer as mediasoup receives them, and how many viewers get each layer.
 */
export function streamServerView(
  streamId: string,
  ownerPeerId: string,
  producers: readonly ProducerView[],
  viewerCount: number,
  at: number,
): StreamServerView {
  const own = producers.filter((p) => p.peerId === ownerPeerId);
  const video = own.find((p) => p.kind === 'video' && p.source === 'camera') ?? own.find((p) => p.kind === 'video');
  const audio = own.find((p) => p.kind === 'audio');
  return {
    streamId,
    at,
    viewerCount,
    video: video
      ? {
          producerId: video.id,
          paused: video.paused,
          codec: video.codec,
          bitrate: video.bitrate,
          layers: videoLayers(video),
        }
      : null,
    audio: audio
      ? { producerId: audio.id, paused: audio.paused, score: audio.score[0]?.score ?? 0, bitrate: audio.bitrate }
      : null,
  };
}

/** Every encoding the producer declared, measured or not: a layer the SFU never sees shows as 0. */
function videoLayers(video: ProducerView): ServerLayerView[] {
  const declared = video.simulcastLayers.length > 0 ? video.simulcastLayers : [{}];
  return declared.map((encoding, spatialLayer) => {
    const measured =
      video.layers.find((l) => l.spatialLayer === spatialLayer) ??
      video.layers.find((l) => encoding.rid !== undefined && l.rid === encoding.rid);
    const score = video.score.find((s) => (encoding.ssrc !== undefined && s.ssrc === encoding.ssrc) || (encoding.rid !== undefined && s.rid === encoding.rid));
    return {
      rid: encoding.rid ?? measured?.rid ?? null,
      spatialLayer,
      score: measured?.score ?? score?.score ?? 0,
      bitrate: measured?.bitrate ?? 0,
      bytes: measured?.bytes ?? 0,
      packets: measured?.packets ?? 0,
      viewers: video.consumersPerLayer[spatialLayer] ?? 0,
    };
  });
}
