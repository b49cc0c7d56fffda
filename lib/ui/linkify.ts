export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Only web links: a "javascript:", "data:" or any other scheme stays plain text.
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
// Sentence punctuation after a link is not part of it ("see https://x.org.").
const TRAILING = /[.,;:!?'"\]]+$/;

/** Splits a chat message into text and safe http(s) links, in order. */
export function linkify(message: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of message.matchAll(URL_PATTERN)) {
    let candidate = match[0].replace(TRAILING, '');
    // A closing parenthesis belongs to the link only if the link opened one.
    while (candidate.endsWith(')') && count(candidate, '(') < count(candidate, ')')) candidate = candidate.slice(0, -1);
    const href = safeHref(candidate);
    if (!href) continue;
    const start = match.index;
    if (start > last) segments.push({ kind: 'text', text: message.slice(last, start) });
    segments.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < message.length) segments.push({ kind: 'text', text: message.slice(last) });
  return segments;
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate.startsWith('www.') ? `https://${candidate}` : candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const count = (s: string, ch: string) => s.split(ch).length - 1;
