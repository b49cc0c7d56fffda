'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PlusIcon, Spinner } from '@/components/ui/icons';
import { randomRoomId } from '@/lib/ui/roomId';

export function StartMeetingButton() {
  const router = useRouter();
  const [starting, setStarting] = useState(false);

  return (
    <button
      type="button"
      disabled={starting}
      aria-busy={starting}
      onClick={() => {
        setStarting(true);
        router.push(`/room/${randomRoomId()}`);
      }}
      className="inline-flex h-12 items-center justify-center gap-2 rounded-xl bg-sky-500 px-6 text-base font-semibold text-zinc-950 transition hover:bg-sky-400 disabled:cursor-wait disabled:opacity-80"
    >
      {starting ? <Spinner /> : <PlusIcon />}
      Start a new meeting
    </button>
  );
}
