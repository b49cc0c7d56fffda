/** An id as the visitor typed it, shortened so a pasted essay can't blow up the layout. */
export function displayId(raw: string): string {
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // keep it as typed
  }
  return id.length > 80 ? `${id.slice(0, 80)}…` : id;
}
