import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `run` at most once per `ms`: the first call runs at once, calls inside the window fold
 * into one trailing run (so a burst of server pushes reloads once, and the last one is not lost).
 */
export function useThrottled(run: () => void, ms = 500): () => void {
  const latest = useRef(run);
  const last = useRef(0);
  const timer = useRef<number | null>(null);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current !== null) return;
    const wait = last.current + ms - Date.now();
    const fire = () => {
      timer.current = null;
      last.current = Date.now();
      latest.current();
    };
    if (wait <= 0) fire();
    else timer.current = window.setTimeout(fire, wait);
  }, [ms]);
}
