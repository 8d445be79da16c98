import { Fragment, lazy, Suspense, useMemo, useState, type KeyboardEvent } from 'react';
import { qs } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import { useSession } from '../../session';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { useLiveReload } from '../../ui/live';
import { useNames } from '../tickets/reference';
import { formatDuration, StatusBadge, UrgencyBadge } from '../tickets/badges';
import { OrderCard } from './OrderCard';
import { OrderForm, RemindForm } from './SupervisionForms';
import { RequestItem } from './TicketSupervision';
import { ReplyQualityPanel } from './ReplyQualityPanel';
import { CHASEABLE, supervisionApi, type DeadlineKind, type WatchItem } from './supervision-api';

const TABS = [
  'overdue',
  'near',
  'orders',
  'requests',
  'reminders',
  'dashboard',
  'quality',
] as const;
// The dashboard's charts (ECharts) load only when its tab is opened.
const SupervisionDashboard = lazy(() => import('./dashboard/SupervisionDashboard'));
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 50;

function show(tab: Tab, params: Record<string, string | number | undefined> = {}) {
  navigate(`/supervision${qs({ tab: tab === 'overdue' ? undefined : tab, ...params })}`, {
    replace: true,
  });
}

/**
 * /supervision: the supervisor's workspace (督办考核). Deadlines overdue and near (sign-for,
 * feedback, supervision orders) with 催办 and 督办 in place; the supervision orders to follow,
 * the units' exemption (核减) and objection (申诉) requests to decide, and every reminder sent.
 */
export default function SupervisionPage() {
  const t = useT();
  const { hasRole } = useSession();
  const { query } = useLocation();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '')
    ? (query.get('tab') as Tab)
    : 'overdue';
  const [tick, setTick] = useState(0);
  useLiveReload(
    () => setTick((n) => n + 1),
    () => true,
    2000,
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    show(next);
    document.getElementById(`sv-tab-${next}`)?.focus();
  };
  return (
    <div className="page sv">
      <div className="page-head">
        <div>
          <h1>{t('sv.title')}</h1>
          <p className="muted">{t('sv.subtitle')}</p>
        </div>
      </div>
      <div className="tabs" role="tablist" aria-label={t('sv.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((each) => (
          <button
            key={each}
            id={`sv-tab-${each}`}
            type="button"
            role="tab"
            aria-selected={each === tab}
            aria-controls="sv-tabpanel"
            tabIndex={each === tab ? 0 : -1}
            onClick={() => show(each)}
          >
            {t(`sv.tab.${each}` as MessageKey)}
          </button>
        ))}
      </div>
      <section className="panel" id="sv-tabpanel" role="tabpanel" aria-labelledby={`sv-tab-${tab}`}>
        {tab === 'overdue' || tab === 'near' ? (
          <WatchPanel key={tab} state={tab} tick={tick} />
        ) : null}
        {tab === 'orders' ? <OrdersPanel tick={tick} /> : null}
        {tab === 'requests' ? <RequestsPanel tick={tick} /> : null}
        {tab === 'reminders' ? <RemindersPanel tick={tick} /> : null}
        {tab === 'quality' ? <ReplyQualityPanel /> : null}
        {tab === 'dashboard' ? (
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <SupervisionDashboard
              districtId={null}
              canPublish={hasRole('supervisor')}
              lists={{ overdue: '/supervision', near: '/supervision?tab=near' }}
            />
          </Suspense>
        ) : null}
      </section>
    </div>
  );
}

/** "超期 3 小时" / "剩余 20 分钟" from the seconds left. */
function TimeLeft({ item }: { item: WatchItem }) {
  const t = useT();
  const format = useFormat();
  const text =
    item.secondsLeft < 0
      ? t('tk.deadline.overdue', { time: formatDuration(item.secondsLeft * 1000, t) })
      : t('tk.deadline.left', { time: formatDuration(item.secondsLeft * 1000, t) });
  return (
    <span
      className={item.state === 'overdue' ? 'badge badge-danger' : 'badge badge-warn'}
      title={format.dateTime(item.dueAt)}
    >
      {text}
    </span>
  );
}

/** Overdue or near deadlines, filtered by kind, unit and district, with 催办 and 督办 in place. */
function WatchPanel({ state, tick }: { state: 'overdue' | 'near'; tick: number }) {
  const t = useT();
  const names = useNames();
  const { hasRole } = useSession();
  const { query } = useLocation();
  const kind = (query.get('kind') || undefined) as DeadlineKind | undefined;
  const unitId = Number(query.get('unit')) || undefined;
  const districtId = Number(query.get('district')) || undefined;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const filters = { kind, unit: unitId, district: districtId };
  const list = useLoad(
    (signal) =>
      supervisionApi.watch({ state, kind, unitId, districtId, page, pageSize: PAGE_SIZE }, signal),
    [state, kind, unitId, districtId, page, tick],
  );
  const [open, setOpen] = useState<{ key: string; mode: 'remind' | 'order' } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const units = useMemo(
    () => (names.reference?.units ?? []).filter((unit) => unit.active && unit.type !== 'centre'),
    [names.reference],
  );
  const districts = units.filter((unit) => unit.type === 'district');
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const rowKey = (item: WatchItem) => `${item.ticketId}:${item.unitId}:${item.kind}`;
  const setFilter = (name: string, value: string) =>
    show(state, { ...filters, [name]: value || undefined });
  return (
    <>
      <form
        className="sv-filters"
        aria-label={t('sv.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('sv.filter.kind')}{' '}
          <select value={kind ?? ''} onChange={(event) => setFilter('kind', event.target.value)}>
            <option value="">{t('tk.filter.all')}</option>
            {(['sign', 'reply', 'order'] as const).map((each) => (
              <option key={each} value={each}>
                {t(`sv.deadline.${each}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sv.filter.district')}{' '}
          <select
            value={districtId ?? ''}
            onChange={(event) => setFilter('district', event.target.value)}
          >
            <option value="">{t('tk.filter.all')}</option>
            {districts.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {names.unit(unit.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sv.filter.unit')}{' '}
          <select value={unitId ?? ''} onChange={(event) => setFilter('unit', event.target.value)}>
            <option value="">{t('tk.filter.anyUnit')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {names.unit(unit.id)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {list.data?.totalCapped ? t('list.totalCapped', { total }) : t('list.total', { total })}
        </span>
      </form>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <LoadState state={list} />
      {list.data && list.data.items.length === 0 ? (
        <p className="muted">
          {t(state === 'overdue' ? 'sv.watch.noneOverdue' : 'sv.watch.noneNear')}
        </p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="data sv-table" aria-label={t(`sv.tab.${state}` as MessageKey)}>
          <thead>
            <tr>
              <th>{t('tk.col.number')}</th>
              <th>{t('tk.col.title')}</th>
              <th>{t('sv.col.unit')}</th>
              <th>{t('sv.col.kind')}</th>
              <th>{t('sv.col.time')}</th>
              <th>{t('sv.col.chased')}</th>
              <th>
                <span className="visually-hidden">{t('sv.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((item) => {
              const key = rowKey(item);
              const chaseable = item.kind !== 'order' && CHASEABLE.includes(item.status);
              return (
                <Fragment key={key}>
                  <tr>
                    <td className="mono">
                      <Link to={`/tickets/${item.ticketId}`}>{item.number}</Link>
                    </td>
                    <td>
                      {item.title}{' '}
                      {item.urgency !== 'normal' ? <UrgencyBadge urgency={item.urgency} /> : null}
                      <div>
                        <StatusBadge status={item.status} />
                      </div>
                    </td>
                    <td>
                      {names.unit(item.unitId)}
                      {item.role ? (
                        <span className="muted"> · {t(`tk.role.${item.role}` as MessageKey)}</span>
                      ) : null}
                    </td>
                    <td>{t(`sv.deadline.${item.kind}` as MessageKey)}</td>
                    <td>
                      <TimeLeft item={item} />
                    </td>
                    <td>
                      {item.reminders > 0 ? t('sv.chased', { count: item.reminders }) : '—'}
                      {item.level ? (
                        <div>
                          <span
                            className={
                              item.level === 'district' || item.level === 'centre'
                                ? 'badge badge-danger'
                                : 'badge'
                            }
                          >
                            {t(`sv.stage.${item.level}` as MessageKey)}
                          </span>
                        </div>
                      ) : null}
                    </td>
                    <td className="sv-row-actions">
                      {chaseable ? (
                        <button
                          type="button"
                          aria-expanded={open?.key === key && open.mode === 'remind'}
                          aria-label={t('sv.remind.title', { number: item.number })}
                          onClick={() =>
                            setOpen(
                              open?.key === key && open.mode === 'remind'
                                ? null
                                : { key, mode: 'remind' },
                            )
                          }
                        >
                          {t('sv.remind.button')}
                        </button>
                      ) : null}
                      {hasRole('supervisor') && item.kind !== 'order' ? (
                        <button
                          type="button"
                          aria-expanded={open?.key === key && open.mode === 'order'}
                          aria-label={t('sv.order.title', { number: item.number })}
                          onClick={() =>
                            setOpen(
                              open?.key === key && open.mode === 'order'
                                ? null
                                : { key, mode: 'order' },
                            )
                          }
                        >
                          {t('sv.order.button')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {open?.key === key ? (
                    <tr className="co-form-row">
                      <td colSpan={7}>
                        {open.mode === 'remind' ? (
                          <RemindForm
                            ticketId={item.ticketId}
                            number={item.number}
                            unitId={item.unitId}
                            onCancel={() => setOpen(null)}
                            onDone={(text) => {
                              setOpen(null);
                              setMessage(text);
                              list.reload();
                            }}
                          />
                        ) : (
                          <OrderForm
                            ticketId={item.ticketId}
                            number={item.number}
                            onCancel={() => setOpen(null)}
                            onDone={(text) => {
                              setOpen(null);
                              setMessage(text);
                              list.reload();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {pages > 1 ? (
        <nav className="co-pager" aria-label={t('tk.list.paging')}>
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => show(state, { ...filters, page: page - 1 })}
          >
            {t('list.prev')}
          </button>
          <span className="muted">{t('tk.list.page', { page, pages })}</span>
          <button
            type="button"
            disabled={page >= pages}
            onClick={() => show(state, { ...filters, page: page + 1 })}
          >
            {t('list.next')}
          </button>
        </nav>
      ) : null}
    </>
  );
}

const ORDER_FILTERS = {
  active: ['open', 'replied'],
  replied: ['replied'],
  closed: ['closed'],
} as const;

/** The supervision orders to follow: open and replied first, then closed ones. */
function OrdersPanel({ tick }: { tick: number }) {
  const t = useT();
  const [filter, setFilter] = useState<keyof typeof ORDER_FILTERS>('active');
  const [message, setMessage] = useState<string | null>(null);
  const list = useLoad(
    (signal) =>
      supervisionApi.orders({ states: [...ORDER_FILTERS[filter]], pageSize: 100 }, signal),
    [filter, tick],
  );
  return (
    <>
      <div className="sv-filters" role="group" aria-label={t('sv.filters')}>
        {(Object.keys(ORDER_FILTERS) as Array<keyof typeof ORDER_FILTERS>).map((each) => (
          <button
            key={each}
            type="button"
            aria-pressed={filter === each}
            className={filter === each ? 'primary' : undefined}
            onClick={() => setFilter(each)}
          >
            {t(`sv.orders.${each}` as MessageKey)}
          </button>
        ))}
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <LoadState state={list} />
      {list.data && list.data.items.length === 0 ? (
        <p className="muted">{t('sv.orders.none')}</p>
      ) : null}
      {list.data?.items.map((order) => (
        <OrderCard
          key={order.id}
          order={order}
          showTicket
          onChanged={(text) => {
            setMessage(text);
            list.reload();
          }}
        />
      ))}
    </>
  );
}

/** Exemption and objection requests: pending ones to decide, then the decided ones. */
function RequestsPanel({ tick }: { tick: number }) {
  const t = useT();
  const [state, setState] = useState<'pending' | 'approved' | 'refused'>('pending');
  const [message, setMessage] = useState<string | null>(null);
  const list = useLoad(
    (signal) => supervisionApi.requests({ state, pageSize: 100 }, signal),
    [state, tick],
  );
  return (
    <>
      <div className="sv-filters" role="group" aria-label={t('sv.filters')}>
        {(['pending', 'approved', 'refused'] as const).map((each) => (
          <button
            key={each}
            type="button"
            aria-pressed={state === each}
            className={state === each ? 'primary' : undefined}
            onClick={() => setState(each)}
          >
            {t(`sv.requestState.${each}` as MessageKey)}
          </button>
        ))}
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <LoadState state={list} />
      {list.data && list.data.items.length === 0 ? (
        <p className="muted">{t('sv.requests.none')}</p>
      ) : null}
      <ul className="list-plain sv-requests">
        {list.data?.items.map((request) => (
          <RequestItem
            key={request.id}
            request={request}
            showTicket
            onDone={(text) => {
              setMessage(text);
              list.reload();
            }}
          />
        ))}
      </ul>
    </>
  );
}

/** Every reminder and escalation, newest first. */
export function RemindersPanel({ tick, limit = 100 }: { tick: number; limit?: number }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const list = useLoad(
    (signal) => supervisionApi.reminders({ pageSize: limit }, signal),
    [tick, limit],
  );
  return (
    <>
      <LoadState state={list} />
      {list.data && list.data.items.length === 0 ? (
        <p className="muted">{t('sv.reminders.none')}</p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="data sv-table" aria-label={t('sv.tab.reminders')}>
          <thead>
            <tr>
              <th>{t('sv.col.at')}</th>
              <th>{t('tk.col.number')}</th>
              <th>{t('sv.col.stage')}</th>
              <th>{t('sv.col.unit')}</th>
              <th>{t('sv.col.kind')}</th>
              <th>{t('sv.col.by')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((reminder) => (
              <tr key={reminder.id}>
                <td className="nowrap">{format.dateTime(reminder.createdAt)}</td>
                <td>
                  <Link to={`/tickets/${reminder.ticketId}`}>{reminder.ticketNumber}</Link>
                  <div className="muted">{reminder.ticketTitle}</div>
                </td>
                <td>
                  <span
                    className={
                      reminder.stage === 'district' || reminder.stage === 'centre'
                        ? 'badge badge-danger'
                        : 'badge badge-warn'
                    }
                  >
                    {t(`sv.stage.${reminder.stage}` as MessageKey)}
                  </span>
                </td>
                <td>{names.unit(reminder.unitId)}</td>
                <td>{t(`sv.deadline.${reminder.deadlineKind}` as MessageKey)}</td>
                <td>
                  {reminder.actorName ?? t('tk.actor.system')}
                  {reminder.note ? <div className="muted">{reminder.note}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
