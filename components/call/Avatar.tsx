import { initials } from '@/lib/ui/initials';

const COLORS = [
  'bg-sky-700',
  'bg-emerald-700',
  'bg-amber-700',
  'bg-rose-700',
  'bg-violet-700',
  'bg-teal-700',
  'bg-fuchsia-700',
  'bg-indigo-700',
];

/** A stable colour per name, so people keep their colour across tiles and lists. */
function colorFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return COLORS[h % COLORS.length];
}

export function Avatar({ name, className = 'size-10 text-sm' }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white ${colorFor(name)} ${className}`}
    >
      {initials(name)}
    </span>
  );
}
