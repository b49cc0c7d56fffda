import { useCallStore, type LocalMediaState } from '@/stores/callStore';
import { captureCamera, captureCameraAndMic, captureMic, captureScreen, describeMediaError, listDevices } from './localMedia';
import type { LocalPublisher } from './LocalPublisher';

export const setLocal = (patch: Partial<LocalMediaState>) => useCallStore.setState((s) => ({ local: { ...s.local, ...patch } }));
export const local = () => useCallStore.getState().local;

/**
 * This person's camera, microphone and screen: capture, device switching and
 * the on/off toggles, before and during a call. While joined, changes go to
 * the publisher (pause/resume on the server, replace the track, publish).
 */
export class LocalDevices {
  readonly #publisher: () => LocalPublisher | undefined;
  readonly #reportError: (message: string, error: unknown) => void;
  #preparing: Promise<void> | null = null;

  constructor(publisher: () => LocalPublisher | undefined, reportError: (message: string, error: unknown) => void) {
    this.#publisher = publisher;
    this.#reportError = reportError;
  }

  /** Joining while the preview is still asking for devices waits for that same request. */
  prepare(): Promise<void> {
    this.#preparing ??= this.#captureLocalMedia().finally(() => {
      this.#preparing = null;
    });
    return this.#preparing;
  }

  async #captureLocalMedia(): Promise<void> {
    const { micTrack, camTrack, micId, camId } = local();
    if (micTrack || camTrack) return;
    setLocal({ permission: 'pending', error: null });
    const result = await captureCameraAndMic(micId, camId);
    if (result.micTrack) result.micTrack.enabled = local().micOn;
    setLocal({
      micTrack: result.micTrack,
      camTrack: local().camOn ? result.camTrack : null,
      permission: result.permission,
      error: result.error,
      micId: result.micTrack?.getSettings().deviceId ?? micId,
      camId: result.camTrack?.getSettings().deviceId ?? camId,
    });
    if (!local().camOn) result.camTrack?.stop();
    await this.#refreshDevices();
  }

  async #refreshDevices(): Promise<void> {
    try {
      setLocal(await listDevices());
    } catch (error) {
      this.#reportError('could not list devices', error);
    }
  }

  async select(source: 'mic' | 'camera', deviceId: string): Promise<void> {
    const isMic = source === 'mic';
    setLocal(isMic ? { micId: deviceId } : { camId: deviceId });
    const old = isMic ? local().micTrack : local().camTrack;
    if (!old) return;
    try {
      const track = isMic ? await captureMic(deviceId) : await captureCamera(deviceId);
      if (isMic) track.enabled = local().micOn;
      await this.#publisher()?.replaceTrack(source, track);
      old.stop();
      setLocal(isMic ? { micTrack: track, error: null } : { camTrack: track, error: null });
    } catch (error) {
      setLocal({ error: `Could not switch ${isMic ? 'microphone' : 'camera'}: ${describeMediaError(error).message}` });
    }
  }

  async toggleMic(): Promise<void> {
    const on = !local().micOn;
    setLocal({ micOn: on });
    let track = local().micTrack;
    if (on && !track) {
      try {
        track = await captureMic(local().micId);
        setLocal({ micTrack: track, error: null });
      } catch (error) {
        setLocal({ micOn: false, error: describeMediaError(error).message });
        return;
      }
    }
    if (track) track.enabled = on;
    const publisher = this.#publisher();
    if (!publisher || !track) return;
    if (publisher.isPublished('mic')) await publisher.setPaused('mic', !on);
    else if (on) await publisher.publish('mic', track);
  }

  async toggleCam(): Promise<void> {
    const on = !local().camOn;
    setLocal({ camOn: on });
    const publisher = this.#publisher();
    if (!on) {
      // Pause on the server, then release the camera so its light goes off.
      await publisher?.setPaused('camera', true);
      await publisher?.replaceTrack('camera', null);
      local().camTrack?.stop();
      setLocal({ camTrack: null });
      return;
    }
    let track: MediaStreamTrack;
    try {
      track = await captureCamera(local().camId);
    } catch (error) {
      setLocal({ camOn: false, error: describeMediaError(error).message });
      return;
    }
    setLocal({ camTrack: track, error: null });
    if (!publisher) return;
    if (publisher.has('camera')) {
      await publisher.replaceTrack('camera', track);
      await publisher.setPaused('camera', false);
    } else {
      await publisher.publish('camera', track);
    }
  }

  async toggleScreen(): Promise<void> {
    const publisher = this.#publisher();
    const current = local().screenTrack;
    if (current) {
      current.stop();
      setLocal({ screenTrack: null, screenOn: false });
      await publisher?.unpublish('screen');
      return;
    }
    if (!publisher) return;
    let track: MediaStreamTrack;
    try {
      track = await captureScreen();
    } catch (error) {
      // Cancelling the browser's picker is not an error worth showing.
      if (error instanceof DOMException && error.name === 'NotAllowedError') return;
      throw error;
    }
    track.addEventListener('ended', () => {
      if (local().screenTrack === track) void this.toggleScreen();
    });
    setLocal({ screenTrack: track, screenOn: true });
    await publisher.publish('screen', track);
  }

  /** Releases every device (leaving: the camera light goes off). */
  stopAll(): void {
    const l = local();
    for (const track of [l.micTrack, l.camTrack, l.screenTrack]) track?.stop();
    setLocal({ micTrack: null, camTrack: null, screenTrack: null, screenOn: false, permission: 'unknown' });
  }
}
