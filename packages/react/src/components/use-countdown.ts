/** Seconds left before something may happen again (the resend button), ticking once a second. */
import { useCallback, useEffect, useState } from 'react';

export function useCountdown(initialSeconds = 0): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(initialSeconds);
  useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearTimeout(t);
  }, [left]);
  return [left, useCallback((seconds: number) => setLeft(seconds), [])];
}
