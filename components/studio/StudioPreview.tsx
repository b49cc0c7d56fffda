'use client';

import { TrackVideo } from '@/components/call/TrackVideo';
import { AlertIcon, CamOffIcon, Spinner } from '@/components/ui/icons';
import { useStudioStore } from '@/stores/studioStore';

function PreviewBody() {
  const camTrack = useStudioStore((s) => s.camTrack);
  const status = useStudioStore((s) => s.status);
  const permission = useStudioStore((s) => s.permission);
  if (camTrack) return <TrackVideo track={camTrack} label="Camera preview" mirror />;
  if (status === 'idle' || status === 'preparing' || permission === 'pending') {
    return (
      <div role="status" className="flex size-full flex-col items-center justify-center gap-3 px-6 text-center text-zinc-300">
        <Spinner className="size-8 text-sky-400" />
        <p className="text-sm">Waiting for camera and microphone…</p>
      </div>
    );
  }
  return (
    <div role="img" aria-label="No camera available" className="flex size-full flex-col items-center justify-center gap-2 text-zinc-400">
      <CamOffIcon className="size-10" />
      <p className="text-sm">No camera</p>
    </div>
  );
}

/** Device and going-live problems: the store keeps one sentence for the last one. */
function StudioError() {
  const error = useStudioStore((s) => s.error);
  const permission = useStudioStore((s) => s.permission);
  const text =
    error ?? (permission === 'denied' ? "Camera and microphone access was denied: allow it in the browser's site settings and reload." : null);
  if (!text) return null;
  return (
    <div role="alert" className="flex gap-3 rounded-xl border border-amber-500/40 bg-amber-500/10 p-3 text-sm text-amber-200">
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-amber-400" />
      <p>{text}</p>
    </div>
  );
}

/** The microphone check: a level bar that moves when you speak. */
function MicMeter() {
  const hasMic = useStudioStore((s) => s.micTrack !== null);
  const level = useStudioStore((s) => s.micLevel);
  if (!hasMic) return <p className="text-sm text-zinc-400">No microphone</p>;
  const percent = Math.round(level * 100);
  return (
    <div className="flex items-center gap-3 text-sm text-zinc-300">
      <span id="mic-level-label">Microphone</span>
      <div
        role="meter"
        aria-labelledby="mic-level-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="mic-level"
        className="h-2 flex-1 overflow-hidden rounded-full bg-zinc-800"
      >
        <div className="h-full rounded-full bg-emerald-400 transition-[width] duration-100" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function StudioPreview() {
  return (
    <>
      <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-zinc-900 ring-1 ring-zinc-800">
        <PreviewBody />
      </div>
      <MicMeter />
      <StudioError />
    </>
  );
}
