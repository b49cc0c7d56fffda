/*
 * Connection-quality scoring, modelled on LiveKit's connection quality scorer
 * (livekit/livekit pkg/sfu/connectionquality/scorer.go).
 *
 * Each stats interval gives up to four ratings on the E-model R scale (0..100):
 *   - packet rating: a simplified E-model of loss, RTT and jitter,
 *   - bitrate rating: actual vs expected bitrate, on a log scale,
 *   - layer rating: received vs wanted spatial layer,
 *   - server rating: the SFU's own score of the stream, when known.
 * The lowest of them is the interval's rating, converted to a MOS-like score
 * (1..4.5, or 0 when no media arrived). QualityScorer then smooths the score
 * over time: it drops at once and recovers slowly, and a band only rises
 * once the score clears the band's threshold by a margin.
 *
 * Everything here is pure and deterministic: time is passed in.
 */

export type ConnectionQuality = 'excellent' | 'good' | 'poor' | 'lost';

/** One stats interval of one stream. null = unknown, and ignored. */
export interface QualityInput {
  /** Packet loss in the interval, in percent (0..100). */
  lossPercent: number | null;
  rttMs: number | null;
  jitterMs: number | null;
  bitrateBps: number | null;
  /** What the stream should carry now (e.g. the selected layer's maxBitrate); 0 or null = no expectation. */
  expectedBitrateBps: number | null;
  /** Spatial layer being received (0 = lowest). */
  layer: number | null;
  /** Spatial layer we asked for, or the highest one available. */
  wantedLayer: number | null;
  /** Packets in the interval; 0 means nothing arrived => lost. */
  packetsReceived?: number | null;
  /** Muted / camera off: no media is expected, so its absence is not a fault. */
  paused?: boolean;
  /** The SFU's own score of the stream (mediasoup: 0..SERVER_SCORE_MAX, the lower of consumer and producer score). */
  serverScore?: number | null;
  /** Frame sizes of the received and the wanted layer, so the layer reason can name them. */
  layerSize?: FrameSize | null;
  wantedLayerSize?: FrameSize | null;
  /** Whose numbers these are; only changes the wording ("Sending …" for my own stream). */
  direction?: 'receive' | 'send';
}

export interface FrameSize {
  width: number;
  height: number;
}

export interface QualityReason {
  kind: 'loss' | 'rtt' | 'jitter' | 'bitrate' | 'layer' | 'server' | 'no-media';
  text: string;
}

export interface QualityResult {
  quality: ConnectionQuality;
  /** 0..4.5, MOS-like; 0 only when no media arrived. */
  score: number;
  reasons: QualityReason[];
}

// ---------------------------------------------------------------- constants

/** Top of the E-model R scale; a perfect interval. */
export const MAX_RATING = 100;
/** MOS of a perfect interval (the E-model's ceiling for R = 100). */
export const MAX_SCORE = 4.5;
/** MOS of the worst live stream; G.107's floor, and well above LOST_SCORE. */
export const MIN_SCORE = 1.0;

/** Score when nothing arrived: below any MOS (min 1.0), so it can only mean "lost". */
export const LOST_SCORE = 0;

/** R points lost per 1 % packet loss; LiveKit's Opus weight: 2.5 % loss stays excellent, ~6 % is poor. */
export const LOSS_WEIGHT = 8;
/** Jitter counts double in the delay, as in the PingPlotter E-model LiveKit follows (de-jitter buffering adds delay). */
export const JITTER_DELAY_FACTOR = 2;
/** Delay (ms) up to which each 40 ms costs one R point; beyond it conversation breaks down faster. */
export const DELAY_KNEE_MS = 160;
/** R points lost per ln(expected/actual) bitrate; 60 makes >= ~72 % excellent, < ~43 % poor (LiveKit's 20 is too lenient for us). */
export const BITRATE_LOG_WEIGHT = 60;
/** R points lost per missing spatial layer; as in LiveKit, each missed layer costs about one band. */
export const LAYER_DISTANCE_WEIGHT = 35;

/** Score above which quality is excellent; LiveKit's MOS boundary, ~R 80 (ITU "satisfied"). */
export const EXCELLENT_MIN_SCORE = 4.0;
/** Score above which quality is good; LiveKit's MOS boundary, ~R 50: repair mechanisms keep this usable. */
export const GOOD_MIN_SCORE = 2.5;
/** Score above which quality is at least poor; anything at or below it means no media. */
export const POOR_MIN_SCORE = LOST_SCORE;

/** A band is only entered from below once the score exceeds its threshold by this much, so it does not flap. */
export const BAND_UPGRADE_MARGIN = 0.1;
/** Time constant of the exponential recovery; ~7 s from poor to excellent, so one good sample is not enough. */
export const RECOVERY_TIME_CONSTANT_MS = 3000;
/** Top of mediasoup's score scale (consumer and producer scores are 0..10). */
export const SERVER_SCORE_MAX = 10;

/** A component costing fewer R points than this is noise, not a reason worth showing. */
export const REASON_MIN_PENALTY = 5;

// ------------------------------------------------------------ instant score

/** A component's rating and, when it costs something, the sentence explaining it. */
interface Penalty {
  points: number;
  reason: QualityReason;
}

function known(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * ITU-T G.107 R -> MOS, as LiveKit's scoreToMOS. The cubic dips just below 1
 * for R < ~10, so it is floored at MIN_SCORE to keep worse ratings from ever
 * scoring higher.
 */
export function ratingToScore(rating: number): number {
  const r = clamp(rating, 0, MAX_RATING);
  return Math.max(MIN_SCORE, 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r));
}

/** Simplified E-model delay impairment (PingPlotter / LiveKit). */
function delayPenalty(delayMs: number): number {
  const d = Math.max(0, delayMs);
  return d <= DELAY_KNEE_MS ? d / 40 : (d - 120) / 10;
}

/**
 * Full RTT, not half: the browser's RTT covers both legs, and a conversation
 * feels the round trip (LiveKit halves it because its RTT is one hop of two).
 */
function effectiveDelayMs(input: QualityInput): number {
  const rtt = known(input.rttMs) ? input.rttMs : 0;
  const jitter = known(input.jitterMs) ? input.jitterMs : 0;
  return rtt + JITTER_DELAY_FACTOR * jitter;
}

function lossPenalty(input: QualityInput): Penalty | null {
  if (!known(input.lossPercent)) return null;
  const loss = clamp(input.lossPercent, 0, 100);
  return {
    points: LOSS_WEIGHT * loss,
    reason: { kind: 'loss', text: `${loss.toFixed(1)} % packet loss` },
  };
}

function rttPenalty(input: QualityInput): Penalty | null {
  if (!known(input.rttMs)) return null;
  return {
    points: delayPenalty(input.rttMs),
    reason: { kind: 'rtt', text: `RTT ${Math.round(input.rttMs)} ms` },
  };
}

function jitterPenalty(input: QualityInput): Penalty | null {
  if (!known(input.jitterMs)) return null;
  return {
    points: delayPenalty(JITTER_DELAY_FACTOR * input.jitterMs),
    reason: { kind: 'jitter', text: `Jitter ${Math.round(input.jitterMs)} ms` },
  };
}

/** Loss and delay add up (E-model), so their combined rating, not each alone, is the packet rating. */
function packetRating(input: QualityInput): number {
  const loss = lossPenalty(input)?.points ?? 0;
  return MAX_RATING - loss - delayPenalty(effectiveDelayMs(input));
}

function kbps(bps: number): number {
  return Math.round(bps / 1000);
}

/** Paused streams carry no bitrate by design, and a stream with no expectation cannot fall short of it. */
function bitratePenalty(input: QualityInput): Penalty | null {
  const { bitrateBps: actual, expectedBitrateBps: expected } = input;
  if (input.paused || !known(actual) || !known(expected) || expected <= 0) return null;
  const shortfall = actual <= 0 ? MAX_RATING : BITRATE_LOG_WEIGHT * Math.log(expected / actual);
  const verb = input.direction === 'send' ? 'Sending' : 'Receiving';
  const text = `${verb} ${kbps(Math.max(0, actual))} kbps of an expected ${kbps(expected)} kbps`;
  return { points: clamp(shortfall, 0, MAX_RATING), reason: { kind: 'bitrate', text } };
}

/** A paused stream receives no layer, so the layer is not held against it either. */
function layerPenalty(input: QualityInput): Penalty | null {
  const { layer, wantedLayer } = input;
  if (input.paused || !known(layer) || !known(wantedLayer)) return null;
  const distance = Math.max(0, wantedLayer - layer);
  return { points: LAYER_DISTANCE_WEIGHT * distance, reason: { kind: 'layer', text: layerText(input, layer, wantedLayer) } };
}

const sizeText = (size: FrameSize): string => `${size.width}×${size.height}`;

function layerText(input: QualityInput, layer: number, wantedLayer: number): string {
  const { layerSize, wantedLayerSize } = input;
  if (layerSize && wantedLayerSize) return `Low layer: ${sizeText(layerSize)} of ${sizeText(wantedLayerSize)}`;
  const verb = input.direction === 'send' ? 'Sending' : 'Receiving';
  return `${verb} layer ${layer} of ${wantedLayer} wanted`;
}

/**
 * The SFU sees what the browser cannot (loss on the sender's leg): its score
 * caps the rating, as LiveKit lets the server's view bound the client's.
 * Linear: 10 costs nothing, each point below costs a tenth of the scale.
 */
function serverPenalty(input: QualityInput): Penalty | null {
  if (input.paused || !known(input.serverScore)) return null;
  const score = clamp(input.serverScore, 0, SERVER_SCORE_MAX);
  const text = `The server rates the stream ${Math.round(score)} of ${SERVER_SCORE_MAX}`;
  return { points: ((SERVER_SCORE_MAX - score) / SERVER_SCORE_MAX) * MAX_RATING, reason: { kind: 'server', text } };
}

function isNoMedia(input: QualityInput): boolean {
  return !input.paused && input.packetsReceived === 0;
}

/** The components that cost enough to explain a below-excellent score, worst first. */
function reasonsFor(input: QualityInput): QualityReason[] {
  return [lossPenalty, rttPenalty, jitterPenalty, bitratePenalty, layerPenalty, serverPenalty]
    .map((component) => component(input))
    .filter((p): p is Penalty => p !== null && p.points >= REASON_MIN_PENALTY)
    .sort((a, b) => b.points - a.points)
    .map((p) => p.reason);
}

/** The score of one interval, unsmoothed, and what pulls it below excellent. */
export function instantScore(input: QualityInput): { score: number; reasons: QualityReason[] } {
  if (isNoMedia(input)) {
    return { score: LOST_SCORE, reasons: [{ kind: 'no-media', text: 'No media received' }] };
  }
  const rating = Math.min(
    packetRating(input),
    MAX_RATING - (bitratePenalty(input)?.points ?? 0),
    MAX_RATING - (layerPenalty(input)?.points ?? 0),
    MAX_RATING - (serverPenalty(input)?.points ?? 0),
  );
  const score = ratingToScore(rating);
  return { score, reasons: score > EXCELLENT_MIN_SCORE ? [] : reasonsFor(input) };
}

// -------------------------------------------------------------------- bands

const BANDS: readonly ConnectionQuality[] = ['lost', 'poor', 'good', 'excellent'];

/** Lower (exclusive) score bound of each band; 'lost' has none. */
const BAND_MIN_SCORE: Record<ConnectionQuality, number> = {
  lost: -Infinity,
  poor: POOR_MIN_SCORE,
  good: GOOD_MIN_SCORE,
  excellent: EXCELLENT_MIN_SCORE,
};

/** > 4.0 excellent, > 2.5 good, > 0 poor, otherwise (no media) lost. */
export function qualityBand(score: number): ConnectionQuality {
  if (score > EXCELLENT_MIN_SCORE) return 'excellent';
  if (score > GOOD_MIN_SCORE) return 'good';
  if (score > POOR_MIN_SCORE) return 'poor';
  return 'lost';
}

/**
 * The band after `score`, given the band shown now: drops as soon as the score
 * falls to a lower band's range, but only rises into a band whose threshold
 * the score clears by BAND_UPGRADE_MARGIN.
 */
export function nextBand(current: ConnectionQuality, score: number): ConnectionQuality {
  const raw = qualityBand(score);
  const currentRank = BANDS.indexOf(current);
  for (let rank = BANDS.indexOf(raw); rank > currentRank; rank--) {
    const band = BANDS[rank];
    if (score > BAND_MIN_SCORE[band] + BAND_UPGRADE_MARGIN) return band;
  }
  return BANDS.indexOf(raw) < currentRank ? raw : current;
}

// ---------------------------------------------------------------- smoothing

/**
 * Drops to a lower score at once (a user sees a freeze immediately); rises
 * towards a higher one exponentially with RECOVERY_TIME_CONSTANT_MS, so a
 * short good spell does not hide a flaky link.
 */
export function smoothScore(prev: number, next: number, elapsedMs: number): number {
  if (next <= prev) return next;
  const elapsed = Number.isFinite(elapsedMs) ? Math.max(0, elapsedMs) : 0;
  return prev + (next - prev) * (1 - Math.exp(-elapsed / RECOVERY_TIME_CONSTANT_MS));
}

/** What QualityScorer remembers between samples. */
export interface QualityState extends QualityResult {
  atMs: number;
  paused: boolean;
}

/**
 * The interval that ends the first sample after a pause also covers paused
 * time, so its bitrate is low through no fault of the link: treat it as paused
 * (LiveKit's unmute threshold serves the same purpose).
 */
function effectiveInput(prev: QualityState | null, input: QualityInput): QualityInput {
  return prev?.paused && !input.paused ? { ...input, paused: true } : input;
}

/** Reasons while recovering still name the dip's cause, so a 'good' badge is never unexplained. */
function carriedReasons(prev: QualityState | null, quality: ConnectionQuality, fresh: QualityReason[]): QualityReason[] {
  if (quality === 'excellent') return [];
  return fresh.length > 0 ? fresh : (prev?.reasons ?? []);
}

/** Pure step of QualityScorer. */
export function reduceQuality(prev: QualityState | null, input: QualityInput, nowMs: number): QualityState {
  const effective = effectiveInput(prev, input);
  const instant = instantScore(effective);
  const paused = input.paused === true;
  // A paused stream's earlier troubles concerned media that no longer flows: no slow recovery.
  if (prev === null || effective.paused) {
    const quality = qualityBand(instant.score);
    return { quality, score: instant.score, reasons: quality === 'excellent' ? [] : instant.reasons, atMs: nowMs, paused };
  }
  const score = smoothScore(prev.score, instant.score, nowMs - prev.atMs);
  const quality = nextBand(prev.quality, score);
  return { quality, score, reasons: carriedReasons(prev, quality, instant.reasons), atMs: nowMs, paused };
}

/** Stateful wrapper around reduceQuality, one per stream. */
export class QualityScorer {
  #state: QualityState | null = null;

  update(input: QualityInput, nowMs: number): QualityResult {
    this.#state = reduceQuality(this.#state, input, nowMs);
    const { quality, score, reasons } = this.#state;
    return { quality, score, reasons };
  }

  /** Forget history, e.g. when the stream is replaced. */
  reset(): void {
    this.#state = null;
  }
}
