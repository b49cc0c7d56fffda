import { CAMERA_CAPTURE } from '@/lib/simulcast';
import type { DeviceOption, MediaPermission } from '@/stores/callStore';

/*
 * Camera, microphone and screen capture, with browser errors turned into the
 * sentences the pre-join screen shows.
 */

export interface CaptureResult {
  micTrack: MediaStreamTrack | null;
  camTrack: MediaStreamTrack | null;
  permission: MediaPermission;
  error: string | null;
}

function cameraConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    width: { ideal: CAMERA_CAPTURE.width },
    height: { ideal: CAMERA_CAPTURE.height },
    frameRate: { ideal: CAMERA_CAPTURE.frameRate },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

function micConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

export function describeMediaError(error: unknown): { permission: MediaPermission; message: string } {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return { permission: 'denied', message: 'Camera and microphone access was denied.' };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return { permission: 'unavailable', message: 'No camera or microphone was found.' };
  }
  if (name === 'NotReadableError') {
    return { permission: 'unavailable', message: 'Your camera or microphone is in use by another application.' };
  }
  return { permission: 'unavailable', message: 'Camera and microphone are not available in this browser.' };
}

async function captureOne(kind: 'audio' | 'video', deviceId: string | null): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'audio' ? { audio: micConstraints(deviceId) } : { video: cameraConstraints(deviceId) },
  );
  return stream.getTracks()[0];
}

/** Both devices at once (one permission prompt), falling back to whichever one works. */
export async function captureCameraAndMic(micId: string | null, camId: string | null): Promise<CaptureResult> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { micTrack: null, camTrack: null, permission: 'unavailable', error: describeMediaError(null).message };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(micId), video: cameraConstraints(camId) });
    return { micTrack: stream.getAudioTracks()[0] ?? null, camTrack: stream.getVideoTracks()[0] ?? null, permission: 'granted', error: null };
  } catch (bothError) {
    const [mic, cam] = await Promise.allSettled([captureOne('audio', micId), captureOne('video', camId)]);
    const micTrack = mic.status === 'fulfilled' ? mic.value : null;
    const camTrack = cam.status === 'fulfilled' ? cam.value : null;
    if (!micTrack && !camTrack) {
      const { permission, message } = describeMediaError(bothError);
      return { micTrack, camTrack, permission, error: message };
    }
    const missing = micTrack ? 'camera' : 'microphone';
    return { micTrack, camTrack, permission: 'granted', error: `Your ${missing} is not available; joining without it.` };
  }
}

export const captureCamera = (deviceId: string | null) => captureOne('video', deviceId);
export const captureMic = (deviceId: string | null) => captureOne('audio', deviceId);

export async function captureScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  return stream.getVideoTracks()[0];
}

export async function listDevices(): Promise<{ mics: DeviceOption[]; cams: DeviceOption[] }> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const options = (kind: MediaDeviceKind, fallback: string): DeviceOption[] =>
    devices
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
  return { mics: options('audioinput', 'Microphone'), cams: options('videoinput', 'Camera') };
}
