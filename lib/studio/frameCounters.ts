/*
 * OBS-style "Frames dropped 12 / 3,456 (0.3 %)" counters. The browser's
 * counters are cumulative since the stream started; Reset stores the current
 * counters as the baseline, and the views count from there.
 */
import type { StreamFrameCounters } from './types';

export interface FrameCounterView {
  label: string;
  count: number;
  total: number;
  percent: number;
  /** "12 / 3,456 (0.3 %)" */
  text: string;
}

const ZERO: StreamFrameCounters = { captured: 0, encoded: 0, dropped: 0, limited: 0 };

const FIELDS = ['captured', 'encoded', 'dropped', 'limited'] as const;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * Counters below the baseline mean they restarted (a new publish), so the
 * baseline belongs to an earlier run and counting starts from zero again.
 */
function effectiveBaseline(frames: StreamFrameCounters, baseline: StreamFrameCounters | null): StreamFrameCounters {
  if (!baseline) return ZERO;
  return FIELDS.some((field) => frames[field] < baseline[field]) ? ZERO : baseline;
}

function view(label: string, count: number, total: number): FrameCounterView {
  // `limited` is approximated from durations × fps and may overshoot `encoded`.
  const bounded = Math.min(Math.max(count, 0), Math.max(total, 0));
  const percent = total > 0 ? (bounded / total) * 100 : 0;
  return {
    label,
    count: bounded,
    total: Math.max(total, 0),
    percent,
    text: `${integer.format(bounded)} / ${integer.format(Math.max(total, 0))} (${oneDecimal.format(percent)} %)`,
  };
}

export function frameCounterViews(
  frames: StreamFrameCounters | undefined,
  baseline: StreamFrameCounters | null,
): FrameCounterView[] {
  const current = frames ?? ZERO;
  const base = effectiveBaseline(current, baseline);
  const since = (field: (typeof FIELDS)[number]) => current[field] - base[field];
  return [
    view('Frames dropped', since('dropped'), since('captured')),
    view('Frames limited', since('limited'), since('encoded')),
  ];
}
