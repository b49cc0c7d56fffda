/* Times for people, in the browser's own time zone. */

function date(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "14:02:11" */
export function formatClock(iso: string | null | undefined): string {
  const d = date(iso);
  return d ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }) : '—';
}

/** "3 Jan, 14:02:11", or just the clock for today. */
export function formatWhen(iso: string | null | undefined, now = new Date()): string {
  const d = date(iso);
  if (!d) return '—';
  if (d.toDateString() === now.toDateString()) return formatClock(iso);
  return `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${formatClock(iso)}`;
}
