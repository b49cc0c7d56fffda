import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { AlertIcon, Spinner } from '@/components/ui/icons';
import { scoreLabel } from '@/lib/analytics/format';

/* The analytics page's building blocks: sections, tables, badges and the three states of a fetch. */

interface SectionProps {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
  /** h1 when the section is the whole view (the event log, the funnel). */
  level?: 'h1' | 'h2';
}

export function Section({ title, actions, children, id, level = 'h2' }: SectionProps) {
  const Heading = level;
  return (
    <section aria-labelledby={id} className="mt-8 min-w-0 first:mt-0">
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Heading id={id} className="text-base font-semibold text-white">
          {title}
        </Heading>
        {actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * A table that scrolls sideways on a phone instead of squeezing its columns.
 * The scroll box is focusable so the keyboard can scroll it too.
 */
export function DataTable({ caption, children, minWidth = 640 }: { caption: string; children: ReactNode; minWidth?: number }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-xl bg-zinc-900/60 ring-1 ring-zinc-800">
      <table className="w-full border-collapse text-left text-sm" style={{ minWidth }}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`border-b border-zinc-800 px-3 py-2 text-xs font-medium whitespace-nowrap text-zinc-400 ${className}`}>
      {children}
    </th>
  );
}

export function Td({ children, className = '', ...rest }: ComponentPropsWithoutRef<'td'>) {
  return (
    <td {...rest} className={`border-b border-zinc-800/60 px-3 py-2 align-top whitespace-nowrap text-zinc-200 tabular-nums ${className}`}>
      {children}
    </td>
  );
}

/** The first cell of a row, which names it. */
export function RowHeader({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <th scope="row" className={`border-b border-zinc-800/60 px-3 py-2 text-left align-top font-medium whitespace-nowrap text-zinc-100 ${className}`}>
      {children}
    </th>
  );
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

const TONES: Record<Tone, string> = {
  ok: 'bg-emerald-500/15 text-emerald-300 ring-emerald-500/30',
  warn: 'bg-amber-500/15 text-amber-200 ring-amber-500/30',
  bad: 'bg-red-500/15 text-red-300 ring-red-500/30',
  info: 'bg-sky-500/15 text-sky-300 ring-sky-500/30',
  muted: 'bg-zinc-800 text-zinc-300 ring-zinc-700',
};

export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}

const SCORE_TONES: Record<ReturnType<typeof scoreLabel>, string> = {
  perfect: 'text-emerald-300',
  good: 'text-emerald-300',
  moderate: 'text-amber-200',
  poor: 'text-red-300',
  'very poor': 'text-red-300',
};

/** mediasoup's 0-10 score, coloured by its SPEC 5 band, the band's name on hover. */
export function Score({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="text-zinc-500">—</span>;
  const band = scoreLabel(value);
  return (
    <span title={band} className={SCORE_TONES[band]}>
      {value}
    </span>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-xl border border-dashed border-zinc-800 px-4 py-6 text-center text-sm text-zinc-400">{children}</p>;
}

export function LoadingState({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="flex items-center justify-center gap-2 rounded-xl px-4 py-6 text-sm text-zinc-400">
      <Spinner className="size-4 text-sky-400" />
      {children}
    </p>
  );
}

export function ErrorNotice({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex flex-wrap items-start gap-3 rounded-xl border border-red-500/40 bg-red-500/10 p-3 text-sm text-red-200">
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-400" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{title}</p>
        <p className="mt-0.5 text-red-300/90">{message}</p>
      </div>
      {onRetry && (
        <button type="button" onClick={onRetry} className="rounded-lg bg-red-500/20 px-3 py-1.5 font-medium text-red-100 hover:bg-red-500/30">
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({ tone = 'warn', children }: { tone?: 'warn' | 'info'; children: ReactNode }) {
  const look = tone === 'warn' ? 'border-amber-500/40 bg-amber-500/10 text-amber-100' : 'border-sky-500/40 bg-sky-500/10 text-sky-100';
  return (
    <div role="status" className={`rounded-xl border p-3 text-sm ${look}`}>
      {children}
    </div>
  );
}

export function SmallButton({ children, onClick, disabled }: { children: ReactNode; onClick: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="inline-flex h-8 items-center gap-1.5 rounded-lg bg-zinc-800 px-3 text-xs font-medium text-zinc-100 hover:bg-zinc-700 disabled:opacity-60"
    >
      {children}
    </button>
  );
}

/** A label above a value: the facts at the top of a room or peer page. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map((item) => (
        <div key={item.label} className="min-w-0">
          <dt className="text-xs text-zinc-400">{item.label}</dt>
          <dd className="mt-0.5 truncate text-sm text-zinc-100 tabular-nums">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
