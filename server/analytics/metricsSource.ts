/*
 * What /metrics reads: one plain snapshot per scrape, which the collector
 * builds. Kept apart so the Prometheus exporter needs neither mediasoup nor
 * the collector.
 */
export interface MetricsSnapshot {
  nodeId: string;
  workers: { index: number; pid: number; alive: boolean; cpuPercent: number | null; userMs: number; systemMs: number; memoryKb: number }[];
  routers: number;
  rooms: number;
  peers: number;
  transports: { type: 'webrtc' | 'plain' | 'pipe' | 'direct'; count: number }[];
  producers: { kind: 'audio' | 'video'; type: string /* simple|simulcast|svc */; count: number }[];
  consumers: { kind: 'audio' | 'video'; type: string /* simple|simulcast|svc|pipe */; count: number }[];
  /** Current scores of every producer stream and consumer, for the histogram. */
  scores: { role: 'producer' | 'consumer'; kind: 'audio' | 'video'; score: number }[];
  /** Monotonic since start. */
  workerCrashes: number;
  iceErrors: number;   // transports whose ICE went failed/disconnected
  dtlsErrors: number;  // transports whose DTLS went failed
  inboundBitrate: number;  // bits/s, whole node
  outboundBitrate: number;
}
export interface MetricsSource { metricsSnapshot(): MetricsSnapshot }
