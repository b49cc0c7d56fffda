/*
 * The load process of a plain-RTP benchmark (started by LoadProcess): opens
 * UDP sinks for the SFU's plain recv transports, sends synthetic VP8 + Opus
 * into a plain send transport, and reports counts. Imports no mediasoup.
 */
import type { LoadCounts, LoadReply, LoadRequest } from './loadProtocol';
import { OpusStream, Vp8Stream, type PacketSource } from './syntheticRtp';
import { RtpSender, UdpSink } from './udpLoad';

const sinks: UdpSink[] = [];
let sender: RtpSender | undefined;

function reply(message: LoadReply): void {
  process.send?.(message);
}

function counts(): LoadCounts {
  const cpu = process.cpuUsage();
  const sum = (pick: (s: UdpSink) => number) => sinks.reduce((n, s) => n + pick(s), 0);
  return {
    rtpPackets: sum((s) => s.packets),
    rtpBytes: sum((s) => s.bytes),
    rtcpPackets: sum((s) => s.rtcpPackets),
    probationPackets: sum((s) => s.probationPackets),
    sentVideoPackets: sender?.sentBySource[0] ?? 0,
    sentAudioPackets: sender?.sentBySource[1] ?? 0,
    sendErrors: sender?.errors ?? 0,
    cpuMicros: cpu.user + cpu.system,
    atMs: performance.now(),
  };
}

async function startSending(request: Extract<LoadRequest, { type: 'start-sending' }>): Promise<LoadReply> {
  const sources: PacketSource[] = [new Vp8Stream(request.video)];
  if (request.audio) sources.push(new OpusStream(request.audio));
  sender = await RtpSender.open(request.target, sources);
  sender.start();
  return { type: 'sending', from: sender.localAddress };
}

async function handle(request: LoadRequest): Promise<LoadReply | undefined> {
  switch (request.type) {
    case 'open-sinks': {
      const opened = await Promise.all(Array.from({ length: request.count }, () => UdpSink.open()));
      sinks.push(...opened);
      return { type: 'sinks', addresses: opened.map((s) => s.address) };
    }
    case 'start-sending':
      return startSending(request);
    case 'counts':
      return { type: 'counts', counts: counts() };
    case 'stop':
      sender?.close();
      for (const sink of sinks) sink.close();
      process.disconnect?.();
      return undefined;
  }
}

process.on('message', (request: LoadRequest) => {
  handle(request).then(
    (answer) => answer && reply(answer),
    (error: unknown) => reply({ type: 'error', message: String(error) }),
  );
});
// The parent gone (crashed or killed) means nobody reads the counts: stop.
process.on('disconnect', () => process.exit(0));
