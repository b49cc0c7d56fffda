/**
 * Up to two uppercase initials for an avatar: "Ada Lovelace" → "AL",
 * "grace" → "G", "" → "?". Works on code points, so emoji and accented
 * letters are not split in half.
 */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return '?';
  const first = Array.from(words[0])[0] ?? '';
  if (words.length === 1) return first.toUpperCase();
  const last = Array.from(words[words.length - 1])[0] ?? '';
  return (first + last).toUpperCase();
}
