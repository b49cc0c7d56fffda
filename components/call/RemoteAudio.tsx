'use client';

import { useEffect, useRef } from 'react';
import { orderedParticipants } from '@/lib/ui/tiles';
import { useCallStore } from '@/stores/callStore';

function AudioSink({ peerId, track }: { peerId: string; track: MediaStreamTrack | null }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    if (!track) {
      audio.srcObject = null;
      return;
    }
    audio.srcObject = new MediaStream([track]);
    audio.play().catch(() => {});
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  return <audio ref={ref} autoPlay data-peer-id={peerId} className="hidden" />;
}

/** One hidden, unmuted <audio> per remote participant. */
export function RemoteAudio() {
  const participants = useCallStore((s) => s.participants);
  const order = useCallStore((s) => s.order);
  return (
    <div hidden>
      {orderedParticipants(participants, order).map((p) => (
        <AudioSink key={p.id} peerId={p.id} track={p.audioTrack} />
      ))}
    </div>
  );
}
