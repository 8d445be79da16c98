/** Where background work reports what went wrong (the server's logger; never personal data). */
export interface BackgroundLog {
  error(detail: { err: unknown }, message: string): void;
  info(detail: Record<string, unknown>, message: string): void;
}

/**
 * Work a module runs while the server runs: a timer, a listener on a port, a connection to a
 * phone switch. The server starts every module's `background` after it listens and calls the
 * returned stop function on shutdown, before the database closes. Tests start it themselves.
 */
export interface BackgroundWork {
  start(log: BackgroundLog): Promise<() => Promise<void>>;
}

/**
 * Runs `task` at start and then every `intervalMs`, one run at a time; stopping waits for a run
 * in progress. A failed run is logged and the next one comes as planned.
 */
export function every(
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
): BackgroundWork {
  return {
    async start(log) {
      let running: Promise<unknown> = Promise.resolve();
      let busy = false;
      const run = () => {
        if (busy) return;
        busy = true;
        running = task()
          .catch((error: unknown) => log.error({ err: error }, `${name} failed`))
          .finally(() => (busy = false));
      };
      const timer = setInterval(run, intervalMs);
      timer.unref();
      run();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
}

/** Starts every module's background work; the result stops them all, in reverse order. */
export async function startBackground(
  modules: Iterable<object>,
  log: BackgroundLog,
): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  for (const module of modules) {
    const work = (module as { background?: BackgroundWork }).background;
    if (work) stops.push(await work.start(log));
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
