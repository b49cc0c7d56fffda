import { create } from 'zustand';
import type { ChatMessage, ErrorBody } from '@/lib/protocol';
import type { TileQuality } from '@/lib/quality/tileQuality';

/*
 * Everything the call UI renders. Only the call client (client/) writes here;
 * components read through selectors and act through `useCallActions()`.
 */

export type CallStatus = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'left' | 'failed' | 'replaced';
export type MediaPermission = 'unknown' | 'pending' | 'granted' | 'denied' | 'unavailable';
export type Layout = 'grid' | 'speaker';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface LocalMediaState {
  micOn: boolean;
  camOn: boolean;
  screenOn: boolean;
  micTrack: MediaStreamTrack | null;
  camTrack: MediaStreamTrack | null;
  screenTrack: MediaStreamTrack | null;
  mics: DeviceOption[];
  cams: DeviceOption[];
  micId: string | null;
  camId: string | null;
  permission: MediaPermission;
  /** Human sentence for the last device problem ("Camera access was denied"). */
  error: string | null;
}

export interface RemoteParticipant {
  id: string;
  displayName: string;
  joinedAt: number;
  /** True when the peer has no live microphone producer (none, or paused). */
  micMuted: boolean;
  /** True when the peer has no live camera producer (none, or paused). */
  camOff: boolean;
  sharingScreen: boolean;
  audioTrack: MediaStreamTrack | null;
  videoTrack: MediaStreamTrack | null;
  screenTrack: MediaStreamTrack | null;
  /** Lost its connection; the server holds its place for the grace period. */
  reconnecting: boolean;
}

/** A short notice over the call ("Dana joined"); chat ones preview a message while the chat is closed. */
export interface Toast {
  id: number;
  kind: 'presence' | 'chat' | 'mute';
  text: string;
}

export interface CallState {
  status: CallStatus;
  error: ErrorBody | null;
  roomId: string | null;
  selfId: string | null;
  displayName: string;
  local: LocalMediaState;
  participants: Record<string, RemoteParticipant>;
  /** Join order of remote peers, for a stable grid. */
  order: string[];
  activeSpeakerId: string | null;
  layout: Layout;
  pinnedId: string | null;
  /** The layout a pin switched away from (lib/ui/pinning). */
  layoutBeforePin: Layout | null;
  /** The layout a remote screen share switched away from (lib/ui/pinning). */
  layoutBeforeShare: Layout | null;
  chat: ChatMessage[];
  /** Connection quality of each remote peer's tile, by peer id (written by client/quality/QualityMonitor). */
  quality: Record<string, TileQuality>;
  /** My own send quality, shown on my tile. */
  selfQuality: TileQuality | null;
  /** Every peer id this page has joined as, so earlier messages stay "mine" after a fresh rejoin. */
  ownPeerIds: string[];
  /** A passing explanation of what the call just did by itself ("You were away too long..."). */
  notice: string | null;
  /** Newest last; each goes by itself after a few seconds (client/announcements). */
  toasts: Toast[];
  /** When the meeting began, by this page's clock (from the server's elapsed time, so clock skew does not matter). */
  meetingStartedAt: number | null;
}

export const initialLocalMedia: LocalMediaState = {
  micOn: true,
  camOn: true,
  screenOn: false,
  micTrack: null,
  camTrack: null,
  screenTrack: null,
  mics: [],
  cams: [],
  micId: null,
  camId: null,
  permission: 'unknown',
  error: null,
};

export const initialCallState: CallState = {
  status: 'idle',
  error: null,
  roomId: null,
  selfId: null,
  displayName: '',
  local: initialLocalMedia,
  participants: {},
  order: [],
  activeSpeakerId: null,
  layout: 'grid',
  pinnedId: null,
  layoutBeforePin: null,
  layoutBeforeShare: null,
  chat: [],
  quality: {},
  selfQuality: null,
  ownPeerIds: [],
  notice: null,
  toasts: [],
  meetingStartedAt: null,
};

export const useCallStore = create<CallState>()(() => initialCallState);

/** What the UI may ask of the call; implemented by the call client. */
export interface CallActions {
  /** Ask for camera+microphone, start the preview, list devices. */
  prepareMedia(): Promise<void>;
  selectMic(deviceId: string): Promise<void>;
  selectCam(deviceId: string): Promise<void>;
  join(roomId: string, displayName: string): Promise<void>;
  toggleMic(): Promise<void>;
  toggleCam(): Promise<void>;
  toggleScreen(): Promise<void>;
  leave(): Promise<void>;
  setLayout(layout: Layout): void;
  pin(peerId: string | null): void;
  sendChat(text: string): Promise<void>;
  /** A remote video tile's rendered size in CSS pixels, so the client can pick a simulcast layer. */
  reportTileSize(peerId: string, source: 'camera' | 'screen', width: number, height: number): void;
  /** Hide the current device/action problem message. */
  dismissNotice(): void;
}
