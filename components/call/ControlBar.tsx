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
import { deviceButton } from '@/lib/ui/deviceButton';
import { shortcutHint } from '@/lib/ui/shortcuts';
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

interface ToggleProps {
  className?: string;
  /** In the call, where the keyboard shortcuts work (not on the pre-join page). */
  shortcuts?: boolean;
}

export const MicToggle = (props: ToggleProps) => <DeviceToggle kind="mic" {...props} />;
export const CamToggle = (props: ToggleProps) => <DeviceToggle kind="camera" {...props} />;

const DEVICE = {
  mic: { on: <MicIcon />, off: <MicOffIcon />, shortcut: 'toggle-mic', toggle: 'toggleMic' },
  camera: { on: <CamIcon />, off: <CamOffIcon />, shortcut: 'toggle-camera', toggle: 'toggleCam' },
} as const;

function DeviceToggle({ kind, className = '', shortcuts = false }: ToggleProps & { kind: 'mic' | 'camera' }) {
  const actions = useCallActions();
  const wanted = useCallStore((s) => (kind === 'mic' ? s.local.micOn : s.local.camOn));
  const hasTrack = useCallStore((s) => (kind === 'mic' ? s.local.micTrack : s.local.camTrack) !== null);
  const permission = useCallStore((s) => s.local.permission);
  const state = deviceButton(kind, wanted, hasTrack, permission);
  const device = DEVICE[kind];
  return (
    <ControlButton
      label={state.label}
      aria-pressed={!state.on}
      tone={state.on ? 'neutral' : 'off'}
      icon={state.on ? device.on : device.off}
      shortcut={shortcuts ? shortcutHint(device.shortcut) : undefined}
      badge={state.blocked ? <BlockedMark /> : undefined}
      onClick={() => void actions[device.toggle]()}
      className={className}
    />
  );
}

/** The warning mark on a device button whose device the browser refused. */
function BlockedMark() {
  return (
    <span aria-hidden="true" className="absolute -top-1 -right-1 inline-flex size-5 items-center justify-center rounded-full bg-amber-400 text-xs font-bold text-zinc-950 ring-2 ring-zinc-950">
      !
    </span>
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
      <MicToggle shortcuts />
      <CamToggle shortcuts />
      {canShare && (
        <ControlButton
          label={screenOn ? 'Stop sharing screen' : 'Share screen'}
          aria-pressed={screenOn}
          tone={screenOn ? 'on' : 'neutral'}
          icon={screenOn ? <ScreenOffIcon /> : <ScreenIcon />}
          shortcut={shortcutHint('toggle-share')}
          onClick={() => void actions.toggleScreen()}
        />
      )}
      <ControlButton
        label={layout === 'grid' ? 'Switch to speaker layout' : 'Switch to grid layout'}
        aria-pressed={layout === 'speaker'}
        icon={layout === 'grid' ? <SpeakerLayoutIcon /> : <GridIcon />}
        shortcut={shortcutHint('toggle-layout')}
        onClick={() => actions.setLayout(layout === 'grid' ? 'speaker' : 'grid')}
      />
      <ControlButton
        id="toggle-participants"
        label={participantsOpen ? 'Hide participants' : 'Show participants'}
        aria-pressed={participantsOpen}
        tone={participantsOpen ? 'on' : 'neutral'}
        icon={<UsersIcon />}
        shortcut={shortcutHint('toggle-people')}
        onClick={() => onTogglePanel('participants')}
      />
      <ControlButton
        id="toggle-chat"
        label={chatOpen ? 'Hide chat' : 'Show chat'}
        aria-pressed={chatOpen}
        aria-describedby={unreadChat > 0 ? 'chat-unread' : undefined}
        tone={chatOpen ? 'on' : 'neutral'}
        icon={<ChatIcon />}
        shortcut={shortcutHint('toggle-chat')}
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
        shortcut={shortcutHint('leave')}
        className="md:ml-3 md:w-20"
        onClick={() => void actions.leave()}
      />
    </section>
  );
}
