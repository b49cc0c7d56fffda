import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: 'Analytics · Podium',
  // Admin pages: never in a search index (robots.txt asks the same).
  robots: { index: false, follow: false },
};

export default function AnalyticsLayout({ children }: { children: ReactNode }) {
  return children;
}
