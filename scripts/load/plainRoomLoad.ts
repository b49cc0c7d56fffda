import { runLimited } from '@/lib/runLimited';
import type { ProducerInfo } from '@/lib/protocol';
import type { Room } from '@/server/sfu/Room';
import type { RoomRegistry } from '@/server/sfu/RoomRegistry';
import type { LoadProcess } from './LoadProcess';
import { opusRtpParameters, OPUS_PAYLOAD_TYPE, randomSrtpParameters, vp8RtpParameters, VP8_PAYLOAD_TYPE } from './plainMedia';

/*
 * N synthetic consumers in one real room, through the app's own Room and
 * Peer: one publisher whose plain send transport gets VP8 + Opus from the
 * load process, and ceil(N/2) subscriber peers, each with one SRTP plain
 * recv transport into a sink of the load process, consuming video and
 * audio (one consumer per producer per peer, as the app allows).
 */

export interface PlainRoomLoadOptions {
  roomId: string;
  consumers: number;
  videoBitrate: number;
  fps: number;
  /** Channel requests in flight while building (keeps the worker channel from flooding). */
  concurrency?: number;
}

export interface PlainRoomLoad {
  room: Room;
  subscribers: number;
  videoConsumers: number;
  audioConsumers: number;
  setupMs: number;
}

const VIDEO_SSRC = 11_110_000;
const AUDIO_SSRC = 11_110_100;

/** Subscriber i consumes video, and audio too unless it is the odd one out of an odd N. */
function consumersOf(i: number, total: number): number {
  return Math.min(2, total - 2 * i);
}

async function publish(room: Room, options: PlainRoomLoadOptions) {
  const publisher = room.addPeer({ id: `${options.roomId}-publisher`, displayName: 'Synthetic publisher' });
  const send = await publisher.createPlainTransport('send', { comedia: true });
  const video = await publisher.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8RtpParameters(VIDEO_SSRC) });
  const audio = await publisher.produce({ transportId: send.id, kind: 'audio', source: 'mic', rtpParameters: opusRtpParameters(AUDIO_SSRC) });
  // As the app does for every microphone.
  await room.watchAudio(audio.id);
  return { send, video, audio };
}

async function subscribe(room: Room, index: number, sink: { ip: string; port: number }, producers: ProducerInfo[], roomId: string): Promise<void> {
  const peer = room.addPeer({ id: `${roomId}-sub-${index}`, displayName: `Synthetic viewer ${index}` });
  const recv = await peer.createPlainTransport('recv', { enableSrtp: true });
  await peer.connectPlainTransport(recv.id, { ...sink, srtpParameters: randomSrtpParameters() });
  for (const producer of producers) {
    const consumer = await room.consume(peer, { transportId: recv.id, producerId: producer.id, rtpCapabilities: room.rtpCapabilities });
    await peer.resumeConsumer(consumer.id);
  }
}

/** Builds the room and starts the media; the load process must be fresh. Throws if any part fails. */
export async function buildPlainRoomLoad(registry: RoomRegistry, load: LoadProcess, options: PlainRoomLoadOptions): Promise<PlainRoomLoad> {
  const startedAt = performance.now();
  const room = await registry.getOrCreate(options.roomId);
  const { send, video, audio } = await publish(room, options);
  const subscribers = Math.ceil(options.consumers / 2);
  const sinks = await load.openSinks(subscribers);
  const errors: unknown[] = [];
  const jobs = sinks.map((sink, i) => () => subscribe(room, i, sink, [video, audio].slice(0, consumersOf(i, options.consumers)), options.roomId));
  await runLimited(jobs, options.concurrency ?? 16, (error) => errors.push(error));
  if (errors.length > 0) throw new Error(`${errors.length} subscriber(s) failed, first: ${String(errors[0])}`);
  await load.startSending({
    target: { ip: send.ip, port: send.port },
    video: { ssrc: VIDEO_SSRC, payloadType: VP8_PAYLOAD_TYPE, bitrate: options.videoBitrate, fps: options.fps },
    audio: { ssrc: AUDIO_SSRC, payloadType: OPUS_PAYLOAD_TYPE },
  });
  const audioConsumers = Math.floor(options.consumers / 2);
  return {
    room,
    subscribers,
    videoConsumers: options.consumers - audioConsumers,
    audioConsumers,
    setupMs: Math.round(performance.now() - startedAt),
  };
}
