'use client';

import { CamIcon, CamOffIcon, MicIcon, MicOffIcon, SpeakingIcon } from '@/components/ui/icons';
import { orderedParticipants, selfName } from '@/lib/ui/tiles';
import { useCallStore } from '@/stores/callStore';
import { Avatar } from './Avatar';
import { CopyLinkButton } from './CopyLinkButton';
import { SidePanel } from './SidePanel';

interface Row {
  id: string;
  name: string;
  isSelf: boolean;
  micMuted: boolean;
  camOff: boolean;
}

function ParticipantRow({ row, speaking }: { row: Row; speaking: boolean }) {
  return (
    <li className="flex items-center gap-3 px-4 py-2" data-participant-id={row.id}>
      <Avatar name={row.name} className="size-9 text-sm" />
      <span className="min-w-0 flex-1 truncate text-sm text-zinc-100">
        {row.name}
        {row.isSelf && <span className="text-zinc-400"> (you)</span>}
      </span>
      {speaking && (
        <span role="img" aria-label={`${row.name} is speaking`} className="text-emerald-400">
          <SpeakingIcon className="size-4" />
        </span>
      )}
      <span
        role="img"
        aria-label={row.camOff ? `Camera off for ${row.name}` : `Camera on for ${row.name}`}
        className={row.camOff ? 'text-zinc-500' : 'text-zinc-300'}
      >
        {row.camOff ? <CamOffIcon className="size-4" /> : <CamIcon className="size-4" />}
      </span>
      <span
        role="img"
        aria-label={row.micMuted ? `${row.name} is muted` : `${row.name}'s microphone is on`}
        className={row.micMuted ? 'text-red-400' : 'text-zinc-300'}
      >
        {row.micMuted ? <MicOffIcon className="size-4" /> : <MicIcon className="size-4" />}
      </span>
    </li>
  );
}

export function ParticipantsPanel({ onClose }: { onClose: () => void }) {
  const selfId = useCallStore((s) => s.selfId);
  const displayName = useCallStore((s) => s.displayName);
  const micOn = useCallStore((s) => s.local.micOn);
  const camOn = useCallStore((s) => s.local.camOn);
  const camTrack = useCallStore((s) => s.local.camTrack);
  const participants = useCallStore((s) => s.participants);
  const order = useCallStore((s) => s.order);
  const activeSpeakerId = useCallStore((s) => s.activeSpeakerId);

  const remotes = orderedParticipants(participants, order);
  const rows: Row[] = [
    { id: selfId ?? 'self', name: selfName(displayName), isSelf: true, micMuted: !micOn, camOff: !camOn || !camTrack },
    ...remotes.map((p) => ({
      id: p.id,
      name: p.displayName,
      isSelf: false,
      micMuted: p.micMuted,
      camOff: p.camOff || !p.videoTrack,
    })),
  ];

  return (
    <SidePanel label="Participants" title={`Participants (${rows.length})`} onClose={onClose}>
      <div className="min-h-0 flex-1 overflow-y-auto py-2">
        <ul aria-label="People in this meeting">
          {rows.map((row) => (
            <ParticipantRow key={row.id} row={row} speaking={activeSpeakerId !== null && row.id === activeSpeakerId} />
          ))}
        </ul>
        {remotes.length === 0 && (
          <div className="mx-4 mt-4 rounded-xl border border-dashed border-zinc-700 p-4 text-center">
            <p className="text-sm text-zinc-300">You&apos;re the only one here — share the link to invite people</p>
            <CopyLinkButton label="Copy invite link" className="mt-3" />
          </div>
        )}
      </div>
    </SidePanel>
  );
}
