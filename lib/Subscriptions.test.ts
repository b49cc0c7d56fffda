import { describe, expect, it } from 'vitest';
import { Subscriptions } from './Subscriptions';
import { TypedEmitter } from './TypedEmitter';

class Ticker extends TypedEmitter<{ tick: [n: number] }> {
  fire(n: number): void {
    this.emit('tick', n);
  }
}

describe('Subscriptions', () => {
  it('takes back every listener it added, and only those', () => {
    const ticker = new Ticker();
    const subs = new Subscriptions();
    const seen: string[] = [];
    subs.add(ticker.subscribe('tick', (n) => seen.push(`a${n}`)));
    subs.add(ticker.subscribe('tick', (n) => seen.push(`b${n}`)));
    ticker.on('tick', (n) => seen.push(`own${n}`));
    ticker.fire(1);
    subs.clear();
    ticker.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'own1', 'own2']);
    subs.clear();
  });
});
