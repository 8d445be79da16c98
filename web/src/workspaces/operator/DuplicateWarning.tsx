import { useEffect, useState } from 'react';
import { api, qs, type Page } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { keyTermOf } from './category-search';
import type { ReferenceData } from './reference-data';
import { StatusBadge } from '../tickets/badges';
import { OPEN_STATUSES, type AppealDraft, type TicketListItem } from './types';

const WINDOW_DAYS = 30;
const SHOWN = 4;

/** What to look for: the same matter (category, else the description's key term) at the same place. */
function lookupOf(draft: AppealDraft, reference: ReferenceData | undefined): string | null {
  if (!reference) return null;
  const place =
    draft.streetId !== null
      ? { streetId: draft.streetId }
      : draft.districtId !== null
        ? { districtId: draft.districtId }
        : null;
  if (!place) return null;
  const term =
    draft.categoryId === null ? keyTermOf(reference.categories, draft.description) : null;
  const matter =
    draft.categoryId !== null ? { categoryId: draft.categoryId } : term ? { q: term } : null;
  if (!matter) return null;
  return qs({ ...matter, ...place });
}

/**
 * "Maybe a repeat": open tickets of the last 30 days about the same matter at the same place, each
 * with an action that attaches this call to it instead of creating a new ticket.
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
  onAttach: (ticket: TicketListItem) => void;
}) {
  const { t, locale } = useI18n();
  const format = useFormat();
  // The query string is the lookup's identity: typing more of the same description changes nothing.
  const lookup = lookupOf(draft, reference);
  const [found, setFound] = useState<{ lookup: string; page: Page<TicketListItem> } | null>(null);

  useEffect(() => {
    if (!lookup) return;
    const controller = new AbortController();
    const since = new Date(Date.now() - WINDOW_DAYS * 86_400_000).toISOString();
    const statuses = OPEN_STATUSES.map((s) => `&status=${s}`).join('');
    const timer = setTimeout(() => {
      api<Page<TicketListItem>>(
        'GET',
        `/tickets${lookup}${statuses}&createdFrom=${encodeURIComponent(since)}&sort=createdAt&order=desc&pageSize=${SHOWN}`,
        undefined,
        { signal: controller.signal },
      )
        .then((page) => setFound({ lookup, page }))
        .catch(() => undefined); // a warning that cannot load is no reason to stop the call
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [lookup]);

  if (!lookup || !found || found.lookup !== lookup || found.page.items.length === 0) return null;
  const { items, total } = found.page;
  const districtName = (id: number | null) => {
    const district = id !== null ? reference?.districtById.get(id) : undefined;
    return district ? (locale === 'en' ? district.nameEn : district.name) : '';
  };
  return (
    <section className="op-duplicates" aria-labelledby="op-dup-head">
      <h3 id="op-dup-head">{t('op.dup.heading', { total, days: WINDOW_DAYS })}</h3>
      <ul className="list-plain">
        {items.map((ticket) => (
          <li key={ticket.id} className="op-dup-item">
            <Link to={`/tickets/${ticket.id}`} className="op-number">
              {ticket.number}
            </Link>
            <StatusBadge status={ticket.status} />
            <span className="op-dup-title" title={ticket.title}>
              {ticket.title}
            </span>
            <span className="muted op-dup-meta">
              {districtName(ticket.districtId)} {ticket.address ?? ''} ·{' '}
              {format.date(ticket.createdAt)}
            </span>
            <button
              type="button"
              disabled={busy}
              aria-label={t('op.dup.attachTo', { number: ticket.number })}
              onClick={() => onAttach(ticket)}
            >
              {t('op.dup.attach')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
