import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice, useServerErrors } from '../../ui/forms';
import { StatusBadge } from '../tickets/badges';
import type { TicketSummary } from '../tickets/types';
import { DuplicatePartsLine } from '../operator/DuplicatePartsLine';
import type { DuplicateCandidate } from '../operator/duplicate-types';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * For each ticket of the queue page, the open ticket it likely repeats (at or above the admin's
 * threshold), loaded once per page of ids; a failure leaves the queue as it was.
 */
export function useLikelyDuplicates(
  ticketIds: readonly number[],
): ReadonlyMap<number, DuplicateCandidate> {
  const [byTicket, setByTicket] = useState<ReadonlyMap<number, DuplicateCandidate>>(new Map());
  const key = ticketIds.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const query = key
      .split(',')
      .map((id) => `ticketId=${id}`)
      .join('&');
    api<{ items: Array<{ ticketId: number; duplicateOf: DuplicateCandidate }> }>(
      'GET',
      `/intelligence/duplicates/likely?${query}`,
      undefined,
      { signal: controller.signal },
    )
      .then((result) => setByTicket(new Map(result.items.map((i) => [i.ticketId, i.duplicateOf]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [key]);
  return byTicket;
}

/** In a queue row: "疑似重复 / Likely duplicate of …" with the score. */
export function LikelyDuplicateLine({ candidate }: { candidate: DuplicateCandidate | undefined }) {
  const t = useT();
  if (!candidate) return null;
  return (
    <span className="dsp-ai-line badge badge-warn" title={candidate.title}>
      {t('dup.likelyOf', { number: candidate.number })} · {percent(candidate.score)}
    </span>
  );
}

/**
 * In the dispatch panel: the open tickets this one may repeat, scored with why, each with a
 * one-click merge under it (the core's merge: the parent's reply and callback reach this caller).
 */
export function DuplicateCandidates({
  ticket,
  onMerged,
}: {
  ticket: { id: number; number: string };
  onMerged: (after: TicketSummary) => void;
}) {
  const t = useT();
  const format = useFormat();
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);
  const state = useLoad(
    (signal) =>
      api<{ candidates: DuplicateCandidate[] }>(
        'GET',
        `/intelligence/tickets/${ticket.id}/duplicates`,
        undefined,
        { signal },
      ),
    [ticket.id],
  );
  const merge = async (candidate: DuplicateCandidate) => {
    errors.clear();
    setBusy(true);
    try {
      onMerged(
        await api<TicketSummary>('POST', `/tickets/${ticket.id}/merge`, {
          parentId: candidate.ticketId,
          reason: t('dup.mergeReason', {
            score: percent(candidate.score),
            number: candidate.number,
          }),
        }),
      );
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  if (!state.data) return <LoadState state={state} />;
  const { candidates } = state.data;
  return (
    <section className="dsp-duplicates" aria-labelledby="dsp-dup-head">
      <h3 id="dsp-dup-head">{t('dup.panel.heading')}</h3>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      {candidates.length === 0 ? <p className="muted">{t('dup.panel.none')}</p> : null}
      <ul className="list-plain">
        {candidates.map((candidate) => (
          <li key={candidate.ticketId} className="op-dup-item">
            <Link to={`/tickets/${candidate.ticketId}`} className="mono">
              {candidate.number}
            </Link>{' '}
            <StatusBadge status={candidate.status} />{' '}
            <span className="op-dup-title" title={candidate.title}>
              {candidate.title}
            </span>{' '}
            <span className="muted">{format.dateTime(candidate.createdAt)}</span>
            <DuplicatePartsLine candidate={candidate} />
            <button
              type="button"
              className={candidate.likely ? 'primary' : undefined}
              disabled={busy}
              onClick={() => void merge(candidate)}
            >
              {t('dup.merge', { number: candidate.number })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
