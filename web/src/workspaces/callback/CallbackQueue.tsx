import type { KeyboardEvent } from 'react';
import { useI18n } from '../../i18n';
import { DeadlineBadge, UrgencyBadge } from '../tickets/badges';
import type { Names } from './names';
import type { QueueItem } from './types';

/**
 * The replied tickets waiting for a callback, nearest deadline first (the server's order).
 * ↑/↓ move between them; the chosen one opens beside the list.
 */
export function CallbackQueue({
  items,
  selectedId,
  names,
  onSelect,
}: {
  items: QueueItem[];
  selectedId: number | null;
  names: Names | undefined;
  onSelect: (id: number) => void;
}) {
  const { t, locale } = useI18n();
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(event.currentTarget.querySelectorAll('button'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    next.focus();
    const id = Number(next.dataset.id);
    if (id) onSelect(id);
  };
  if (items.length === 0) return <p className="muted cb-empty">{t('cb.queue.empty')}</p>;
  return (
    <ul className="list-plain cb-queue" aria-label={t('cb.queue.title')} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const selected = item.id === selectedId;
        return (
          <li key={item.id}>
            <button
              type="button"
              data-id={item.id}
              className={`cb-queue-item${selected ? ' cb-queue-on' : ''}`}
              aria-current={selected ? 'true' : undefined}
              onClick={() => onSelect(item.id)}
            >
              <span className="cb-queue-line">
                <span className="cb-number">{item.number}</span>
                <DeadlineBadge due={item.callbackDueAt} start={item.repliedAt} />
              </span>
              <span className="cb-queue-title">{item.title}</span>
              <span className="cb-queue-line cb-queue-meta">
                <span>{names?.unit(item.leadUnitId, locale)}</span>
                <span className="cb-queue-badges">
                  {item.parentId !== null ? (
                    <span className="badge">{t('cb.merged.badge')}</span>
                  ) : null}
                  {item.urgency !== 'normal' ? <UrgencyBadge urgency={item.urgency} /> : null}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
