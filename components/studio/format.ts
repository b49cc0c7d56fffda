/*
 * How the studio's numbers read. en-US everywhere so "1,234 kbps" looks the
 * same on every machine (and in the tests).
 */

export const DASH = '—';

const integer = (value: number) => Math.round(value).toLocaleString('en-US');

export const formatKbps = (kbps: number) => `${integer(kbps)} kbps`;

/** Decimal units, as file managers show a download: "2.3 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${value.toFixed(1)} ${unit}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, 24 h: "14:02:31". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A running duration: "03:07" (minutes keep counting past 59). */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}
