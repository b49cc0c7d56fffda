import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionRecord } from '@/lib/analytics/types';
import { initialAnalyticsState, useAnalyticsStore } from '@/stores/analyticsStore';
import { ResourceLoader } from './ResourceLoader';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const session = (id: string) => ({ id }) as SessionRecord;
const sessions = () => useAnalyticsStore.getState().sessions;

describe('ResourceLoader', () => {
  beforeEach(() => useAnalyticsStore.setState(initialAnalyticsState));

  it('shows loading, then the answer', async () => {
    const loader = new ResourceLoader();
    const answer = deferred<SessionRecord[]>();
    const done = loader.load('sessions', 'r1', () => answer.promise);
    expect(sessions()).toMatchObject({ key: 'r1', loading: true, data: null });
    answer.resolve([session('a')]);
    await done;
    expect(sessions()).toMatchObject({ key: 'r1', loading: false, error: null, data: [session('a')] });
  });

  it('never lets an older, slower answer replace a newer one', async () => {
    const loader = new ResourceLoader();
    const slow = deferred<SessionRecord[]>();
    const first = loader.load('sessions', 'r1', () => slow.promise);
    await loader.load('sessions', 'r2', async () => [session('b')]);
    slow.resolve([session('a')]);
    await first;
    expect(sessions()).toMatchObject({ key: 'r2', data: [session('b')] });
  });

  it('keeps the data of the same key while refreshing, drops it for another key', async () => {
    const loader = new ResourceLoader();
    await loader.load('sessions', 'r1', async () => [session('a')]);
    const pending = deferred<SessionRecord[]>();
    void loader.load('sessions', 'r1', () => pending.promise);
    expect(sessions()).toMatchObject({ loading: true, data: [session('a')] });
    void loader.load('sessions', 'r2', () => pending.promise);
    expect(sessions()).toMatchObject({ key: 'r2', loading: true, data: null });
  });

  it('reports a failure as a sentence and keeps what it had', async () => {
    const seen: unknown[] = [];
    const loader = new ResourceLoader((error) => seen.push(error));
    await loader.load('sessions', 'r1', async () => [session('a')]);
    await loader.load('sessions', 'r1', async () => {
      throw new Error('The server answered 500');
    });
    expect(sessions()).toMatchObject({ loading: false, error: 'The server answered 500', data: [session('a')] });
    expect(seen).toHaveLength(1);
  });

  it('updates live only the key it was told', async () => {
    const loader = new ResourceLoader();
    await loader.load('sessions', 'r1', async () => [session('a')]);
    loader.update('sessions', 'r2', (data) => [...data, session('x')]);
    expect(sessions().data).toEqual([session('a')]);
    loader.update('sessions', 'r1', (data) => [...data, session('b')]);
    expect(sessions().data).toEqual([session('a'), session('b')]);
  });
});
