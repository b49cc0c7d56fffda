'use client';

import { useEffect, useRef } from 'react';

/** Set once per page load, when the first remote video frame is decoded. */
let firstRemoteFrameMarked = false;

function markFirstRemoteFrame() {
  if (firstRemoteFrameMarked) return;
  firstRemoteFrameMarked = true;
  performance.mark('podium:first-remote-frame');
}

export interface TrackVideoProps {
  track: MediaStreamTrack;
  /** Accessible name, e.g. "Alice's camera". */
  label: string;
  /** Mirror horizontally (our own camera). */
  mirror?: boolean;
  fit?: 'cover' | 'contain';
  /** Remote video: record `podium:first-remote-frame` when it first renders a frame. */
  remote?: boolean;
  className?: string;
}

/** A muted, inline, autoplaying <video> bound to one MediaStreamTrack. */
export function TrackVideo({ track, label, mirror = false, fit = 'cover', remote = false, className = '' }: TrackVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    // autoPlay covers most cases; play() nudges browsers that paused on srcObject swaps.
    video.play().catch(() => {});
    return () => {
      video.srcObject = null;
    };
  }, [track]);

  useEffect(() => {
    const video = ref.current;
    if (!video || !remote || firstRemoteFrameMarked) return;
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(markFirstRemoteFrame);
      return () => video.cancelVideoFrameCallback(handle);
    }
    video.addEventListener('loadeddata', markFirstRemoteFrame, { once: true });
    return () => video.removeEventListener('loadeddata', markFirstRemoteFrame);
  }, [track, remote]);

  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      aria-label={label}
      className={`size-full bg-zinc-900 ${fit === 'contain' ? 'object-contain' : 'object-cover'} ${mirror ? '-scale-x-100' : ''} ${className}`}
    />
  );
}
