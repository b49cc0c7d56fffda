import type { ReactNode } from 'react';
import { Logo } from './Logo';

/** The full-height page frame with the logo header that every non-call screen shares. */
export function PageShell({ children, mainClassName = 'items-center px-5 pb-16' }: { children: ReactNode; mainClassName?: string }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center gap-3 px-5 py-4 sm:px-8">
        <Logo />
      </header>
      <main className={`flex flex-1 justify-center ${mainClassName}`}>{children}</main>
    </div>
  );
}
