const STORAGE_KEY = 'podium:identity';

/**
 * This browser's own random id, shared by its tabs (localStorage): joining a
 * room again with it replaces the older tab instead of showing a duplicate.
 * Not a secret and not an account; without storage every join is its own.
 */
export function browserIdentity(): string | undefined {
  try {
    let id = window.localStorage.getItem(STORAGE_KEY);
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      id = crypto.randomUUID();
      window.localStorage.setItem(STORAGE_KEY, id);
    }
    return id;
  } catch {
    return undefined;
  }
}
