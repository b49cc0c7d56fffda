/**
 * Local recording of what is sent (MediaRecorder to WebM). The file is kept
 * in memory until saved; a new recording frees the previous one.
 */
export const RECORDING_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

export function recordingSupported(): boolean {
  return typeof MediaRecorder !== 'undefined' && RECORDING_TYPES.some((t) => MediaRecorder.isTypeSupported(t));
}

export interface RecordedFile {
  url: string;
  name: string;
  bytes: number;
}

export class Recorder {
  #recorder: MediaRecorder | null = null;
  #chunks: Blob[] = [];
  #lastUrl: string | null = null;

  get recording(): boolean {
    return this.#recorder?.state === 'recording';
  }

  start(tracks: MediaStreamTrack[], onDone: (file: RecordedFile) => void, onError: (error: unknown) => void): void {
    if (this.recording) return;
    const mimeType = RECORDING_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(new MediaStream(tracks), mimeType ? { mimeType } : undefined);
    this.#chunks = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.#chunks.push(event.data);
    };
    recorder.onerror = (event) => onError((event as Event & { error?: unknown }).error ?? event);
    recorder.onstop = () => onDone(this.#finish(recorder.mimeType || 'video/webm'));
    // Chunks every second, so a crash mid-recording loses at most a second.
    recorder.start(1000);
    this.#recorder = recorder;
  }

  stop(): void {
    if (this.#recorder?.state === 'recording') this.#recorder.stop();
    this.#recorder = null;
  }

  #finish(type: string): RecordedFile {
    const blob = new Blob(this.#chunks, { type });
    this.#chunks = [];
    if (this.#lastUrl) URL.revokeObjectURL(this.#lastUrl);
    this.#lastUrl = URL.createObjectURL(blob);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    return { url: this.#lastUrl, name: `podium-recording-${stamp}.webm`, bytes: blob.size };
  }

  close(): void {
    this.stop();
    if (this.#lastUrl) URL.revokeObjectURL(this.#lastUrl);
    this.#lastUrl = null;
  }
}
