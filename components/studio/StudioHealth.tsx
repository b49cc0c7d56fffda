'use client';

import { BAND_LABEL } from '@/lib/studio/quality';
import type { QualityBand } from '@/lib/studio/types';
import { useStudioStore } from '@/stores/studioStore';
import { DASH } from './format';

const BAND_LOOK: Record<QualityBand, string> = {
  good: 'bg-emerald-500/15 text-emerald-300 ring-emerald-500/40',
  fair: 'bg-amber-500/15 text-amber-200 ring-amber-500/40',
  poor: 'bg-red-500/15 text-red-300 ring-red-500/40',
};

function Headline() {
  const headline = useStudioStore((s) => s.headline);
  return (
    <p data-testid="studio-headline" role="status" className="text-lg font-semibold text-white">
      {headline ?? 'Go live to see how your stream is doing'}
    </p>
  );
}

function Band() {
  const band = useStudioStore((s) => s.band);
  return (
    <div className="flex flex-col gap-2">
      <p className="flex items-center gap-2 text-sm text-zinc-400">
        Quality
        <span
          data-testid="quality-band"
          data-band={band?.band}
          className={`inline-flex rounded-md px-2 py-0.5 text-sm font-semibold ring-1 ring-inset ${
            band ? BAND_LOOK[band.band] : 'bg-zinc-800 text-zinc-400 ring-zinc-700'
          }`}
        >
          {band ? BAND_LABEL[band.band] : DASH}
        </span>
      </p>
      {band && band.reasons.length > 0 && (
        <ul aria-label="Why the quality is not good" className="list-disc space-y-0.5 pl-5 text-sm text-zinc-300">
          {band.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The one-sentence verdict and the band, the first things a streamer looks at. */
export function StudioHealth() {
  return (
    <div className="flex flex-col gap-3 rounded-2xl bg-zinc-900/60 p-4 ring-1 ring-zinc-800">
      <Headline />
      <Band />
    </div>
  );
}
