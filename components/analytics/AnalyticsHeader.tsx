'use client';

import { Logo } from '@/components/ui/Logo';
import { formatDuration } from '@/lib/analytics/format';
import { useAnalyticsStore } from '@/stores/analyticsStore';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SignOutButton } from './SignOutButton';

export function AnalyticsHeader() {
  const nodeId = useAnalyticsStore((s) => s.overview?.nodeId);
  const uptime = useAnalyticsStore((s) => s.overview?.uptimeSeconds);
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 pt-4 sm:px-6">
      <Logo />
      <p className="text-sm font-medium text-zinc-300">Analytics</p>
      {nodeId && (
        <p className="hidden text-xs text-zinc-500 md:block">
          Node <span className="text-zinc-300">{nodeId}</span>
          {uptime !== undefined && <> · up {formatDuration(uptime)}</>}
        </p>
      )}
      <div className="ml-auto flex items-center gap-2">
        <ConnectionIndicator />
        <SignOutButton />
      </div>
    </header>
  );
}
