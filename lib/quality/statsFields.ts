/*
 * Small readers of RTCStatsReport entries shared by the receive and send
 * quality conversions (the report shapes are the studio's: lib/studio/sendStats).
 */
import { selectedPair, type StatsEntry } from '@/lib/studio/sendStats';

export type { StatsEntry };

/** A finite number, else null: stats fields go missing while a stream starts or stops. */
export const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const MS_PER_SECOND = 1000;

/** Seconds (as the stats give them) to ms; null stays null. */
export const secondsToMs = (seconds: number | null): number | null => (seconds === null ? null : seconds * MS_PER_SECOND);

/** "VP8", "opus": the codec an rtp entry's codecId points to, without the media type. */
export function codecName(entries: StatsEntry[], rtp: StatsEntry | undefined): string | null {
  const id = rtp?.codecId;
  const codec = typeof id === 'string' ? entries.find((e) => e.id === id && e.type === 'codec') : undefined;
  const mime = typeof codec?.mimeType === 'string' ? codec.mimeType : null;
  return mime ? (mime.split('/')[1] ?? mime) : null;
}

/** RTT of the transport's selected ICE candidate pair, ms. */
export function transportRttMs(entries: StatsEntry[]): number | null {
  return secondsToMs(finite(selectedPair(entries)?.currentRoundTripTime));
}
