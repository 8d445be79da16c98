import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { StatusBadge } from '../tickets/badges';
import { DuplicatePartsLine } from './DuplicatePartsLine';
import type { DuplicateCandidate } from './duplicate-types';
import type { ReferenceData } from './reference-data';
import type { AppealDraft, TicketListItem } from './types';

/** Too little to compare: a few characters say nothing about the matter. */
const MIN_TEXT = 4;

/** What the scorer is asked: the draft's words, category and place; null until there is enough. */
function lookupOf(draft: AppealDraft): string | null {
  const text = `${draft.title} ${draft.description}`.trim();
  const hasPlace = draft.districtId !== null || draft.streetId !== null || draft.address.trim();
  if (Array.from(text).length < MIN_TEXT && !(hasPlace && draft.categoryId !== null)) return null;
  return JSON.stringify({
    title: draft.title.trim(),
    description: draft.description.trim(),
    categoryId: draft.categoryId,
    districtId: draft.districtId,
    streetId: draft.streetId,
    address: draft.address.trim() || null,
  });
}

/**
 * "Maybe a repeat": open tickets the duplicates scorer finds like this appeal (words, place,
 * category, time), each with its score and why, and an action that attaches this call to it
 * instead of creating a new ticket.
 */
export function DuplicateWarning({
  draft,
  reference,
  busy,
  onAttach,
}: {
  draft: AppealDraft;
  reference: ReferenceData | undefined;
  busy: boolean;
  onAttach: (ticket: Pick<TicketListItem, 'id' | 'number'>) => void;
}) {
  const { t, locale } = useI18n();
  const format = useFormat();
  // The request body is the lookup's identity: the same draft is not asked twice.
  const lookup = lookupOf(draft);
  const [found, setFound] = useState<{ lookup: string; items: DuplicateCandidate[] } | null>(null);

  useEffect(() => {
    if (!lookup) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ candidates: DuplicateCandidate[] }>(
        'POST',
        '/intelligence/duplicates',
        JSON.parse(lookup) as Record<string, unknown>,
        { signal: controller.signal },
      )
        .then((answer) => setFound({ lookup, items: answer.candidates }))
        .catch(() => undefined); // a warning that cannot load is no reason to stop the call
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [lookup]);

  if (!lookup || !found || found.lookup !== lookup || found.items.length === 0) return null;
  const { items } = found;
  const districtName = (id: number | null) => {
    const district = id !== null ? reference?.districtById.get(id) : undefined;
    return district ? (locale === 'en' ? district.nameEn : district.name) : '';
  };
  return (
    <section className="op-duplicates" aria-labelledby="op-dup-head">
      <h3 id="op-dup-head">{t('dup.heading', { total: items.length })}</h3>
      <ul className="list-plain">
        {items.map((candidate) => (
          <li key={candidate.ticketId} className="op-dup-item">
            <Link to={`/tickets/${candidate.ticketId}`} className="op-number">
              {candidate.number}
            </Link>
            <StatusBadge status={candidate.status} />
            <span className="op-dup-title" title={candidate.title}>
              {candidate.title}
            </span>
            <span className="muted op-dup-meta">
              {districtName(candidate.districtId)} {candidate.address ?? ''} ·{' '}
              {format.date(candidate.createdAt)}
            </span>
            <DuplicatePartsLine candidate={candidate} />
            <button
              type="button"
              disabled={busy}
              aria-label={t('op.dup.attachTo', { number: candidate.number })}
              onClick={() => onAttach({ id: candidate.ticketId, number: candidate.number })}
            >
              {t('op.dup.attach')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
