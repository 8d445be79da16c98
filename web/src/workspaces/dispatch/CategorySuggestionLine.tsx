import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';

export interface TicketCategorySuggestion {
  ticketId: number;
  model: { id: number; coldStart: boolean };
  category: {
    categoryId: number;
    name: string;
    nameEn: string | null;
    path: string[];
    confidence: number;
  };
}

/**
 * The classifier's suggestion for each ticket on the queue page, loaded once per page of ids;
 * a failure leaves the queue as it was (the suggestions are help, not a gate).
 */
export function useCategorySuggestions(
  ticketIds: readonly number[],
): ReadonlyMap<number, TicketCategorySuggestion> {
  const [byTicket, setByTicket] = useState<ReadonlyMap<number, TicketCategorySuggestion>>(
    new Map(),
  );
  const key = ticketIds.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    api<{ items: TicketCategorySuggestion[] }>(
      'GET',
      `/intelligence/suggestions?ticketIds=${key}`,
      undefined,
      { signal: controller.signal },
    )
      .then((result) => setByTicket(new Map(result.items.map((s) => [s.ticketId, s]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [key]);
  return byTicket;
}

/** Under a ticket's category: the suggested one and its confidence, or that they agree. */
export function CategorySuggestionLine({
  suggestion,
  categoryId,
}: {
  suggestion: TicketCategorySuggestion | undefined;
  categoryId: number | null;
}) {
  const { t, locale } = useI18n();
  if (!suggestion) return null;
  const { category } = suggestion;
  const value = String(Math.round(category.confidence * 100));
  const name = locale === 'en' ? (category.nameEn ?? category.name) : category.name;
  const agrees = category.categoryId === categoryId;
  return (
    <span
      className={agrees ? 'dsp-ai-line muted' : 'dsp-ai-line badge badge-brand'}
      title={category.path.join(' › ')}
    >
      {agrees ? t('ai.queue.agrees', { value }) : t('ai.queue.suggested', { name, value })}
    </span>
  );
}
