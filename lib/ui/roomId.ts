const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Largest multiple of 26 below 256: bytes at or above it are rejected to avoid modulo bias. */
const LIMIT = 256 - (256 % LETTERS.length);

export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const cryptoBytes: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

/**
 * A fresh, easy-to-read room id like "abc-defg-hij" (3-4-3 lowercase
 * letters, about 47 bits of randomness), always valid for RoomIdSchema.
 */
export function randomRoomId(random: RandomBytes = cryptoBytes): string {
  const letters: string[] = [];
  while (letters.length < 10) {
    for (const byte of random(new Uint8Array(16))) {
      if (byte < LIMIT && letters.length < 10) letters.push(LETTERS[byte % LETTERS.length]);
    }
  }
  const s = letters.join('');
  return `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7, 10)}`;
}

/**
 * What the user typed into "Join a meeting": either a bare room id or a
 * pasted meeting link (".../room/<id>"). Returns the candidate room id,
 * trimmed; validation is the caller's job.
 */
export function roomIdFromInput(input: string): string {
  const text = input.trim();
  const match = /\/room\/([^/?#\s]+)/.exec(text);
  if (!match) return text;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
