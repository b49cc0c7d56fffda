'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { CloseIcon, SettingsIcon } from '@/components/ui/icons';
import { useCallStore } from '@/stores/callStore';
import { ControlButton } from './ControlButton';
import { DeviceSelects } from './DeviceSelects';

/** The "Settings" button and its popover with the device pickers. */
export function SettingsMenu() {
  const [open, setOpen] = useState(false);
  const popoverId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const deviceError = useCallStore((s) => s.local.error);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    // Move focus into the popover so keyboard users land on the first picker.
    const root = rootRef.current;
    (root?.querySelector<HTMLElement>('select:not([disabled])') ?? root?.querySelector<HTMLElement>('[role="dialog"] button'))?.focus();
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          close();
        }
      }}
    >
      <ControlButton
        ref={buttonRef}
        label="Settings"
        icon={<SettingsIcon />}
        tone={open ? 'on' : 'neutral'}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
      />
      {open && (
        <div
          id={popoverId}
          role="dialog"
          aria-label="Settings"
          className="fixed inset-x-3 bottom-20 z-50 rounded-2xl border border-zinc-700 bg-zinc-900 p-4 shadow-2xl shadow-black/50 md:absolute md:inset-x-auto md:right-0 md:bottom-full md:mb-3 md:w-80"
        >
          <div className="mb-3 flex items-center justify-between">
            <h2 className="text-base font-semibold text-white">Settings</h2>
            <button
              type="button"
              aria-label="Close settings"
              onClick={close}
              className="inline-flex size-8 items-center justify-center rounded-full text-zinc-300 hover:bg-zinc-800"
            >
              <CloseIcon className="size-4" />
            </button>
          </div>
          <DeviceSelects />
          {deviceError && (
            <p role="alert" className="mt-3 text-sm text-amber-300">
              {deviceError}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
