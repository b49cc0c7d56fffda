import { randomBytes, randomInt } from 'node:crypto';

/*
 * Synthetic RTP for load tools: valid RTP packets carrying a VP8 payload
 * descriptor (RFC 7741) and Opus-sized audio, so mediasoup parses, forwards
 * and encrypts them as it would a browser's. The payload bytes are filler: no
 * decoder ever sees them, and SRTP costs the same whatever they hold.
 */

export const RTP_HEADER_BYTES = 12;
/** X, I (15-bit picture id), L (TL0PICIDX), T/K byte: what Chrome sends. */
export const VP8_DESCRIPTOR_BYTES = 6;

export interface RtpHeaderFields {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/** A source of packets paced by wall time: `next()` gives one frame's packets. */
export interface PacketSource {
  readonly intervalMs: number;
  next(): Buffer[];
}

export function writeRtpHeader(buf: Buffer, h: RtpHeaderFields): void {
  buf[0] = 0x80; // V=2, no padding, no extension, no CSRC
  buf[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  buf.writeUInt16BE(h.sequenceNumber & 0xffff, 2);
  buf.writeUInt32BE(h.timestamp >>> 0, 4);
  buf.writeUInt32BE(h.ssrc >>> 0, 8);
}

export function readRtpHeader(buf: Buffer): RtpHeaderFields & { version: number } {
  return {
    version: buf[0]! >> 6,
    payloadType: buf[1]! & 0x7f,
    marker: (buf[1]! & 0x80) !== 0,
    sequenceNumber: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4),
    ssrc: buf.readUInt32BE(8),
  };
}

/** Shared filler so packets cost no allocation of random bytes each. */
const FILLER = randomBytes(1500);

/** The first bytes of a VP8 frame: bit 0 of the tag is 0 on a keyframe, which is how mediasoup spots one. */
function vp8FrameStart(keyframe: boolean, width: number, height: number): Buffer {
  if (!keyframe) return Buffer.from([0x11, 0x00, 0x00]); // inter frame, show_frame
  const start = Buffer.alloc(10);
  start[0] = 0x10; // keyframe, version 0, show_frame
  start.set([0x9d, 0x01, 0x2a], 3); // keyframe start code
  start.writeUInt16LE(width & 0x3fff, 6);
  start.writeUInt16LE(height & 0x3fff, 8);
  return start;
}

export interface Vp8StreamOptions {
  ssrc: number;
  payloadType: number;
  fps?: number;
  bitrate?: number;
  keyframeIntervalSeconds?: number;
  /** Payload bytes per packet after the descriptor. */
  maxPayloadBytes?: number;
  width?: number;
  height?: number;
}

/** One VP8 video stream: ~`bitrate` bits/s in frames of 1+ packets, a keyframe (4x a delta frame) every interval. */
export class Vp8Stream implements PacketSource {
  readonly intervalMs: number;
  readonly #o: Required<Vp8StreamOptions>;
  readonly #framesPerKeyframe: number;
  readonly #deltaFrameBytes: number;
  #sequenceNumber = randomInt(0, 0x10000);
  #timestamp = randomInt(0, 0x1_0000_0000);
  #pictureId = randomInt(0, 0x8000);
  #tl0PicIdx = randomInt(0, 0x100);
  #frame = 0;

  constructor(options: Vp8StreamOptions) {
    this.#o = { fps: 30, bitrate: 500_000, keyframeIntervalSeconds: 2, maxPayloadBytes: 1100, width: 640, height: 360, ...options };
    this.intervalMs = 1000 / this.#o.fps;
    this.#framesPerKeyframe = Math.max(1, Math.round(this.#o.fps * this.#o.keyframeIntervalSeconds));
    // Keyframes weigh 4 delta frames; the average over an interval meets the bitrate.
    const bytesPerInterval = (this.#o.bitrate / 8) * (this.#framesPerKeyframe / this.#o.fps);
    this.#deltaFrameBytes = Math.max(16, Math.round(bytesPerInterval / (this.#framesPerKeyframe - 1 + 4)));
  }

  next(): Buffer[] {
    const keyframe = this.#frame % this.#framesPerKeyframe === 0;
    const frameBytes = this.#deltaFrameBytes * (keyframe ? 4 : 1);
    const count = Math.ceil(frameBytes / this.#o.maxPayloadBytes);
    const packets: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const size = i < count - 1 ? this.#o.maxPayloadBytes : frameBytes - i * this.#o.maxPayloadBytes;
      packets.push(this.#packet(i === 0, i === count - 1, keyframe, size));
    }
    this.#frame++;
    this.#timestamp = (this.#timestamp + Math.round(90_000 / this.#o.fps)) >>> 0;
    this.#pictureId = (this.#pictureId + 1) & 0x7fff;
    this.#tl0PicIdx = (this.#tl0PicIdx + 1) & 0xff;
    return packets;
  }

  #packet(first: boolean, last: boolean, keyframe: boolean, payloadBytes: number): Buffer {
    const buf = Buffer.alloc(RTP_HEADER_BYTES + VP8_DESCRIPTOR_BYTES + payloadBytes);
    writeRtpHeader(buf, {
      payloadType: this.#o.payloadType,
      marker: last,
      sequenceNumber: this.#sequenceNumber,
      timestamp: this.#timestamp,
      ssrc: this.#o.ssrc,
    });
    this.#sequenceNumber = (this.#sequenceNumber + 1) & 0xffff;
    const d = RTP_HEADER_BYTES;
    buf[d] = 0x80 | (first ? 0x10 : 0); // X, S on the first packet, partition 0
    buf[d + 1] = 0xe0; // I, L, T
    buf.writeUInt16BE(0x8000 | this.#pictureId, d + 2); // M bit: 15-bit picture id
    buf[d + 4] = this.#tl0PicIdx;
    buf[d + 5] = 0x20; // TID 0, Y (layer sync)
    const payload = buf.subarray(d + VP8_DESCRIPTOR_BYTES);
    FILLER.copy(payload, 0, 0, payload.length);
    if (first) vp8FrameStart(keyframe, this.#o.width, this.#o.height).copy(payload);
    return buf;
  }
}

export interface OpusStreamOptions {
  ssrc: number;
  payloadType: number;
  /** Opus at 32 kbit/s in 20 ms frames is 80 bytes. */
  payloadBytes?: number;
}

/** Opus-sized audio: one packet every 20 ms (50 packets/s). */
export class OpusStream implements PacketSource {
  readonly intervalMs = 20;
  readonly #o: Required<OpusStreamOptions>;
  #sequenceNumber = randomInt(0, 0x10000);
  #timestamp = randomInt(0, 0x1_0000_0000);

  constructor(options: OpusStreamOptions) {
    this.#o = { payloadBytes: 80, ...options };
  }

  next(): Buffer[] {
    const buf = Buffer.alloc(RTP_HEADER_BYTES + this.#o.payloadBytes);
    writeRtpHeader(buf, {
      payloadType: this.#o.payloadType,
      marker: false,
      sequenceNumber: this.#sequenceNumber,
      timestamp: this.#timestamp,
      ssrc: this.#o.ssrc,
    });
    FILLER.copy(buf, RTP_HEADER_BYTES, 0, this.#o.payloadBytes);
    buf[RTP_HEADER_BYTES] = 0x78; // TOC: SILK wideband 20 ms, mono, one frame
    this.#sequenceNumber = (this.#sequenceNumber + 1) & 0xffff;
    this.#timestamp = (this.#timestamp + 960) >>> 0;
    return [buf];
  }
}

/** The payload of an RTP packet, past CSRCs and any header extension (the SFU adds its own). */
export function rtpPayload(packet: Buffer): Buffer {
  const csrcCount = packet[0]! & 0x0f;
  let offset = RTP_HEADER_BYTES + 4 * csrcCount;
  if (packet[0]! & 0x10) offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  return packet.subarray(offset);
}

/** Whether a payload starts with the VP8 descriptor Vp8Stream writes (X, S/partition 0, I L T, 15-bit picture id). */
export function looksLikeClearVp8(payload: Buffer): boolean {
  return (payload[0] === 0x80 || payload[0] === 0x90) && payload[1] === 0xe0 && ((payload[2] ?? 0) & 0x80) !== 0;
}

/** mediasoup's bandwidth probation stream (RtpProbationGenerator): fixed SSRC and payload type, no media. */
export const MEDIASOUP_PROBATION = { ssrc: 1234, payloadType: 127 } as const;

export function isProbation(packet: Buffer): boolean {
  return (packet[1]! & 0x7f) === MEDIASOUP_PROBATION.payloadType && packet.readUInt32BE(8) === MEDIASOUP_PROBATION.ssrc;
}

/** RTCP shares the port with RTP (rtcp-mux): its second byte is a packet type 192-223 (RFC 5761). */
export function isRtcp(packet: Buffer): boolean {
  const type = packet[1] ?? 0;
  return type >= 192 && type <= 223;
}

/** Reads a VP8 payload descriptor the way mediasoup does; for tests and sanity checks. */
export function parseVp8(packet: Buffer): { start: boolean; partitionIndex: number; pictureId: number; keyframe: boolean } {
  const d = RTP_HEADER_BYTES;
  const start = (packet[d]! & 0x10) !== 0;
  const partitionIndex = packet[d]! & 0x07;
  const pictureId = packet.readUInt16BE(d + 2) & 0x7fff;
  const keyframe = start && partitionIndex === 0 && (packet[d + VP8_DESCRIPTOR_BYTES]! & 0x01) === 0;
  return { start, partitionIndex, pictureId, keyframe };
}

/**
 * Paces one source by wall time. After a stall (a busy event loop) it sends a
 * short burst and skips the rest, as a real encoder drops frames, rather than
 * flooding the SFU with the whole backlog.
 */
export class Pacer {
  readonly #intervalMs: number;
  readonly #maxBurst: number;
  #sent = 0;

  constructor(intervalMs: number, maxBurst = 3) {
    this.#intervalMs = intervalMs;
    this.#maxBurst = maxBurst;
  }

  /** Frames to send now, `elapsedMs` after the start. */
  due(elapsedMs: number): number {
    const owed = Math.floor(elapsedMs / this.#intervalMs) + 1 - this.#sent;
    if (owed <= 0) return 0;
    const now = Math.min(owed, this.#maxBurst);
    this.#sent += owed; // the frames beyond the burst are dropped, not owed
    return now;
  }
}
