'use client';

import { useId, useState, type FormEvent } from 'react';
import { useStudioActions } from '@/client/useStudioActions';
import { Spinner } from '@/components/ui/icons';
import { DisplayNameSchema, validate } from '@/lib/protocol/validation';
import { useStudioStore } from '@/stores/studioStore';
import { formatElapsed, formatSize } from './format';
import { useNow } from './useNow';

const PRIMARY =
  'inline-flex h-12 items-center justify-center gap-2 rounded-xl px-6 text-base font-semibold transition disabled:cursor-not-allowed disabled:opacity-70';

function GoLiveForm() {
  const actions = useStudioActions();
  const status = useStudioStore((s) => s.status);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const nameId = useId();
  const errorId = useId();
  const live = status === 'live';
  const going = status === 'going-live';
  const canGoLive = status === 'ready' || status === 'ended' || status === 'failed';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canGoLive) return;
    // The name is optional: only a typed one is checked.
    const result = name.trim() ? validate(DisplayNameSchema, name) : ({ ok: true, value: '' } as const);
    if (!result.ok) return setNameError(result.message);
    setNameError(null);
    void actions.goLive(result.value);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <label htmlFor={nameId} className="text-sm font-medium text-zinc-300">
          Your name
        </label>
        <input
          id={nameId}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          disabled={live || going}
          maxLength={64}
          autoComplete="name"
          placeholder="Streamer"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? errorId : undefined}
          className="h-12 rounded-xl border border-zinc-700 bg-zinc-900 px-4 text-base text-zinc-100 placeholder:text-zinc-500 focus:border-sky-400 disabled:opacity-60 aria-invalid:border-red-500"
        />
        {nameError && (
          <p id={errorId} role="alert" className="text-sm text-red-400">
            {nameError}
          </p>
        )}
      </div>
      {live ? (
        <button type="button" onClick={() => void actions.end()} className={`${PRIMARY} bg-red-600 text-white hover:bg-red-500`}>
          End stream
        </button>
      ) : (
        <button type="submit" disabled={!canGoLive} aria-busy={going} className={`${PRIMARY} bg-sky-500 text-zinc-950 hover:bg-sky-400`}>
          {going && <Spinner />}
          {going ? 'Going live…' : 'Go live'}
        </button>
      )}
    </form>
  );
}

function RecordingControls() {
  const actions = useStudioActions();
  const recording = useStudioStore((s) => s.recording);
  const now = useNow(1000, recording.active);
  const { active, supported, file, error, startedAt } = recording;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={actions.toggleRecording}
          disabled={!supported}
          aria-pressed={active}
          title={supported ? undefined : 'Recording is not supported in this browser'}
          className={`inline-flex h-10 items-center gap-2 rounded-xl px-4 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-50 ${
            active ? 'bg-red-600 text-white hover:bg-red-500' : 'bg-zinc-800 text-zinc-100 ring-1 ring-zinc-700 hover:bg-zinc-700'
          }`}
        >
          <span aria-hidden="true" className={`size-2.5 rounded-full ${active ? 'animate-pulse bg-white' : 'bg-red-500'}`} />
          {active ? 'Stop recording' : 'Record'}
        </button>
        {active && startedAt !== null && (
          <span data-testid="recording-elapsed" className="text-sm text-red-300 tabular-nums">
            <span className="sr-only">Recording for </span>
            {formatElapsed(now - startedAt)}
          </span>
        )}
        {file && !active && (
          <a href={file.url} download={file.name} className="text-sm font-medium text-sky-300 underline-offset-2 hover:underline">
            Save recording ({formatSize(file.bytes)})
          </a>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

export function StudioControls() {
  return (
    <div className="flex flex-col gap-4 rounded-2xl bg-zinc-900/60 p-4 ring-1 ring-zinc-800">
      <GoLiveForm />
      <RecordingControls />
    </div>
  );
}
