import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import type { TicketSummary } from '../tickets/types';
import { explain, percent, type TicketRouting } from './routing-words';
import './routing.css';

/**
 * The router's suggestion for each ticket of a queue page, loaded once per page of ids; a
 * failure leaves the queue as it was (the suggestion is help, not a gate).
 */
export function useRoutingSuggestions(
  ticketIds: readonly number[],
): ReadonlyMap<number, TicketRouting> {
  const [byTicket, setByTicket] = useState<ReadonlyMap<number, TicketRouting>>(new Map());
  const key = ticketIds.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    api<{ items: TicketRouting[] }>(
      'GET',
      `/intelligence/routing/suggestions?ticketIds=${key}`,
      undefined,
      {
        signal: controller.signal,
      },
    )
      .then((result) => setByTicket(new Map(result.items.map((r) => [r.ticketId, r]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [key]);
  return byTicket;
}

/** The lead, the co-handlers and the other leads of a routing answer. */
export function splitRouting(routing: TicketRouting | undefined) {
  const leads = routing?.suggestions.filter((s) => s.role === 'lead') ?? [];
  const co = routing?.suggestions.filter((s) => s.role === 'co') ?? [];
  return { lead: leads[0], co, others: leads.slice(1) };
}

/** In a queue row: "智能派单建议：主办 安富街道 94%", why (as a tooltip and in words), one click to use it. */
export function RoutingLine({
  routing,
  number,
  busy,
  onUse,
}: {
  routing: TicketRouting | undefined;
  number: string;
  busy: boolean;
  onUse: (leadUnitId: number, coUnitIds: number[]) => void;
}) {
  const t = useT();
  const { lead, co } = splitRouting(routing);
  if (!lead) return null;
  const why = explain(t, lead.explanation);
  return (
    <div className="rt-line" title={why}>
      <span className="badge badge-brand">
        {t('rt.lead', { unit: lead.unitName, value: percent(lead.confidence) })}
        {co.length ? ` · ${t('rt.co', { units: co.map((c) => c.unitName).join('、') })}` : ''}
      </span>{' '}
      <button
        type="button"
        className="link"
        disabled={busy}
        aria-label={t('rt.useLabel', { number })}
        onClick={(event) => {
          event.stopPropagation();
          onUse(
            lead.unitId,
            co.map((c) => c.unitId),
          );
        }}
      >
        {t('rt.use')}
      </button>
      <small className="muted rt-why">{why}</small>
    </div>
  );
}

/** In the dispatch panel: the router's suggestion with its reasons, alternatives, one click to dispatch. */
export function TicketRoutingBox({
  ticket,
  onDispatched,
}: {
  ticket: { id: number; number: string; version: number };
  onDispatched: (after: TicketSummary) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = useLoad(
    (signal) =>
      api<TicketRouting>('GET', `/intelligence/tickets/${ticket.id}/routing`, undefined, {
        signal,
      }),
    [ticket.id],
  );
  const { lead, co, others } = splitRouting(state.data);
  const use = async (leadUnitId: number, coUnitIds: number[]) => {
    setBusy(true);
    setError(null);
    try {
      onDispatched(
        await api<TicketSummary>('POST', `/tickets/${ticket.id}/dispatch`, {
          leadUnitId,
          coUnitIds,
          expectedVersion: ticket.version,
        }),
      );
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="rt-box" aria-label={t('rt.label')}>
      <h3>{t('rt.label')}</h3>
      {!state.data ? <LoadState state={state} /> : null}
      {state.data && !lead ? <p className="muted">{t('rt.none')}</p> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {lead ? (
        <>
          <p>
            <strong>
              {t('rt.lead', { unit: lead.unitName, value: percent(lead.confidence) })}
            </strong>
            {co.length ? ` · ${t('rt.co', { units: co.map((c) => c.unitName).join('、') })}` : ''}{' '}
            <button
              type="button"
              className="primary"
              disabled={busy}
              aria-label={t('rt.useLabel', { number: ticket.number })}
              onClick={() =>
                void use(
                  lead.unitId,
                  co.map((c) => c.unitId),
                )
              }
            >
              {t('rt.use')}
            </button>
          </p>
          <p className="muted">{explain(t, lead.explanation)}</p>
          {co.map((c) => (
            <p key={c.unitId} className="muted">
              {c.unitName}：{explain(t, c.explanation, 'co')}
            </p>
          ))}
          {others.length ? (
            <p className="muted">
              {t('rt.alternatives', {
                units: others.map((o) => `${o.unitName} ${percent(o.confidence)}%`).join('、'),
              })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The "自动派单 / Auto-dispatched" mark of a ticket the router dispatched, with why. */
export function AutoDispatchMark({ routing }: { routing: TicketRouting | undefined }) {
  const t = useT();
  if (!routing?.auto) return null;
  return (
    <span
      className="badge badge-brand"
      title={t('rt.auto.title', { why: explain(t, routing.auto.explanation) })}
    >
      {t('rt.auto.detail', { value: percent(routing.auto.confidence) })}
    </span>
  );
}
