import { useCallback, useEffect, useRef, useState } from 'react';
import { api, qs, type Page } from '../../api';
import { useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { useTicketChanges } from '../../ui/live';
import { CallbackForm } from './CallbackForm';
import { CallbackQueue } from './CallbackQueue';
import { loadNames, type Names } from './names';
import { NoContactForm } from './NoContactForm';
import { useThrottled } from '../../ui/live';
import { CitizenCard, TicketHeading, TicketSideBySide } from './TicketSideBySide';
import type { QueueItem, TicketSummary, TicketView } from './types';

const PAGE_SIZE = 50;

type Outcome = { number: string; kind: 'closed' | 'reopened' | 'noContact'; unit: string };

/**
 * /callback: the callback desk (回访). Replied tickets waiting for a callback on the left, nearest
 * deadline first; the chosen one on the right with the appeal and the unit's reply side by side,
 * the citizen's number and the three questions. Server pushes reload the queue.
 */
export default function CallbackPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const selectedId = Number(query.get('ticket')) || null;
  const [page, setPage] = useState(1);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [detailTick, setDetailTick] = useState(0);
  const queue = useLoad(
    (signal) =>
      api<Page<QueueItem>>(
        'GET',
        `/callback/queue${qs({ page, pageSize: PAGE_SIZE })}`,
        undefined,
        {
          signal,
        },
      ),
    [page],
  );
  const names = useLoad(loadNames, []);
  const items = queue.data?.items;

  const select = useCallback((id: number) => navigate(`/callback${qs({ ticket: id })}`), []);

  // Open the first ticket of the queue when none is chosen.
  useEffect(() => {
    const first = items?.[0];
    if (!selectedId && first) navigate(`/callback${qs({ ticket: first.id })}`, { replace: true });
  }, [items, selectedId]);

  const reloadQueue = useThrottled(queue.reload);
  const reloadDetail = useThrottled(() => setDetailTick((n) => n + 1));
  const shown = useRef<{ id: number | null; version: number | null }>({ id: null, version: null });
  useTicketChanges((change) => {
    if (change === null) {
      reloadQueue();
      reloadDetail();
      return;
    }
    reloadQueue();
    if (change.id === shown.current.id && change.version !== shown.current.version) reloadDetail();
  });

  const done = (summary: TicketSummary, kind: Outcome['kind'], unit: string) => {
    setOutcome({ number: summary.number, kind, unit });
    // On to the next ticket of the queue (the one below, or above when this was the last).
    const list = items ?? [];
    const at = list.findIndex((item) => item.id === summary.id);
    const next = list[at + 1] ?? list[at - 1];
    navigate(next && next.id !== summary.id ? `/callback${qs({ ticket: next.id })}` : '/callback', {
      replace: true,
    });
    queue.reload();
  };

  const total = queue.data?.total ?? 0;
  const overdue = items?.filter((item) => item.overdue).length ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="page cb">
      <div className="page-head">
        <h1>{t('cb.title')}</h1>
        {queue.data ? (
          <p className="cb-summary" role="status">
            {t('cb.queue.count', { total })}
            {overdue > 0 ? (
              <span className="badge badge-danger">
                {t('cb.queue.overdue', { count: overdue })}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
      {outcome ? (
        <Notice kind="success">
          {outcome.kind === 'closed'
            ? t('cb.done.closed', { number: outcome.number })
            : outcome.kind === 'reopened'
              ? t('cb.done.reopened', { number: outcome.number, unit: outcome.unit })
              : t('cb.done.noContact', { number: outcome.number })}
        </Notice>
      ) : null}
      <div className="cb-layout">
        <section className="panel cb-queue-panel" aria-labelledby="cb-queue-title">
          <div className="panel-head">
            <h2 id="cb-queue-title">{t('cb.queue.title')}</h2>
            <span className="muted cb-shortcut">
              <kbd>↑</kbd> <kbd>↓</kbd>
            </span>
          </div>
          <LoadState state={queue} />
          {items ? (
            <CallbackQueue
              items={items}
              selectedId={selectedId}
              names={names.data}
              onSelect={select}
            />
          ) : null}
          {pages > 1 ? (
            <div className="cb-pager">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('list.prev')}
              </button>
              <span className="muted">
                {page} / {pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t('list.next')}
              </button>
            </div>
          ) : null}
        </section>
        <div className="cb-main">
          {selectedId ? (
            <TicketDesk
              key={selectedId}
              id={selectedId}
              tick={detailTick}
              names={names.data}
              onShown={(ticket) => {
                shown.current = { id: ticket.id, version: ticket.version };
              }}
              onDone={done}
            />
          ) : queue.data && !items?.length ? (
            <div className="panel">
              <p className="muted">{t('cb.queue.allDone')}</p>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** One ticket at the desk: what was asked and answered, whom to call, and the callback forms. */
function TicketDesk({
  id,
  tick,
  names,
  onShown,
  onDone,
}: {
  id: number;
  tick: number;
  names: Names | undefined;
  onShown: (ticket: TicketView) => void;
  onDone: (summary: TicketSummary, kind: Outcome['kind'], unit: string) => void;
}) {
  const { t, locale } = useI18n();
  const state = useLoad(
    (signal) => api<TicketView>('GET', `/tickets/${id}`, undefined, { signal }),
    [id, tick],
  );
  const ticket = state.data;
  useEffect(() => {
    if (ticket) onShown(ticket);
  }, [ticket, onShown]);
  // After a callback the form is gone; keyboard users land on the next ticket's heading.
  const headingRef = useCallback((element: HTMLHeadingElement | null) => {
    const active = document.activeElement;
    if (element && (active === null || active === document.body)) element.focus();
  }, []);

  if (!ticket) return <LoadState state={state} />;
  const unitName = names?.unit(ticket.leadUnitId, locale) ?? '';
  const waiting = ticket.status === 'replied';
  return (
    <>
      <section className="panel cb-ticket" aria-labelledby="cb-ticket-title">
        <TicketHeading ticket={ticket} headingRef={headingRef} />
        {ticket.parentId !== null ? (
          <p className="field-hint">{t('cb.merged.hint', { parent: ticket.parentId })}</p>
        ) : null}
        {state.error ? <LoadState state={state} /> : null}
        <TicketSideBySide ticket={ticket} names={names} />
      </section>
      {waiting ? (
        <div className="cb-work">
          <CitizenCard ticket={ticket} />
          <div className="cb-forms">
            <CallbackForm
              ticket={ticket}
              unitName={unitName}
              onDone={(summary, reopened) =>
                onDone(summary, reopened ? 'reopened' : 'closed', unitName)
              }
            />
            <NoContactForm
              ticket={ticket}
              onDone={(summary) => onDone(summary, 'noContact', unitName)}
            />
          </div>
        </div>
      ) : (
        <Notice kind="info">
          {t('cb.notWaiting', { status: t(`status.${ticket.status}` as 'status.closed') })}
        </Notice>
      )}
    </>
  );
}
