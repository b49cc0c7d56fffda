import Link from 'next/link';
import { analyticsHref, type Tab } from './route';

const TAB_LABELS: Record<Tab, string> = {
  overview: 'Overview',
  events: 'Event log',
  funnel: 'Join funnel',
  history: 'History',
};

export function AnalyticsTabs({ current }: { current: Tab }) {
  return (
    <nav aria-label="Analytics sections" className="mt-3 overflow-x-auto border-b border-zinc-800 px-4 sm:px-6">
      <ul className="flex gap-1">
        {(Object.keys(TAB_LABELS) as Tab[]).map((tab) => (
          <li key={tab}>
            <Link
              href={analyticsHref({ tab })}
              aria-current={tab === current ? 'page' : undefined}
              className="-mb-px inline-flex h-10 items-center border-b-2 border-transparent px-3 text-sm whitespace-nowrap text-zinc-400 hover:text-zinc-100 aria-[current=page]:border-sky-400 aria-[current=page]:font-medium aria-[current=page]:text-white"
            >
              {TAB_LABELS[tab]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
