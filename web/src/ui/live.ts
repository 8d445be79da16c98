import { useEffect, useRef } from 'react';

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
