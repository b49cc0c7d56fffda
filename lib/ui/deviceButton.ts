import type { MediaPermission } from '@/stores/callStore';

export interface DeviceButtonState {
  /** What the others see: on only if there is a live track to send. */
  on: boolean;
  /** The browser refused the device (or there is none): the button says why and how to fix it. */
  blocked: boolean;
  label: string;
}

const NAMES = { mic: 'Microphone', camera: 'Camera' } as const;
const ON_LABELS = { mic: ['Mute microphone', 'Unmute microphone'], camera: ['Turn camera off', 'Turn camera on'] } as const;

/**
 * The mic or camera button as the person should read it. A device the browser
 * blocked shows off, as everyone else sees it, with how to allow it (as Meet does).
 */
export function deviceButton(kind: 'mic' | 'camera', wanted: boolean, hasTrack: boolean, permission: MediaPermission): DeviceButtonState {
  if (!hasTrack && (permission === 'denied' || permission === 'unavailable')) {
    const fix =
      permission === 'denied'
        ? "allow it in your browser's site settings (the icon left of the address), then reload"
        : 'connect one, or check that no other app is using it';
    return { on: false, blocked: true, label: `${NAMES[kind]} ${permission === 'denied' ? 'blocked' : 'not found'}: ${fix}` };
  }
  const [turnOff, turnOn] = ON_LABELS[kind];
  return { on: wanted, blocked: false, label: wanted ? turnOff : turnOn };
}
