import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';

/*
 * What a plain-RTP load tool tells the SFU about the streams of
 * syntheticRtp.ts: one VP8 and one Opus encoding with fixed SSRCs, so the
 * SFU routes by SSRC without MID or RID header extensions.
 */

export const VP8_PAYLOAD_TYPE = 101;
export const OPUS_PAYLOAD_TYPE = 100;

export function vp8RtpParameters(ssrc: number): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PAYLOAD_TYPE,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    encodings: [{ ssrc }],
  };
}

export function opusRtpParameters(ssrc: number): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PAYLOAD_TYPE, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    encodings: [{ ssrc }],
  };
}

/**
 * The remote end's SRTP key for a plain transport with SRTP. A sink that
 * never sends RTCP and never decrypts needs no real key, but mediasoup
 * requires one (AES_CM_128_HMAC_SHA1_80: 16 key + 14 salt bytes).
 */
export function randomSrtpParameters(): types.SrtpParameters {
  return { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: randomBytes(30).toString('base64') };
}
