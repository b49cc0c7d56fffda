'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { RoomIdSchema, validate } from '@/lib/protocol/validation';
import { roomIdFromInput } from '@/lib/ui/roomId';

export function JoinMeetingForm() {
  const router = useRouter();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const candidate = roomIdFromInput(value);
    if (!candidate) {
      setError('Enter a room id or paste a meeting link');
      return;
    }
    const result = validate(RoomIdSchema, candidate);
    if (!result.ok) {
      setError(`"${candidate.length > 40 ? `${candidate.slice(0, 40)}…` : candidate}" is not a valid room id. ${result.message}.`);
      return;
    }
    setError(null);
    router.push(`/room/${encodeURIComponent(result.value)}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Join a meeting">
      <h2 className="text-sm font-medium text-zinc-300">Join a meeting</h2>
      <label htmlFor={inputId} className="mt-2 block text-sm text-zinc-400">
        Room id
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={inputId}
          name="roomId"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            if (error) setError(null);
          }}
          placeholder="e.g. abc-defg-hij"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="h-12 min-w-0 flex-1 rounded-xl border border-zinc-700 bg-zinc-900 px-4 text-base text-zinc-100 placeholder:text-zinc-500 focus:border-sky-400 aria-invalid:border-red-500"
        />
        <button
          type="submit"
          className="h-12 shrink-0 rounded-xl border border-zinc-700 bg-zinc-800 px-5 font-semibold text-zinc-100 transition hover:bg-zinc-700"
        >
          Join
        </button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
