'use client';

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { CloseIcon } from '@/components/ui/icons';
import type { ConnectionQuality } from '@/lib/quality/connectionQuality';
import { detailRows, type TileQuality } from '@/lib/quality/tileQuality';
import { useCallStore } from '@/stores/callStore';

export interface QualityIndicatorProps {
  peerId: string;
  name: string;
  isSelf: boolean;
  small?: boolean;
}

const BARS_LIT: Record<ConnectionQuality, number> = { excellent: 3, good: 2, poor: 1, lost: 0 };

const TONE: Record<ConnectionQuality, string> = {
  excellent: 'text-emerald-400',
  good: 'text-amber-300',
  poor: 'text-red-400',
  lost: 'text-red-400',
};

const LABEL: Record<ConnectionQuality, string> = { excellent: 'Excellent', good: 'Good', poor: 'Poor', lost: 'Lost' };

/** Three rising bars, as many lit as the band is good (LiveKit's icon). */
function SignalBars({ quality, className }: { quality: ConnectionQuality; className: string }) {
  const lit = BARS_LIT[quality];
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className={className} fill="currentColor">
      {[0, 1, 2].map((bar) => (
        <rect key={bar} x={1 + bar * 5} y={10 - bar * 4} width={4} height={5 + bar * 4} rx={1} opacity={bar < lit ? 1 : 0.3} />
      ))}
      {quality === 'lost' && <path d="M2 2l12 12" stroke="currentColor" strokeWidth={2} strokeLinecap="round" />}
    </svg>
  );
}

/** Margin between the popover and the viewport's edges, px. */
const EDGE_PX = 8;
/** Gap between the button and the popover, px. */
const GAP_PX = 6;
/** The popover's widest size, px (it shrinks to the viewport on phones). */
const POPOVER_MAX_WIDTH_PX = 320;

/** Below the button when it fits, else above; never off-screen sideways. */
function popoverPosition(button: DOMRect, popoverHeight: number): CSSProperties {
  const width = Math.min(POPOVER_MAX_WIDTH_PX, window.innerWidth - 2 * EDGE_PX);
  const left = Math.min(Math.max(EDGE_PX, button.left), window.innerWidth - width - EDGE_PX);
  const below = button.bottom + GAP_PX;
  const fitsBelow = below + popoverHeight <= window.innerHeight - EDGE_PX;
  const top = fitsBelow ? below : Math.max(EDGE_PX, button.top - GAP_PX - popoverHeight);
  return { left, top, width };
}

function subtitle(quality: TileQuality, name: string, isSelf: boolean): string {
  const what = quality.details.source === 'camera' ? 'camera' : 'microphone';
  return isSelf ? `What your ${what} sends` : `What you receive of ${name}'s ${what}`;
}

/**
 * A tile's connection-quality badge: hidden while the connection is excellent,
 * otherwise a signal-bars button ("Connection: poor") opening a popover with
 * the reasons and the numbers (Jitsi's stats popover). Escape or a click
 * elsewhere closes it.
 */
export function QualityIndicator({ peerId, name, isSelf, small = false }: QualityIndicatorProps) {
  const quality = useCallStore((s) => (isSelf ? s.selfQuality : (s.quality[peerId] ?? null)));
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<CSSProperties | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const popoverId = useId();

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    setPosition(null);
    if (refocus) buttonRef.current?.focus();
  }, []);

  const place = useCallback(() => {
    const button = buttonRef.current;
    const popover = popoverRef.current;
    if (button && popover) setPosition(popoverPosition(button.getBoundingClientRect(), popover.offsetHeight));
  }, []);

  // Measured before paint, so the popover never flashes at the wrong place.
  useLayoutEffect(() => {
    if (open) place();
  }, [open, place, quality]);

  useEffect(() => {
    if (!open) return;
    popoverRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close(true);
      }
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popoverRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('resize', place);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('resize', place);
    };
  }, [open, close, place]);

  // Excellent needs no badge; an open popover stays until it is closed, showing the recovery.
  if (!quality || (quality.quality === 'excellent' && !open)) return null;
  const label = `Connection: ${quality.quality}`;
  const rows = detailRows(quality.details);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-controls={open ? popoverId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
        className={`absolute top-1 left-1 inline-flex items-center justify-center rounded-full bg-zinc-950/70 transition hover:bg-zinc-950 ${
          small ? 'size-7' : 'size-9'
        } ${TONE[quality.quality]}`}
      >
        <SignalBars quality={quality.quality} className="size-4" />
      </button>
      {open &&
        createPortal(
          <div
            ref={popoverRef}
            id={popoverId}
            role="dialog"
            aria-label={isSelf ? 'Your connection' : `Connection with ${name}`}
            tabIndex={-1}
            style={position ?? { left: 0, top: 0, visibility: 'hidden' }}
            className="fixed z-50 rounded-2xl border border-zinc-700 bg-zinc-900 p-4 text-sm text-zinc-200 shadow-2xl shadow-black/50 outline-none"
          >
            <div className="mb-2 flex items-start justify-between gap-2">
              <div className="min-w-0">
                <h2 className={`flex items-center gap-1.5 text-base font-semibold ${TONE[quality.quality]}`}>
                  <SignalBars quality={quality.quality} className="size-4 shrink-0" />
                  Connection: {LABEL[quality.quality]}
                </h2>
                <p className="truncate text-xs text-zinc-400">{subtitle(quality, name, isSelf)}</p>
              </div>
              <button
                type="button"
                aria-label="Close connection details"
                onClick={() => close(true)}
                className="inline-flex size-8 shrink-0 items-center justify-center rounded-full text-zinc-300 hover:bg-zinc-800"
              >
                <CloseIcon className="size-4" />
              </button>
            </div>
            {quality.reasons.length > 0 && (
              <ul aria-label="Why" className="mb-3 space-y-1 rounded-lg bg-zinc-800/80 p-2">
                {quality.reasons.map((reason) => (
                  <li key={reason} className="flex gap-1.5 text-zinc-100">
                    <span aria-hidden="true" className={TONE[quality.quality]}>
                      •
                    </span>
                    {reason}
                  </li>
                ))}
              </ul>
            )}
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {rows.map((row) => (
                <div key={row.label} className="contents">
                  <dt className="text-zinc-400">{row.label}</dt>
                  <dd className="text-right font-medium text-zinc-100 tabular-nums">{row.value}</dd>
                </div>
              ))}
            </dl>
          </div>,
          document.body,
        )}
    </>
  );
}
