'use client';

import { useSyncExternalStore } from 'react';
import { useCallActions } from '@/client/useCallActions';
import {
  CamIcon,
  CamOffIcon,
  ChatIcon,
  GridIcon,
  LeaveIcon,
  MicIcon,
  MicOffIcon,
  ScreenIcon,
  ScreenOffIcon,
  SpeakerLayoutIcon,
  UsersIcon,
} from '@/components/ui/icons';
import { useCallStore } from '@/stores/callStore';
import { ControlButton } from './ControlButton';
import { SettingsMenu } from './SettingsMenu';

export type PanelName = 'participants' | 'chat';

const noSubscribe = () => () => {};

/** Phones and some browsers have no getDisplayMedia: hide "Share screen" there. */
function useCanShareScreen(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function',
    () => false,
  );
}

export function MicToggle({ className = '' }: { className?: string }) {
  const micOn = useCallStore((s) => s.local.micOn);
  const actions = useCallActions();
  return (
    <ControlButton
      label={micOn ? 'Mute microphone' : 'Unmute microphone'}
      aria-pressed={!micOn}
      tone={micOn ? 'neutral' : 'off'}
      icon={micOn ? <MicIcon /> : <MicOffIcon />}
      onClick={() => void actions.toggleMic()}
      className={className}
    />
  );
}

export function CamToggle({ className = '' }: { className?: string }) {
  const camOn = useCallStore((s) => s.local.camOn);
  const actions = useCallActions();
  return (
    <ControlButton
      label={camOn ? 'Turn camera off' : 'Turn camera on'}
      aria-pressed={!camOn}
      tone={camOn ? 'neutral' : 'off'}
      icon={camOn ? <CamIcon /> : <CamOffIcon />}
      onClick={() => void actions.toggleCam()}
      className={className}
    />
  );
}

export interface ControlBarProps {
  panel: PanelName | null;
  onTogglePanel: (panel: PanelName) => void;
  unreadChat: number;
}

export function ControlBar({ panel, onTogglePanel, unreadChat }: ControlBarProps) {
  const screenOn = useCallStore((s) => s.local.screenOn);
  const layout = useCallStore((s) => s.layout);
  const actions = useCallActions();
  const canShare = useCanShareScreen();
  const participantsOpen = panel === 'participants';
  const chatOpen = panel === 'chat';

  return (
    <section
      aria-label="Call controls"
      className="flex shrink-0 items-center justify-center gap-1 overflow-x-auto px-2 pt-2 md:overflow-visible pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:gap-3"
    >
      <MicToggle />
      <CamToggle />
      {canShare && (
        <ControlButton
          label={screenOn ? 'Stop sharing screen' : 'Share screen'}
          aria-pressed={screenOn}
          tone={screenOn ? 'on' : 'neutral'}
          icon={screenOn ? <ScreenOffIcon /> : <ScreenIcon />}
          onClick={() => void actions.toggleScreen()}
        />
      )}
      <ControlButton
        label={layout === 'grid' ? 'Switch to speaker layout' : 'Switch to grid layout'}
        aria-pressed={layout === 'speaker'}
        icon={layout === 'grid' ? <SpeakerLayoutIcon /> : <GridIcon />}
        onClick={() => actions.setLayout(layout === 'grid' ? 'speaker' : 'grid')}
      />
      <ControlButton
        id="toggle-participants"
        label={participantsOpen ? 'Hide participants' : 'Show participants'}
        aria-pressed={participantsOpen}
        tone={participantsOpen ? 'on' : 'neutral'}
        icon={<UsersIcon />}
        onClick={() => onTogglePanel('participants')}
      />
      <ControlButton
        id="toggle-chat"
        label={chatOpen ? 'Hide chat' : 'Show chat'}
        aria-pressed={chatOpen}
        aria-describedby={unreadChat > 0 ? 'chat-unread' : undefined}
        tone={chatOpen ? 'on' : 'neutral'}
        icon={<ChatIcon />}
        badge={
          unreadChat > 0 ? (
            <>
              <span
                aria-hidden="true"
                data-testid="chat-unread-badge"
                className="absolute -top-1 -right-1 inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-red-500 px-1 text-xs font-bold text-white"
              >
                {unreadChat > 99 ? '99+' : unreadChat}
              </span>
              <span id="chat-unread" className="sr-only">
                {unreadChat === 1 ? '1 unread message' : `${unreadChat} unread messages`}
              </span>
            </>
          ) : null
        }
        onClick={() => onTogglePanel('chat')}
      />
      <SettingsMenu />
      <ControlButton
        label="Leave meeting"
        tone="danger"
        icon={<LeaveIcon />}
        className="md:ml-3 md:w-20"
        onClick={() => void actions.leave()}
      />
    </section>
  );
}
