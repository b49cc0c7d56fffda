'use client';

import { useEffect, useState } from 'react';
import { Spinner, UsersIcon } from '@/components/ui/icons';
import { unreadCount } from '@/lib/ui/messages';
import { useCallActions } from '@/client/useCallActions';
import { useShortcuts } from '@/client/useShortcuts';
import { useCallStore } from '@/stores/callStore';
import { AloneCard } from './AloneCard';
import { Announcements } from './Announcements';
import { ChatPanel } from './ChatPanel';
import { ControlBar, type PanelName } from './ControlBar';
import { CopyLinkButton } from './CopyLinkButton';
import { MeetingTimer } from './MeetingTimer';
import { NoticeBar } from './NoticeBar';
import { PresentingBar } from './PresentingBar';
import { ParticipantsPanel } from './ParticipantsPanel';
import { RemoteAudio } from './RemoteAudio';
import { LeaveConfirmDialog, ShortcutsDialog } from './ShortcutsDialog';
import { Stage } from './Stage';

export function InCall({ roomId }: { roomId: string }) {
  const status = useCallStore((s) => s.status);
  const chat = useCallStore((s) => s.chat);
  const ownPeerIds = useCallStore((s) => s.ownPeerIds);
  const callNotice = useCallStore((s) => s.notice);
  const peopleCount = useCallStore((s) => 1 + Object.keys(s.participants).length);
  const notice = useCallStore((s) => s.local.error);
  const actions = useCallActions();
  const [panel, setPanel] = useState<PanelName | null>(null);
  const [seenMessages, setSeenMessages] = useState(0);

  // Everything shown while the chat is open counts as read.
  useEffect(() => {
    if (panel === 'chat') setSeenMessages(chat.length);
  }, [panel, chat.length]);
  const unread = panel === 'chat' ? 0 : unreadCount(chat, seenMessages, ownPeerIds);

  const togglePanel = (p: PanelName) => setPanel((current) => (current === p ? null : p));
  const [dialog, setDialog] = useState<'shortcuts' | 'leave' | null>(null);
  const layout = useCallStore((s) => s.layout);
  useShortcuts(
    {
      'toggle-mic': () => void actions.toggleMic(),
      'toggle-camera': () => void actions.toggleCam(),
      'toggle-share': () => void actions.toggleScreen(),
      'toggle-layout': () => actions.setLayout(layout === 'grid' ? 'speaker' : 'grid'),
      'toggle-chat': () => togglePanel('chat'),
      'toggle-people': () => togglePanel('participants'),
      leave: () => setDialog('leave'),
      help: () => setDialog((d) => (d === 'shortcuts' ? null : 'shortcuts')),
    },
    dialog === null,
  );

  function closePanel() {
    const closed = panel;
    setPanel(null);
    if (closed) requestAnimationFrame(() => document.getElementById(`toggle-${closed}`)?.focus());
  }

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-zinc-950">
      <header className="flex shrink-0 items-center gap-3 px-3 pt-3 sm:px-4">
        <h1 className="min-w-0 truncate text-sm font-medium text-zinc-200 sm:text-base">
          <span className="sr-only">Meeting </span>
          {roomId}
        </h1>
        <CopyLinkButton />
        {/* On phones too: who is here and for how long, as Meet and Jitsi show it. */}
        <span className="ml-auto inline-flex shrink-0 items-center gap-3 text-sm text-zinc-400">
          <MeetingTimer />
          <span className="inline-flex items-center gap-1.5">
            <UsersIcon className="size-4" />
            <span>{peopleCount === 1 ? '1 person' : `${peopleCount} people`}</span>
          </span>
        </span>
      </header>

      {status === 'reconnecting' && (
        <div
          role="status"
          className="mx-3 mt-2 flex items-center justify-center gap-2 rounded-lg bg-amber-400 px-3 py-2 text-sm font-medium text-zinc-950 sm:mx-4"
        >
          <Spinner className="size-4" />
          Reconnecting…
        </div>
      )}

      {callNotice && <NoticeBar tone="info" text={callNotice} onDismiss={actions.dismissNotice} />}
      {notice && <NoticeBar tone="problem" text={notice} onDismiss={actions.dismissNotice} />}
      <PresentingBar />

      <div className="flex min-h-0 flex-1 gap-2 md:pr-2">
        <main className="relative min-h-0 min-w-0 flex-1" aria-label="Meeting stage">
          <Stage />
          <AloneCard />
        </main>
        {panel === 'participants' && <ParticipantsPanel onClose={closePanel} />}
        {panel === 'chat' && <ChatPanel onClose={closePanel} />}
      </div>

      <ControlBar
        panel={panel}
        unreadChat={unread}
        onTogglePanel={togglePanel}
      />
      <RemoteAudio />
      <Announcements chatOpen={panel === 'chat'} />
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'leave' && <LeaveConfirmDialog onStay={() => setDialog(null)} onLeave={() => void actions.leave()} />}
    </div>
  );
}
