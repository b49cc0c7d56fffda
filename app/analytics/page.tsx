import { Suspense } from 'react';
import { AnalyticsApp } from '@/components/analytics/AnalyticsApp';
import { LoadingState } from '@/components/analytics/ui';

export default function AnalyticsPage() {
  return (
    <Suspense fallback={<LoadingState>Loading analytics…</LoadingState>}>
      <AnalyticsApp />
    </Suspense>
  );
}
