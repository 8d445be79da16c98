import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { useT } from '../i18n';
import { Notice } from './forms';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  /** Loads again (after an action, or when the server says something changed). */
  reload: () => void;
}

/**
 * Loads data for a screen and reloads when `deps` change; a newer load wins over an older one
 * still in flight, and the previous data stays on screen while reloading.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadRef
      .current(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      })
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/**
 * Loads again a few seconds after each load while `unsettled` holds, so a list of things still
 * in progress (messages waiting to be sent) shows them finishing without a manual reload.
 */
export function useReloadWhile(unsettled: boolean, state: Loaded<unknown>, delayMs = 3_000) {
  const { data, reload } = state;
  useEffect(() => {
    if (!unsettled) return;
    const timer = window.setTimeout(reload, delayMs);
    return () => window.clearTimeout(timer);
  }, [unsettled, data, reload, delayMs]);
}

/** What a screen shows instead of its content while loading or after a failure. */
export function LoadState({
  state,
}: {
  state: Pick<Loaded<unknown>, 'error' | 'loading' | 'reload'> & { data: unknown };
}) {
  const t = useT();
  if (state.error)
    return (
      <Notice kind="error">
        {t('app.error', { message: state.error.message })}{' '}
        <button type="button" className="link" onClick={state.reload}>
          {t('app.retry')}
        </button>
      </Notice>
    );
  if (state.loading && state.data === undefined)
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  return null;
}
