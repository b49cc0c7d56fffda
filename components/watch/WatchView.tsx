'use client';

import { useEffect, useRef } from 'react';
import { useWatchActions } from '@/client/useWatchActions';
import { TrackVideo } from '@/components/call/TrackVideo';
import { PageShell } from '@/components/ui/PageShell';
import { AlertIcon, Spinner } from '@/components/ui/icons';
import { useWatchStore, type WatchStatus } from '@/stores/watchStore';

const STATUS_TEXT: Partial<Record<WatchStatus, string>> = {
  idle: 'Press play to watch the stream',
  connecting: 'Connecting…',
  waiting: 'Waiting for the stream to start',
  ended: 'The stream has ended',
};

/** The stream's sound: <video> elements stay muted (autoplay rules), this one plays it. */
function StreamAudio() {
  const track = useWatchStore((s) => s.audioTrack);
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio || !track) return;
    audio.srcObject = new MediaStream([track]);
    audio.play().catch(() => {});
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  return <audio ref={ref} autoPlay className="hidden" />;
}

function Screen() {
  const status = useWatchStore((s) => s.status);
  const video = useWatchStore((s) => s.videoTrack);
  const error = useWatchStore((s) => s.error);
  if (status === 'live' && video) return <TrackVideo track={video} label="Live stream" fit="contain" remote />;
  const text = status === 'live' ? 'Audio only: the streamer has no camera on' : STATUS_TEXT[status];
  return (
    <div className="flex size-full flex-col items-center justify-center gap-3 px-6 text-center text-zinc-300">
      {status === 'connecting' && <Spinner className="size-8 text-sky-400" />}
      {status === 'failed' ? (
        <p role="alert" className="flex items-start gap-2 text-red-200">
          <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-400" />
          {error ?? 'Could not play the stream'}
        </p>
      ) : (
        <p role="status">{text}</p>
      )}
    </div>
  );
}

function Controls({ streamId }: { streamId: string }) {
  const actions = useWatchActions();
  const status = useWatchStore((s) => s.status);
  const name = useWatchStore((s) => s.streamerName);
  const viewers = useWatchStore((s) => s.viewerCount);
  const canPlay = status === 'idle' || status === 'failed';
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-xl font-semibold text-white">{name ?? 'Watch the stream'}</h1>
        <p className="break-all text-sm text-zinc-400">
          Stream <span className="text-zinc-200">{streamId}</span>
          {status === 'live' && viewers > 0 && ` · ${viewers} watching`}
        </p>
      </div>
      {canPlay ? (
        <button
          type="button"
          aria-label="Play stream"
          onClick={() => void actions.play(streamId)}
          className="inline-flex h-11 items-center justify-center rounded-xl bg-sky-500 px-6 font-semibold text-zinc-950 hover:bg-sky-400"
        >
          Play
        </button>
      ) : (
        <button
          type="button"
          onClick={() => void actions.stop()}
          className="inline-flex h-11 items-center justify-center rounded-xl border border-zinc-700 bg-zinc-800 px-5 font-semibold text-zinc-100 hover:bg-zinc-700"
        >
          Leave
        </button>
      )}
    </div>
  );
}

/** `/watch/<streamId>`: receive only. Playback starts from the Play press, a user gesture, so the sound may play. */
export function WatchView({ streamId }: { streamId: string }) {
  const actions = useWatchActions();
  useEffect(() => () => void actions.stop(), [actions]);
  return (
    <PageShell mainClassName="px-4 pb-10 sm:px-8">
      <div className="flex w-full max-w-5xl min-w-0 flex-col gap-4">
        <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-black ring-1 ring-zinc-800">
          <Screen />
        </div>
        <Controls streamId={streamId} />
        <StreamAudio />
      </div>
    </PageShell>
  );
}
