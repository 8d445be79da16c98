import { useT } from '../../i18n';
import { Link } from '../../router';
import { DeadlineBadge, StatusBadge, UrgencyBadge } from '../tickets/badges';
import type { QueueItem } from './handling-data';

/** A queue item the unit can sign for now (its own dispatch, not under return review). */
export const canSign = (item: QueueItem): boolean =>
  item.assignmentState === 'dispatched' && item.status !== 'return_review';

/**
 * The unit's tickets, nearest deadline first (the server's order): time left coloured amber when
 * near and red when past; rows to sign for can be selected to sign several at once.
 */
export function QueueTable({
  items,
  selected,
  onToggle,
  onToggleAll,
  current,
  onOpen,
}: {
  items: QueueItem[];
  selected: ReadonlySet<number>;
  onToggle: (ticketId: number) => void;
  onToggleAll: (on: boolean) => void;
  current: number | null;
  onOpen: (ticketId: number) => void;
}) {
  const t = useT();
  const signable = items.filter(canSign);
  const allOn = signable.length > 0 && signable.every((item) => selected.has(item.ticketId));
  return (
    <table className="data hd-queue">
      <thead>
        <tr>
          <th className="hd-check">
            <input
              type="checkbox"
              aria-label={t('hd.queue.selectAll')}
              checked={allOn}
              disabled={signable.length === 0}
              onChange={(event) => onToggleAll(event.target.checked)}
            />
          </th>
          <th>{t('hd.queue.number')}</th>
          <th>{t('hd.queue.title')}</th>
          <th>{t('hd.queue.status')}</th>
          <th>{t('hd.queue.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.ticketId}
            className={item.ticketId === current ? 'hd-row-current' : undefined}
            aria-current={item.ticketId === current ? 'true' : undefined}
          >
            <td className="hd-check">
              {canSign(item) ? (
                <input
                  type="checkbox"
                  aria-label={t('hd.queue.select', { number: item.number })}
                  checked={selected.has(item.ticketId)}
                  onChange={() => onToggle(item.ticketId)}
                />
              ) : null}
            </td>
            <td className="hd-number">
              <Link to={`/tickets/${item.ticketId}`}>{item.number}</Link>
            </td>
            <td className="hd-title">
              <button type="button" className="link hd-open" onClick={() => onOpen(item.ticketId)}>
                {item.title}
              </button>
              {item.role === 'co' || item.urgency !== 'normal' ? (
                <div className="hd-tags">
                  {item.role === 'co' ? <span className="badge">{t('hd.role.co')}</span> : null}
                  {item.urgency !== 'normal' ? <UrgencyBadge urgency={item.urgency} /> : null}
                </div>
              ) : null}
            </td>
            <td>
              <StatusBadge status={item.status} />
            </td>
            <td className="hd-deadline">
              <span className="muted hd-due-kind">
                {t(item.dueKind === 'sign' ? 'hd.due.sign' : 'hd.due.reply')}
              </span>
              <DeadlineBadge due={item.dueAt} start={item.dispatchedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
