import { describe, expect, it } from 'vitest';
import { isProbation, isRtcp, looksLikeClearVp8, MEDIASOUP_PROBATION, OpusStream, rtpPayload, Pacer, parseVp8, readRtpHeader, RTP_HEADER_BYTES, Vp8Stream } from './syntheticRtp';

function frames(stream: Vp8Stream, count: number): Buffer[][] {
  return Array.from({ length: count }, () => stream.next());
}

describe('Vp8Stream', () => {
  const options = { ssrc: 1234, payloadType: 101, fps: 30, bitrate: 500_000, keyframeIntervalSeconds: 1 };

  it('writes RTP v2 with its ssrc and payload type, consecutive sequence numbers and a marker on each frame\'s last packet', () => {
    const packets = frames(new Vp8Stream(options), 5);
    const headers = packets.flat().map(readRtpHeader);
    expect(headers.every((h) => h.version === 2 && h.ssrc === options.ssrc && h.payloadType === options.payloadType)).toBe(true);
    for (let i = 1; i < headers.length; i++) {
      expect(headers[i]!.sequenceNumber).toBe((headers[i - 1]!.sequenceNumber + 1) & 0xffff);
    }
    for (const frame of packets) {
      expect(frame.map((p) => readRtpHeader(p).marker)).toEqual(frame.map((_, i) => i === frame.length - 1));
    }
  });

  it('advances the timestamp by one frame of the 90 kHz clock and the picture id by one per frame', () => {
    const [a, b] = frames(new Vp8Stream(options), 2);
    const ta = readRtpHeader(a![0]!).timestamp;
    expect(readRtpHeader(b![0]!).timestamp).toBe((ta + 90_000 / options.fps) >>> 0);
    expect(a!.every((p) => readRtpHeader(p).timestamp === ta)).toBe(true);
    expect(parseVp8(b![0]!).pictureId).toBe((parseVp8(a![0]!).pictureId + 1) & 0x7fff);
  });

  it('makes exactly the first frame of each keyframe interval a keyframe, seen on its first packet only', () => {
    const all = frames(new Vp8Stream(options), options.fps * 2);
    const keyframes = all.map((frame, i) => ({ i, key: parseVp8(frame[0]!).keyframe })).filter((f) => f.key).map((f) => f.i);
    expect(keyframes).toEqual([0, options.fps]);
    expect(all.flat().filter((p) => parseVp8(p).start)).toHaveLength(all.length);
    expect(all[0]!.slice(1).some((p) => parseVp8(p).keyframe)).toBe(false);
  });

  it('averages the configured bitrate over a keyframe interval', () => {
    const seconds = 2;
    const all = frames(new Vp8Stream(options), options.fps * seconds).flat();
    const payloadBits = all.reduce((sum, p) => sum + p.length - RTP_HEADER_BYTES, 0) * 8;
    expect(payloadBits / seconds).toBeGreaterThan(options.bitrate * 0.95);
    expect(payloadBits / seconds).toBeLessThan(options.bitrate * 1.1);
  });
});

describe('OpusStream', () => {
  it('sends one packet per 20 ms frame, the timestamp moving 960 ticks of 48 kHz', () => {
    const stream = new OpusStream({ ssrc: 99, payloadType: 100 });
    const [a, b] = [stream.next(), stream.next()];
    expect(a).toHaveLength(1);
    expect(stream.intervalMs).toBe(20);
    const [ha, hb] = [readRtpHeader(a![0]!), readRtpHeader(b![0]!)];
    expect(hb.timestamp - ha.timestamp).toBe(960);
    expect(hb.sequenceNumber).toBe((ha.sequenceNumber + 1) & 0xffff);
    expect(ha.ssrc).toBe(99);
  });
});

describe('Pacer', () => {
  it('owes one frame at the start and one per interval after', () => {
    const pacer = new Pacer(20);
    expect(pacer.due(0)).toBe(1);
    expect(pacer.due(10)).toBe(0);
    expect(pacer.due(20)).toBe(1);
    expect(pacer.due(59)).toBe(1);
    expect(pacer.due(60)).toBe(1);
  });

  it('after a stall sends at most its burst and drops the rest of the backlog', () => {
    const pacer = new Pacer(20, 3);
    pacer.due(0);
    expect(pacer.due(1000)).toBe(3);
    expect(pacer.due(1010)).toBe(0);
    expect(pacer.due(1020)).toBe(1);
  });
});

describe('isRtcp', () => {
  it('tells RTCP (sender report, 200) from the RTP packets of both streams, marker bit or not', () => {
    const senderReport = Buffer.from([0x80, 200, 0x00, 0x06, 0, 0, 0, 1]);
    expect(isRtcp(senderReport)).toBe(true);
    const rtp = [...new Vp8Stream({ ssrc: 1, payloadType: 101 }).next(), ...new OpusStream({ ssrc: 2, payloadType: 100 }).next()];
    expect(rtp.some((p) => readRtpHeader(p).marker)).toBe(true);
    expect(rtp.map(isRtcp)).toEqual(rtp.map(() => false));
  });
});

describe('rtpPayload', () => {
  it('finds the VP8 descriptor past a header extension the SFU added', () => {
    const [packet] = new Vp8Stream({ ssrc: 1, payloadType: 101 }).next();
    expect(looksLikeClearVp8(rtpPayload(packet!))).toBe(true);
    // One-byte-header extension (0xBEDE) of one 32-bit word between header and payload.
    const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, 0x10, 0xaa, 0x00, 0x00]);
    const withExtension = Buffer.concat([packet!.subarray(0, RTP_HEADER_BYTES), extension, packet!.subarray(RTP_HEADER_BYTES)]);
    withExtension[0] = withExtension[0]! | 0x10;
    expect(rtpPayload(withExtension).equals(rtpPayload(packet!))).toBe(true);
    expect(looksLikeClearVp8(rtpPayload(new OpusStream({ ssrc: 2, payloadType: 100 }).next()[0]!))).toBe(false);
  });
});

describe('isProbation', () => {
  it("spots mediasoup's probation stream by its SSRC and payload type together", () => {
    const probe = Buffer.alloc(20);
    probe[0] = 0x90;
    probe[1] = MEDIASOUP_PROBATION.payloadType;
    probe.writeUInt32BE(MEDIASOUP_PROBATION.ssrc, 8);
    expect(isProbation(probe)).toBe(true);
    const [media] = new Vp8Stream({ ssrc: MEDIASOUP_PROBATION.ssrc, payloadType: 101 }).next();
    expect(isProbation(media!)).toBe(false);
  });
});
