'use client';

import { Badge, EmptyState, Section } from '@/components/analytics/ui';
import type { IssueType } from '@/lib/studio/types';
import { useStudioStore } from '@/stores/studioStore';
import { formatClock } from './format';

const TYPE_LABEL: Record<IssueType, string> = { network: 'Network', encoder: 'Encoder', source: 'Source' };

/** What is wrong right now, YouTube Live style: severity, kind, why, what to do, since when. */
export function IssuesList() {
  const issues = useStudioStore((s) => s.issues);
  return (
    <Section title="Issues" id="studio-issues">
      {issues.length === 0 ? (
        <EmptyState>No issues right now</EmptyState>
      ) : (
        <ul aria-label="Stream issues" className="flex flex-col gap-2">
          {issues.map((issue) => (
            <li key={issue.key} className="rounded-xl bg-zinc-900/60 p-3 text-sm ring-1 ring-zinc-800">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={issue.severity === 'critical' ? 'bad' : 'warn'}>{issue.severity}</Badge>
                <span className="font-medium text-zinc-100">{TYPE_LABEL[issue.type]}</span>
                <span className="ml-auto text-xs text-zinc-400 tabular-nums">since {formatClock(issue.firstSeenAt)}</span>
              </div>
              <p className="mt-1.5 text-zinc-200">{issue.reason}</p>
              <p className="mt-0.5 text-zinc-400">Fix: {issue.fix}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
