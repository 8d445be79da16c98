import { useCallback, useEffect, useRef } from 'react';

/** A ticket changed (in the viewer's scope): enough to know whether to reload. */
export interface TicketChange {
  id: number;
  number: string;
  status: string;
  version: number;
}

/** null: the stream (re)connected, and changes made meanwhile may have been missed. */
type Listener = (change: TicketChange | null) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function connect(): void {
  if (source) return;
  source = new EventSource('/api/v1/events');
  let opened = false;
  source.addEventListener('ready', () => {
    // The first 'ready' is the start; any later one follows a reconnection.
    if (opened) listeners.forEach((listener) => listener(null));
    opened = true;
  });
  source.addEventListener('ticket', (event: MessageEvent<string>) => {
    const change = JSON.parse(event.data) as TicketChange;
    listeners.forEach((listener) => listener(change));
  });
}

function disconnect(): void {
  source?.close();
  source = null;
}

/**
 * Calls `onChange` when a ticket in the user's scope changes, on this or any other app
 * instance (server push over one shared EventSource, which reconnects by itself), and with
 * null after a reconnection so the screen reloads what it may have missed.
 */
export function useTicketChanges(onChange: Listener): void {
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => {
    const listener: Listener = (change) => callback.current(change);
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) disconnect();
    };
  }, []);
}

/**
 * `run`, at most once per `ms`: the first call runs at once, calls inside the window fold into
 * one trailing run (so a burst of server pushes reloads once, and the last one is not lost).
 */
export function useThrottled(run: () => void, ms = 500): () => void {
  const latest = useRef(run);
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    const fire = () => {
      timer.current = undefined;
      last.current = Date.now();
      latest.current();
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) fire();
    else timer.current = window.setTimeout(fire, wait);
  }, [ms]);
}

/**
 * Reloads a screen when the server says a ticket it shows changed (`accept`; by default any
 * ticket in the user's scope), throttled to once per `ms`, and always after a reconnection.
 */
export function useLiveReload(
  reload: () => void,
  accept: (change: TicketChange) => boolean = () => true,
  ms = 500,
): void {
  const throttled = useThrottled(reload, ms);
  const acceptRef = useRef(accept);
  useEffect(() => {
    acceptRef.current = accept;
  });
  useTicketChanges((change) => {
    if (change === null || acceptRef.current(change)) throttled();
  });
}
