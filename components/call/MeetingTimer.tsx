'use client';

import { useEffect, useState } from 'react';
import { formatMeetingTime } from '@/lib/ui/meetingTime';
import { useCallStore } from '@/stores/callStore';

/** How long the meeting has been going, ticking once a second. */
export function MeetingTimer({ className = '' }: { className?: string }) {
  const startedAt = useCallStore((s) => s.meetingStartedAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (startedAt === null) return null;
  return (
    <span role="timer" aria-label="Meeting time" className={`tabular-nums ${className}`}>
      {formatMeetingTime(now - startedAt)}
    </span>
  );
}
