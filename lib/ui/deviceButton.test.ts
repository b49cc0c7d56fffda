import { describe, expect, it } from 'vitest';
import { deviceButton } from './deviceButton';

describe('deviceButton', () => {
  it('follows what the person chose while the device works', () => {
    expect(deviceButton('mic', true, true, 'granted')).toEqual({ on: true, blocked: false, label: 'Mute microphone' });
    expect(deviceButton('mic', false, true, 'granted')).toEqual({ on: false, blocked: false, label: 'Unmute microphone' });
    expect(deviceButton('camera', false, false, 'granted')).toEqual({ on: false, blocked: false, label: 'Turn camera on' });
  });

  it('shows a blocked device off, whatever was chosen, and says how to allow it', () => {
    const mic = deviceButton('mic', true, false, 'denied');
    expect(mic.on).toBe(false);
    expect(mic.blocked).toBe(true);
    expect(mic.label).toMatch(/^Microphone blocked: allow it in your browser's site settings/);
    expect(deviceButton('camera', true, false, 'unavailable').label).toMatch(/^Camera not found/);
  });

  it('does not call a device blocked while asking, or when a track exists', () => {
    expect(deviceButton('mic', true, false, 'pending').blocked).toBe(false);
    expect(deviceButton('camera', true, true, 'denied').blocked).toBe(false);
  });
});
