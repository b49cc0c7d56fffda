import { useAnalyticsStore, type AnalyticsState, type Resource } from '@/stores/analyticsStore';

/** The store's fields that hold a REST answer. */
export type ResourceName = {
  [K in keyof AnalyticsState]: AnalyticsState[K] extends Resource<unknown> ? K : never;
}[keyof AnalyticsState];

export type ResourceData<K extends ResourceName> = AnalyticsState[K] extends Resource<infer T> ? T : never;

function describe(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong';
}

/**
 * Fills the store's REST resources. Only the newest request per resource may
 * write its answer, so a slow answer for an old room never replaces the
 * current one; data for the same key stays on screen while it refreshes.
 */
export class ResourceLoader {
  readonly #latest = new Map<ResourceName, number>();
  #requests = 0;
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  async load<K extends ResourceName>(name: K, key: string, fetch: () => Promise<ResourceData<K>>): Promise<void> {
    const request = ++this.#requests;
    this.#latest.set(name, request);
    const previous = useAnalyticsStore.getState()[name] as Resource<ResourceData<K>>;
    const data = previous.key === key ? previous.data : null;
    this.#set(name, { key, data, loading: true, error: null });
    try {
      const answer = await fetch();
      if (this.#latest.get(name) === request) this.#set(name, { key, data: answer, loading: false, error: null });
    } catch (error) {
      this.#onError(error);
      if (this.#latest.get(name) === request) this.#set(name, { key, data, loading: false, error: describe(error) });
    }
  }

  /** Changes the data of a resource in place (a live addition), if it still holds `key`. */
  update<K extends ResourceName>(name: K, key: string, change: (data: ResourceData<K>) => ResourceData<K>): void {
    const current = useAnalyticsStore.getState()[name] as Resource<ResourceData<K>>;
    if (current.key !== key || current.data === null) return;
    this.#set(name, { ...current, data: change(current.data) });
  }

  #set<K extends ResourceName>(name: K, value: Resource<ResourceData<K>>): void {
    useAnalyticsStore.setState({ [name]: value } as unknown as Partial<AnalyticsState>);
  }
}
