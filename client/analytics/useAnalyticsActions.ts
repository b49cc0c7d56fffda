'use client';

import type { AnalyticsActions } from '@/stores/analyticsStore';
import { getAnalyticsClient } from '../AnalyticsClient';

/** The analytics page's only way to act. */
export function useAnalyticsActions(): AnalyticsActions {
  return getAnalyticsClient().actions;
}
