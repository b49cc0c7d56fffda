import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http(s) and www links into links, keeping the text around them', () => {
    expect(linkify('see https://example.org/a?b=1 and www.podium.dev now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'www.podium.dev', href: 'https://www.podium.dev/' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves sentence punctuation and an unopened parenthesis outside the link', () => {
    expect(linkify('(docs: https://x.org/p).')).toEqual([
      { kind: 'text', text: '(docs: ' },
      { kind: 'link', text: 'https://x.org/p', href: 'https://x.org/p' },
      { kind: 'text', text: ').' },
    ]);
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it('never makes a link of another scheme', () => {
    for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'click javascript://%0aalert(1)', 'ftp://x.org']) {
      expect(linkify(text).every((s) => s.kind === 'text'), text).toBe(true);
    }
  });

  it('gives plain text as one segment, and nothing for nothing', () => {
    expect(linkify('hello')).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(linkify('')).toEqual([]);
  });
});
