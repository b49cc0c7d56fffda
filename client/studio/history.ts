import type { StreamHistory } from '@/lib/studio/types';

/** The stream's stored last minutes, read with the studio's owner key. */
export async function fetchStreamHistory(streamId: string, ownerKey: string, minutes = 5): Promise<StreamHistory> {
  const response = await fetch(`/api/streams/${encodeURIComponent(streamId)}/history?minutes=${minutes}`, {
    headers: { authorization: `Bearer ${ownerKey}` },
    cache: 'no-store',
  });
  const body = (await response.json().catch(() => null)) as (StreamHistory & { error?: { message?: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? `History answered HTTP ${response.status}`);
  return body;
}
