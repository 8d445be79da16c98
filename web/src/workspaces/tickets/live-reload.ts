import { useCallback, useEffect, useRef } from 'react';
import { useTicketChanges, type TicketChange } from '../../ui/live';

/**
 * Reloads a screen when the server says a ticket changed: at most once per `intervalMs` (a burst
 * of changes, such as a bulk dispatch, gives one reload at its start and one at its end), and
 * always after a reconnection (null), when changes may have been missed.
 */
export function useLiveReload(
  reload: () => void,
  accept: (change: TicketChange) => boolean = () => true,
  intervalMs = 500,
): void {
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const reloadRef = useRef(reload);
  const acceptRef = useRef(accept);
  useEffect(() => {
    reloadRef.current = reload;
    acceptRef.current = accept;
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const run = useCallback(() => {
    timer.current = undefined;
    last.current = Date.now();
    reloadRef.current();
  }, []);
  useTicketChanges((change) => {
    if (change && !acceptRef.current(change)) return;
    if (timer.current !== undefined) return;
    const wait = last.current + intervalMs - Date.now();
    if (wait <= 0) run();
    else timer.current = window.setTimeout(run, wait);
  });
}
