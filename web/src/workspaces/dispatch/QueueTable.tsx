import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { UrgencyBadge } from '../tickets/badges';
import { useNames } from '../tickets/reference';
import type { QueueItem } from '../tickets/types';
import { CategorySuggestionLine, useCategorySuggestions } from './CategorySuggestionLine';
import { useDescribeUnits } from './DispatchForm';
import { RoutingLine, useRoutingSuggestions } from './RoutingSuggestion';
import { LikelyDuplicateLine, useLikelyDuplicates } from './LikelyDuplicates';

/** The queue's rows: selection, the active row (keyboard), the suggestion and the row's actions. */
export function QueueTable({
  items,
  activeId,
  openId,
  selected,
  busy,
  rowRefs,
  onActivate,
  onToggle,
  onToggleAll,
  onOneClick,
  onOpen,
  onUseRouting,
}: {
  items: QueueItem[];
  activeId: number | null;
  openId: number | null;
  selected: ReadonlySet<number>;
  busy: boolean;
  /** Filled with each row's element, so that the keyboard can scroll the active row into view. */
  rowRefs: Map<number, HTMLTableRowElement>;
  onActivate: (id: number) => void;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onOneClick: (item: QueueItem) => void;
  onOpen: (item: QueueItem) => void;
  /** Dispatch as the router suggests (智能派单), one click. */
  onUseRouting?: (item: QueueItem, leadUnitId: number, coUnitIds: number[]) => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const describe = useDescribeUnits();
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const categorySuggestions = useCategorySuggestions(items.map((item) => item.id));
  const routings = useRoutingSuggestions(items.map((item) => item.id));
  const likelyDuplicates = useLikelyDuplicates(items.map((item) => item.id));
  return (
    <div className="tk-table-wrap">
      <table className="data dsp-table">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label={t('dsp.queue.selectAll')}
                checked={allSelected}
                onChange={onToggleAll}
              />
            </th>
            <th>{t('tk.col.number')}</th>
            <th>{t('tk.col.title')}</th>
            <th>{t('tk.field.categoryId')}</th>
            <th>{t('tk.field.districtId')}</th>
            <th>{t('tk.field.urgency')}</th>
            <th className="dsp-col-wide">{t('dsp.queue.waiting')}</th>
            <th>{t('dsp.suggestion.label')}</th>
            <th>
              <span className="visually-hidden">{t('dsp.queue.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.id}
              ref={(row) => {
                if (row) rowRefs.set(item.id, row);
                else rowRefs.delete(item.id);
              }}
              className={`${item.id === activeId ? 'dsp-active' : ''}${item.id === openId ? ' dsp-open' : ''}`}
              aria-current={item.id === activeId ? 'true' : undefined}
              onClick={() => onActivate(item.id)}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={t('dsp.queue.select', { number: item.number })}
                  checked={selected.has(item.id)}
                  onChange={() => onToggle(item.id)}
                />
              </td>
              <td className="mono">
                <Link to={`/tickets/${item.id}`}>{item.number}</Link>
              </td>
              <td className="tk-cell-title">
                {item.title}
                {item.returnCount > 0 ? (
                  <span className="badge badge-warn">
                    {t('dsp.queue.returned', { count: item.returnCount })}
                  </span>
                ) : null}
                <LikelyDuplicateLine candidate={likelyDuplicates.get(item.id)} />
              </td>
              <td title={names.category(item.categoryId)}>
                {names.categoryShort(item.categoryId)}
                <CategorySuggestionLine
                  suggestion={categorySuggestions.get(item.id)}
                  categoryId={item.categoryId}
                />
              </td>
              <td>{names.unit(item.districtId)}</td>
              <td>
                <UrgencyBadge urgency={item.urgency} />
              </td>
              <td className="nowrap dsp-col-wide">
                {t(`channel.${item.channel}` as MessageKey)} · {format.dateTime(item.createdAt)}
              </td>
              <td className="dsp-suggest-cell">
                {item.suggestion ? (
                  describe(item.suggestion.leadUnitId, item.suggestion.coUnitIds)
                ) : (
                  <span className="muted">{t('dsp.suggestion.none')}</span>
                )}
                {onUseRouting ? (
                  <RoutingLine
                    routing={routings.get(item.id)}
                    number={item.number}
                    busy={busy}
                    onUse={(lead, co) => onUseRouting(item, lead, co)}
                  />
                ) : null}
              </td>
              <td className="dsp-row-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy || !item.suggestion}
                  aria-label={t('dsp.queue.oneClickLabel', { number: item.number })}
                  onClick={() => onOneClick(item)}
                >
                  {t('dsp.queue.oneClick')}
                </button>
                <button
                  type="button"
                  aria-label={t('dsp.queue.openLabel', { number: item.number })}
                  onClick={() => onOpen(item)}
                >
                  {t('dsp.queue.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
