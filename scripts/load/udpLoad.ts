import dgram from 'node:dgram';
import { once } from 'node:events';
import { isProbation, isRtcp, Pacer, type PacketSource } from './syntheticRtp';

/*
 * The two ends of plain-RTP load on loopback: a sender that paces synthetic
 * RTP into an SFU plain transport, and sinks that only count what the SFU
 * sends back. Loopback only: these are test targets, never a real network.
 */

export interface UdpAddress {
  ip: string;
  port: number;
}

const TICK_MS = 5;

export class RtpSender {
  readonly #socket: dgram.Socket;
  readonly #sources: { source: PacketSource; pacer: Pacer }[];
  #timer: NodeJS.Timeout | undefined;
  /** Packets sent, by index of the source given to open(). */
  readonly sentBySource: number[];
  packetsSent = 0;
  bytesSent = 0;
  errors = 0;

  /** A socket bound on `localIp` and connected to the SFU's (comedia) plain transport. */
  static async open(target: UdpAddress, sources: PacketSource[], localIp = '127.0.0.1'): Promise<RtpSender> {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, localIp);
    await once(socket, 'listening');
    socket.connect(target.port, target.ip);
    await once(socket, 'connect');
    return new RtpSender(socket, sources);
  }

  private constructor(socket: dgram.Socket, sources: PacketSource[]) {
    this.#socket = socket;
    this.#sources = sources.map((source) => ({ source, pacer: new Pacer(source.intervalMs) }));
    this.sentBySource = sources.map(() => 0);
    // A send to a closed port (the SFU gone first) must not crash the tool.
    socket.on('error', () => this.errors++);
  }

  get localAddress(): UdpAddress {
    const a = this.#socket.address();
    return { ip: a.address, port: a.port };
  }

  start(): void {
    if (this.#timer) return;
    const startedAt = performance.now();
    this.#timer = setInterval(() => this.#tick(performance.now() - startedAt), TICK_MS);
  }

  #tick(elapsedMs: number): void {
    this.#sources.forEach(({ source, pacer }, index) => {
      for (let n = pacer.due(elapsedMs); n > 0; n--) {
        const packets = source.next();
        this.sentBySource[index]! += packets.length;
        for (const packet of packets) this.#send(packet);
      }
    });
  }

  #send(packet: Buffer): void {
    this.packetsSent++;
    this.bytesSent += packet.length;
    this.#socket.send(packet, (error) => {
      if (error) this.errors++;
    });
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#socket.close();
  }
}

export class UdpSink {
  readonly #socket: dgram.Socket;
  /** Media RTP only; RTCP sharing the port and the SFU's bandwidth probation packets are counted apart. */
  packets = 0;
  bytes = 0;
  rtcpPackets = 0;
  probationPackets = 0;
  #onPacket: ((packet: Buffer) => void) | undefined;

  static async open(ip = '127.0.0.1'): Promise<UdpSink> {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, ip);
    await once(socket, 'listening');
    return new UdpSink(socket);
  }

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
    socket.on('message', (packet) => {
      if (isRtcp(packet)) {
        this.rtcpPackets++;
        return;
      }
      if (isProbation(packet)) {
        this.probationPackets++;
        return;
      }
      this.packets++;
      this.bytes += packet.length;
      this.#onPacket?.(packet);
    });
  }

  get address(): UdpAddress {
    const a = this.#socket.address();
    return { ip: a.address, port: a.port };
  }

  /** For tests: look at each media RTP packet as it arrives. */
  onPacket(fn: (packet: Buffer) => void): void {
    this.#onPacket = fn;
  }

  close(): void {
    this.#socket.close();
  }
}
