import type { ComponentPropsWithRef, ReactNode } from 'react';

type Tone = 'neutral' | 'off' | 'on' | 'danger';

const TONES: Record<Tone, string> = {
  neutral: 'bg-zinc-800 text-zinc-100 hover:bg-zinc-700',
  /** A device the user turned off (muted mic, camera off). */
  off: 'bg-red-600 text-white hover:bg-red-500',
  /** Something switched on (sharing, a panel open). */
  on: 'bg-sky-500 text-zinc-950 hover:bg-sky-400',
  danger: 'bg-red-600 text-white hover:bg-red-500',
};

export interface ControlButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'aria-label'> {
  /** Accessible name; also the tooltip. */
  label: string;
  tone?: Tone;
  icon: ReactNode;
  badge?: ReactNode;
  /** Its keyboard shortcut, shown in the tooltip ("Mute microphone (M)"). */
  shortcut?: string;
}

export function ControlButton({ label, tone = 'neutral', icon, badge, shortcut, className = '', ...rest }: ControlButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={shortcut ? shortcut.replace('Ctrl', 'Control') : undefined}
      className={`relative inline-flex size-10 shrink-0 items-center justify-center rounded-full transition disabled:opacity-50 sm:size-11 md:size-12 ${TONES[tone]} ${className}`}
      {...rest}
    >
      {icon}
      {badge}
    </button>
  );
}
