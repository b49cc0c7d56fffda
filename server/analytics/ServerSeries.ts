import type { ServerSeries } from '@/lib/analytics/types';

export type SeriesPoint = { t: number; inboundBps: number; outboundBps: number; peers: number; consumers: number; workerCpuPercent: number };

/** A fixed-length ring of overview points for the sparklines (oldest first when read). */
export class SeriesRing {
  readonly #capacity: number;
  readonly #points: SeriesPoint[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(point: SeriesPoint): void {
    this.#points.push(point);
    if (this.#points.length > this.#capacity) this.#points.shift();
  }

  read(): ServerSeries {
    const p = this.#points;
    return {
      t: p.map((x) => x.t),
      inboundBps: p.map((x) => x.inboundBps),
      outboundBps: p.map((x) => x.outboundBps),
      peers: p.map((x) => x.peers),
      consumers: p.map((x) => x.consumers),
      workerCpuPercent: p.map((x) => x.workerCpuPercent),
    };
  }
}
