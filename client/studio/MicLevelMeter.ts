/**
 * The microphone check of the preview: the track's peak level (0..1) a few
 * times a second through Web Audio. Browsers start an AudioContext suspended
 * until the page gets a gesture, so the first click or key resumes it.
 */
export class MicLevelMeter {
  readonly #context: AudioContext;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #resume = () => void this.#context.resume();

  constructor(track: MediaStreamTrack, onLevel: (level: number) => void, intervalMs = 150) {
    this.#context = new AudioContext();
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 1024;
    this.#context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      onLevel(Math.min(1, peak));
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
