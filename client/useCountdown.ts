import { useEffect, useRef, useState } from 'react';

/**
 * Counts `seconds` down to zero, one per second, then calls `onDone` once.
 * Starts again whenever `resetKey` changes; `seconds` null means no countdown.
 * Returns the seconds left, or null when not counting.
 */
export function useCountdown(seconds: number | null, resetKey: unknown, onDone: () => void): number | null {
  const [left, setLeft] = useState<number | null>(seconds);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    if (seconds === null) {
      setLeft(null);
      return;
    }
    const endsAt = Date.now() + seconds * 1000;
    setLeft(seconds);
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        setLeft(null);
        done.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds, resetKey]);

  return left;
}
