/** The studio's owner key per stream id, kept so a reload can read its own history. */
const keyName = (streamId: string) => `podium:studio-key:${streamId}`;

export function loadOwnerKey(streamId: string): string | null {
  try {
    return localStorage.getItem(keyName(streamId));
  } catch {
    return null;
  }
}

export function saveOwnerKey(streamId: string, key: string): void {
  try {
    localStorage.setItem(keyName(streamId), key);
  } catch (error) {
    // Private mode or a full quota: history after a reload is lost, the stream is not.
    console.warn('[podium] could not keep the studio key', error);
  }
}
