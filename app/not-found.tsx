import type { Metadata } from 'next';
import { NotFoundView } from '@/components/NotFoundView';

export const metadata: Metadata = { title: 'Not found · Podium' };

export default function NotFound() {
  return <NotFoundView />;
}
