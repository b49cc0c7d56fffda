import { PeakHold } from '@/lib/studio/peakHold';

/**
 * The microphone check of the preview: the track's peak level (0..1) through
 * Web Audio, read every 50 ms (each read covers the last ~43 ms, so no burst
 * falls between reads) and shown with a peak hold. Browsers start an AudioContext suspended
 * until the page gets a gesture, so the first click or key resumes it.
 */
export class MicLevelMeter {
  readonly #context: AudioContext;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #resume = () => void this.#context.resume();

  constructor(track: MediaStreamTrack, onLevel: (level: number) => void, intervalMs = 50) {
    this.#context = new AudioContext();
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 2048;
    this.#context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const hold = new PeakHold();
    let shown = -1;
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      // Percent steps: the store (and React) hears only of visible changes.
      const level = Math.round(hold.push(peak, performance.now()) * 100) / 100;
      if (level !== shown) onLevel((shown = level));
    }, intervalMs);
    window.addEventListener('pointerdown', this.#resume, { once: true });
    window.addEventListener('keydown', this.#resume, { once: true });
    void this.#context.resume();
  }

  close(): void {
    clearInterval(this.#timer);
    window.removeEventListener('pointerdown', this.#resume);
    window.removeEventListener('keydown', this.#resume);
    void this.#context.close();
  }
}
