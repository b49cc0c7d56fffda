'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCallActions } from '@/client/useCallActions';
import { useCountdown } from '@/client/useCountdown';
import { PageShell } from '@/components/ui/PageShell';
import { AlertIcon, Spinner, UserIcon } from '@/components/ui/icons';
import { DisplayNameSchema, validate } from '@/lib/protocol/validation';
import { describeJoinError } from '@/lib/ui/messages';
import { retryDelaySeconds } from '@/lib/ui/retry';
import { useCallStore } from '@/stores/callStore';
import { Avatar } from './Avatar';
import { CamToggle, MicToggle } from './ControlBar';
import { DeviceSelects } from './DeviceSelects';
import { TrackVideo } from './TrackVideo';

export const NAME_STORAGE_KEY = 'podium:name';

function readStoredName(): string {
  try {
    return localStorage.getItem(NAME_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function storeName(name: string) {
  try {
    localStorage.setItem(NAME_STORAGE_KEY, name);
  } catch {
    // private mode or storage disabled: the name just isn't remembered
  }
}

function Preview({ name }: { name: string }) {
  const permission = useCallStore((s) => s.local.permission);
  const camOn = useCallStore((s) => s.local.camOn);
  const camTrack = useCallStore((s) => s.local.camTrack);
  const waiting = permission === 'pending' || permission === 'unknown';

  return (
    <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-zinc-900 ring-1 ring-zinc-800">
      {camTrack && camOn ? (
        <TrackVideo track={camTrack} label="Your camera preview" mirror />
      ) : waiting ? (
        <div role="status" className="flex size-full flex-col items-center justify-center gap-3 px-6 pb-14 text-center text-zinc-300">
          <Spinner className="size-8 text-sky-400" />
          <p className="text-sm">
            {permission === 'pending' ? 'Waiting for camera and microphone permission…' : 'Starting camera…'}
          </p>
        </div>
      ) : (
        <div
          role="img"
          aria-label={camOn ? 'No camera available' : 'Your camera is off'}
          className="flex size-full flex-col items-center justify-center gap-2 pb-14"
        >
          {name.trim() ? (
            <Avatar name={name} className="size-14 text-xl sm:size-20 sm:text-3xl" />
          ) : (
            <span className="inline-flex size-14 items-center justify-center rounded-full bg-zinc-800 text-zinc-400 sm:size-20">
              <UserIcon className="size-7 sm:size-10" />
            </span>
          )}
          <p className="text-sm text-zinc-400">{camOn ? 'No camera' : 'Camera is off'}</p>
        </div>
      )}
      <div className="absolute inset-x-0 bottom-0 flex justify-center gap-3 bg-gradient-to-t from-zinc-950/80 to-transparent p-3">
        <MicToggle />
        <CamToggle />
      </div>
    </div>
  );
}

function PermissionNotice() {
  const permission = useCallStore((s) => s.local.permission);
  const deviceError = useCallStore((s) => s.local.error);
  let text: string | null;
  if (permission === 'denied') {
    text =
      "Camera and microphone access was denied — you can still join without them; allow access in the browser's site settings";
  } else if (permission === 'unavailable') {
    text = `${deviceError ?? 'No camera or microphone is available.'} You can still join without them.`;
  } else {
    text = deviceError;
  }
  if (!text) return null;
  return (
    <div role="alert" className="flex gap-3 rounded-xl border border-amber-500/40 bg-amber-500/10 p-3 text-sm text-amber-200">
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-amber-400" />
      <p>{text}</p>
    </div>
  );
}

export function PreJoin({ roomId }: { roomId: string }) {
  const actions = useCallActions();
  const status = useCallStore((s) => s.status);
  const storeError = useCallStore((s) => s.error);
  const storeDisplayName = useCallStore((s) => s.displayName);
  const joining = status === 'joining';

  const nameId = useId();
  const nameErrorId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [thrownError, setThrownError] = useState<string | null>(null);

  // Start the camera preview once per mount (the ref survives StrictMode's re-run).
  const prepared = useRef(false);
  useEffect(() => {
    if (prepared.current) return;
    prepared.current = true;
    actions.prepareMedia().catch(() => {
      // the store reports permission/device problems
    });
  }, [actions]);

  // Fill in the remembered name after hydration (localStorage is client-only).
  useEffect(() => {
    const remembered = readStoredName() || storeDisplayName;
    if (remembered) setName((current) => current || remembered);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- only on mount

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit();
  }

  async function submit() {
    if (joining) return;
    const result = validate(DisplayNameSchema, name);
    if (!result.ok) {
      setNameError(result.message);
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    setThrownError(null);
    storeName(result.value);
    try {
      await actions.join(roomId, result.value);
    } catch (error) {
      // Normally the store carries the error; keep something visible if it doesn't.
      setThrownError(error instanceof Error && error.message ? error.message : 'Could not join the meeting');
    }
  }

  const errorRef = useRef<HTMLDivElement>(null);
  const joinError =
    status === 'failed' && storeError
      ? describeJoinError(storeError)
      : status !== 'joining' && thrownError
        ? { headline: thrownError, detail: '' }
        : null;

  // The server did not answer (down, restarting, or we are offline): try again by itself, backing off.
  const [autoRetries, setAutoRetries] = useState(0);
  const retryable = status === 'failed' && storeError?.code === 'unavailable';
  const retryIn = useCountdown(retryable ? retryDelaySeconds(autoRetries) : null, storeError, () => {
    setAutoRetries((n) => n + 1);
    void submit();
  });

  // On a phone the error can be below the fold: bring it into view.
  const errorKey = joinError ? joinError.headline : null;
  useEffect(() => {
    if (errorKey) errorRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [errorKey]);

  return (
    <PageShell mainClassName="items-start px-4 pb-10 sm:px-8 md:items-center">
        <div className="grid w-full max-w-5xl gap-6 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] md:gap-10">
          <section aria-label="Camera and microphone check" className="flex flex-col gap-4">
            <Preview name={name} />
            <PermissionNotice />
            <DeviceSelects className="sm:grid-cols-2" />
          </section>

          <section aria-labelledby="prejoin-title" className="flex flex-col justify-center">
            <h1 id="prejoin-title" className="text-2xl font-semibold text-white sm:text-3xl">
              Ready to join?
            </h1>
            <p className="mt-1 break-all text-zinc-400">
              Room <span className="font-medium text-zinc-200">{roomId}</span>
            </p>

            <form onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4">
              <div className="flex flex-col gap-1">
                <label htmlFor={nameId} className="text-sm font-medium text-zinc-300">
                  Your name
                </label>
                <input
                  ref={nameRef}
                  id={nameId}
                  name="displayName"
                  value={name}
                  onChange={(e) => {
                    setName(e.target.value);
                    if (nameError) setNameError(null);
                  }}
                  maxLength={128}
                  autoComplete="name"
                  placeholder="How others will see you"
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby={nameError ? nameErrorId : undefined}
                  className="h-12 rounded-xl border border-zinc-700 bg-zinc-900 px-4 text-base text-zinc-100 placeholder:text-zinc-500 focus:border-sky-400 aria-invalid:border-red-500"
                />
                {nameError && (
                  <p id={nameErrorId} role="alert" className="text-sm text-red-400">
                    {nameError}
                  </p>
                )}
              </div>

              <button
                type="submit"
                disabled={joining}
                aria-busy={joining}
                className="inline-flex h-12 items-center justify-center gap-2 rounded-xl bg-sky-500 px-6 text-base font-semibold text-zinc-950 transition hover:bg-sky-400 disabled:cursor-wait disabled:opacity-80"
              >
                {joining && <Spinner />}
                Join meeting
              </button>
              {joining && (
                <p role="status" className="sr-only">
                  Joining…
                </p>
              )}

              {joinError && (
                <div ref={errorRef} role="alert" className="scroll-mb-4 rounded-xl border border-red-500/40 bg-red-500/10 p-3 text-sm text-red-200">
                  <p className="font-medium">{joinError.headline}</p>
                  {joinError.detail && <p className="mt-1 text-red-300/80">{joinError.detail}</p>}
                  {retryIn !== null && (
                    <div className="mt-2 flex items-center gap-3">
                      {/* Said once to screen readers; the ticking number is for the eye. */}
                      <p className="min-w-0 flex-1 text-red-100">
                        <span className="sr-only">Trying again automatically.</span>
                        <span aria-hidden="true">Trying again in {retryIn} s…</span>
                      </p>
                      <button
                        type="button"
                        onClick={() => void submit()}
                        className="shrink-0 rounded-lg bg-red-500/20 px-3 py-1.5 font-medium text-red-50 hover:bg-red-500/30"
                      >
                        Try now
                      </button>
                    </div>
                  )}
                </div>
              )}
            </form>
          </section>
        </div>
    </PageShell>
  );
}
