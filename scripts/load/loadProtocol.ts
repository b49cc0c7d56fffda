import type { UdpAddress } from './udpLoad';

/*
 * Messages between a benchmark and its load process (loadChild.ts) over
 * Node's IPC channel. The load runs in its own process so that the cost of
 * receiving the SFU's output is not counted as the server process's CPU.
 */

export interface StreamSpec {
  ssrc: number;
  payloadType: number;
}

export type LoadRequest =
  | { type: 'open-sinks'; count: number }
  | { type: 'start-sending'; target: UdpAddress; video: StreamSpec & { bitrate: number; fps: number }; audio: StreamSpec | null }
  | { type: 'counts' }
  | { type: 'stop' };

export interface LoadCounts {
  /** Media RTP packets and bytes received by all sinks (not RTCP, not the SFU's bandwidth probation). */
  rtpPackets: number;
  rtpBytes: number;
  rtcpPackets: number;
  probationPackets: number;
  /** Per sent stream, packets the sender put on the wire. */
  sentVideoPackets: number;
  sentAudioPackets: number;
  sendErrors: number;
  /** process.cpuUsage() of the load process, µs. */
  cpuMicros: number;
  atMs: number;
}

export type LoadReply =
  | { type: 'sinks'; addresses: UdpAddress[] }
  | { type: 'sending'; from: UdpAddress }
  | { type: 'counts'; counts: LoadCounts }
  | { type: 'error'; message: string };
