import { useEffect, useState } from "preact/hooks";

/** The clock in ms, read again every `intervalMs` (for countdowns); the timer stops on unmount. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
