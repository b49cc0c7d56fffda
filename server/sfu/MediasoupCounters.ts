import * as mediasoup from 'mediasoup';

export interface MediasoupCounts {
  workers: number;
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

/** Live objects by label: transports by type, producers and consumers by `kind:type`. */
export interface LabeledCounts {
  transports: Record<string, number>;
  producers: Record<string, number>;
  consumers: Record<string, number>;
}

type Closable = { once(event: 'close', fn: () => void): unknown };

/** 'WebRtcTransport' → 'webrtc'; mediasoup 3.12 transports carry no type field. */
function transportType(transport: object): string {
  return transport.constructor.name.replace(/Transport$/, '').toLowerCase() || 'unknown';
}

/**
 * Live object counts taken from mediasoup's own observer events, independent
 * of the app's maps: if the app forgets to close something, these show it.
 */
export class MediasoupCounters {
  readonly #counts: MediasoupCounts = { workers: 0, routers: 0, transports: 0, producers: 0, consumers: 0 };
  readonly #labeled: LabeledCounts = { transports: {}, producers: {}, consumers: {} };

  constructor() {
    mediasoup.observer.on('newworker', (worker) => {
      this.#track('workers', worker.observer);
      worker.observer.on('newrouter', (router) => {
        this.#track('routers', router.observer);
        router.observer.on('newtransport', (transport) => {
          this.#track('transports', transport.observer, transportType(transport));
          transport.observer.on('newproducer', (producer) =>
            this.#track('producers', producer.observer, `${producer.kind}:${producer.type}`),
          );
          transport.observer.on('newconsumer', (consumer) =>
            this.#track('consumers', consumer.observer, `${consumer.kind}:${consumer.type}`),
          );
        });
      });
    });
  }

  #track(key: keyof MediasoupCounts, observer: Closable, label?: string): void {
    this.#counts[key]++;
    const labeled = label && key !== 'workers' && key !== 'routers' ? this.#labeled[key] : undefined;
    if (labeled && label) labeled[label] = (labeled[label] ?? 0) + 1;
    observer.once('close', () => {
      this.#counts[key]--;
      if (labeled && label) labeled[label]--;
    });
  }

  get counts(): MediasoupCounts {
    return { ...this.#counts };
  }

  get labeled(): LabeledCounts {
    return {
      transports: { ...this.#labeled.transports },
      producers: { ...this.#labeled.producers },
      consumers: { ...this.#labeled.consumers },
    };
  }
}
