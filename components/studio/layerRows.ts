import type { ServerLayerView, StreamLayerStats, StreamServerView, StreamStats } from '@/lib/studio/types';

/*
 * One row per simulcast layer: what the browser sends beside what the SFU
 * receives. Pure so the table only renders.
 */

export interface LayerRow {
  rid: string;
  browser: StreamLayerStats | null;
  server: ServerLayerView | null;
}

/** The server names a layer by rid when it has one, else by its spatial index (the browser's order). */
function serverRid(layer: ServerLayerView, browser: readonly StreamLayerStats[]): string {
  return layer.rid ?? browser[layer.spatialLayer]?.rid ?? `r${layer.spatialLayer}`;
}

export function layerRows(stats: StreamStats | null, view: StreamServerView | null): LayerRow[] {
  const browser = stats?.layers ?? [];
  const server = view?.video?.layers ?? [];
  const rows = new Map<string, LayerRow>();
  for (const layer of browser) rows.set(layer.rid, { rid: layer.rid, browser: layer, server: null });
  for (const layer of server) {
    const rid = serverRid(layer, browser);
    const row = rows.get(rid) ?? { rid, browser: null, server: null };
    rows.set(rid, { ...row, server: layer });
  }
  return [...rows.values()].sort((a, b) => a.rid.localeCompare(b.rid, 'en', { numeric: true }));
}

/** Sentences for what does not add up, or none. */
export function layerMismatch(stats: StreamStats | null, view: StreamServerView | null): string[] {
  const server = view?.video?.layers;
  if (!stats || !server) return [];
  const notes: string[] = [];
  const sent = stats.layers.filter((l) => l.bitrate > 0).length;
  const received = server.filter((l) => l.bitrate > 0).length;
  if (sent !== received) notes.push(`The browser sends ${sent} layer${sent === 1 ? '' : 's'}, the server receives ${received}.`);
  const viewers = server.reduce((sum, l) => sum + l.viewers, 0);
  const onLowest = server.filter((l) => l.spatialLayer === 0).reduce((sum, l) => sum + l.viewers, 0);
  const higher = server.some((l) => l.spatialLayer > 0 && l.bitrate > 0);
  if (viewers > 0 && onLowest === viewers && higher) {
    notes.push(viewers === 1 ? 'The only viewer receives the lowest layer.' : `All ${viewers} viewers receive the lowest layer.`);
  }
  return notes;
}
