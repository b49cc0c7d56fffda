'use client';

import { useEffect, useRef } from 'react';
import { useCallActions } from '@/client/useCallActions';
import { MicOffIcon, PinIcon, PinOffIcon } from '@/components/ui/icons';
import type { TileInfo } from '@/lib/ui/tiles';
import { Avatar } from './Avatar';
import { QualityIndicator } from './QualityIndicator';
import { TrackVideo } from './TrackVideo';

export type TileVariant = 'grid' | 'stage' | 'strip';

export interface VideoTileProps {
  tile: TileInfo;
  variant?: TileVariant;
  isActiveSpeaker?: boolean;
  pinned?: boolean;
  /** Remote camera tiles: pin/unpin this participant. */
  onTogglePin?: (peerId: string) => void;
}

/**
 * One participant's camera or screen. DOM contract (used by tests):
 * role="group" wrapper named "<Name>" / "<Name> (you)" / "Screen shared by <Name>",
 * data-peer-id, data-source, data-active-speaker="true" when speaking.
 */
export function VideoTile({ tile, variant = 'grid', isActiveSpeaker = false, pinned = false, onTogglePin }: VideoTileProps) {
  const { peerId, source, name, isSelf, track, camOff, micMuted, reconnecting } = tile;
  const ref = useRef<HTMLDivElement>(null);
  const actions = useCallActions();
  const reportRef = useRef(actions.reportTileSize);
  useEffect(() => {
    reportRef.current = actions.reportTileSize;
  });

  // Tell the client how big remote video is rendered, so it can pick a simulcast layer.
  useEffect(() => {
    const el = ref.current;
    if (isSelf || !el || typeof ResizeObserver === 'undefined') return;
    let last = '';
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      const key = `${width}x${height}`;
      if (key === last) return;
      last = key;
      reportRef.current(peerId, source, width, height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [peerId, source, isSelf]);

  const isScreen = source === 'screen';
  const groupLabel = isScreen ? `Screen shared by ${name}` : isSelf ? `${name} (you)` : name;
  const showVideo = track !== null && (isScreen || !camOff);
  const small = variant === 'strip';

  return (
    <div
      ref={ref}
      role="group"
      aria-label={groupLabel}
      data-peer-id={peerId}
      data-source={source}
      data-active-speaker={isActiveSpeaker ? 'true' : undefined}
      className="group/tile @container relative size-full overflow-hidden rounded-xl bg-zinc-800"
    >
      {showVideo ? (
        <TrackVideo
          track={track}
          label={isScreen ? `${name}'s screen` : `${name}'s camera`}
          mirror={isSelf && !isScreen}
          // Never cropped: a tall tile (side panel open, a phone) letterboxes a 16:9 face or screen.
          fit="contain"
          remote={!isSelf}
        />
      ) : (
        <div
          role="img"
          aria-label={`${name}'s camera is off`}
          className="flex size-full items-center justify-center bg-gradient-to-br from-zinc-800 to-zinc-900"
        >
          <Avatar name={name} className="size-10 text-sm @min-[12rem]:size-16 @min-[12rem]:text-xl @min-[28rem]:size-24 @min-[28rem]:text-3xl" />
        </div>
      )}

      {reconnecting && (
        <div
          role="status"
          aria-label={`${name} is reconnecting`}
          className="absolute inset-0 flex items-center justify-center bg-zinc-950/60 text-sm font-medium text-amber-200"
        >
          <span className="rounded-md bg-zinc-950/80 px-2 py-1">Reconnecting…</span>
        </div>
      )}

      {isActiveSpeaker && (
        <span aria-hidden="true" className="pointer-events-none absolute inset-0 rounded-xl ring-3 ring-emerald-400 ring-inset" />
      )}

      <div
        className={`absolute bottom-0 left-0 flex max-w-full items-center gap-1 ${small ? 'p-1' : 'p-2'}`}
      >
        {micMuted && !isScreen && (
          <span
            role="img"
            aria-label={`${name} is muted`}
            className={`inline-flex shrink-0 items-center justify-center rounded-full bg-red-600 text-white ${small ? 'size-5' : 'size-7'}`}
          >
            <MicOffIcon className={small ? 'size-3' : 'size-4'} />
          </span>
        )}
        <span
          className={`truncate rounded-md bg-zinc-950/70 font-medium text-zinc-100 ${small ? 'px-1.5 py-0.5 text-xs' : 'px-2 py-1 text-sm'}`}
        >
          {isScreen ? `${name}'s screen` : isSelf ? `${name} (you)` : name}
        </span>
      </div>

      {onTogglePin && !isSelf && !isScreen && (
        <button
          type="button"
          onClick={() => onTogglePin(peerId)}
          aria-label={pinned ? `Unpin ${name}` : `Pin ${name}`}
          aria-pressed={pinned}
          title={pinned ? `Unpin ${name}` : `Pin ${name}`}
          className={`absolute top-1 right-1 inline-flex items-center justify-center rounded-full bg-zinc-950/70 text-zinc-100 transition hover:bg-zinc-950 focus-visible:opacity-100 ${
            small ? 'size-7' : 'size-9'
          } ${pinned ? 'opacity-100' : 'opacity-0 group-hover/tile:opacity-100 pointer-coarse:opacity-100'}`}
        >
          {pinned ? <PinOffIcon className="size-4" /> : <PinIcon className="size-4" />}
        </button>
      )}

      {!isScreen && <QualityIndicator peerId={peerId} name={name} isSelf={isSelf} small={small} />}
    </div>
  );
}
