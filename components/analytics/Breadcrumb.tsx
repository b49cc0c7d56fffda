import Link from 'next/link';

export interface Crumb {
  label: string;
  href?: string;
}

/** Where the view sits: Overview › Room › Peer; the last crumb is the current page. */
export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      <ol className="flex flex-wrap items-center gap-1.5 text-zinc-400">
        {crumbs.map((crumb, i) => (
          <li key={`${i}-${crumb.label}`} className="flex min-w-0 items-center gap-1.5">
            {i > 0 && <span aria-hidden="true">›</span>}
            {crumb.href ? (
              <Link href={crumb.href} className="text-sky-300 underline-offset-2 hover:underline">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page" className="truncate text-zinc-200">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
