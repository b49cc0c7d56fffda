import * as mediasoup from 'mediasoup';

export interface MediasoupCounts {
  workers: number;
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

/**
 * Live object counts taken from mediasoup's own observer events, independent
 * of the app's maps: if the app forgets to close something, these show it.
 */
export class MediasoupCounters {
  readonly #counts: MediasoupCounts = { workers: 0, routers: 0, transports: 0, producers: 0, consumers: 0 };

  constructor() {
    mediasoup.observer.on('newworker', (worker) => {
      this.#track('workers', worker.observer);
      worker.observer.on('newrouter', (router) => {
        this.#track('routers', router.observer);
        router.observer.on('newtransport', (transport) => {
          this.#track('transports', transport.observer);
          transport.observer.on('newproducer', (producer) => this.#track('producers', producer.observer));
          transport.observer.on('newconsumer', (consumer) => this.#track('consumers', consumer.observer));
        });
      });
    });
  }

  #track(key: keyof MediasoupCounts, observer: { once(event: 'close', fn: () => void): unknown }): void {
    this.#counts[key]++;
    observer.once('close', () => this.#counts[key]--);
  }

  get counts(): MediasoupCounts {
    return { ...this.#counts };
  }
}
