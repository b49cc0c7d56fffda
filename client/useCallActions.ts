'use client';

import type { CallActions } from '@/stores/callStore';
import { getCallClient } from './CallClient';

/** The UI's only way to act on the call. */
export function useCallActions(): CallActions {
  return getCallClient().actions;
}
