import { useEffect, useState } from 'react';

/**
 * Re-renders the component every `intervalMs` while `active`, for views of a moving
 * clock (a playing position, a countdown). Returns a counter that changes on each tick.
 */
export function useTicker(intervalMs: number, active: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      setTick((n) => n + 1);
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs, active]);
  return tick;
}
