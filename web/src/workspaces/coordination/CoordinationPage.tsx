import { lazy, Suspense, useState, type KeyboardEvent } from 'react';
import { api, qs, type Page } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import { useUser } from '../../session';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { useLiveReload } from '../../ui/live';
import { activeDeadline, useNames } from '../handling/handling-data';
import { countTickets, listTickets, nearTickets, type UnitRequest } from './coordination-data';
import { DistrictTickets } from './DistrictTickets';
import { RequestsPanel } from './RequestsPanel';

const TABS = ['overdue', 'near', 'open', 'requests'] as const;
// The district's dashboard (charts) loads only when opened.
const SupervisionDashboard = lazy(() => import('../supervision/dashboard/SupervisionDashboard'));
type Tab = (typeof TABS)[number];

const TAB_LABEL: Record<Tab, MessageKey> = {
  overdue: 'co.tab.overdue',
  near: 'co.tab.near',
  open: 'co.tab.open',
  requests: 'co.tab.requests',
};

const PAGE_SIZE = 50;

function show(tab: Tab, page = 1) {
  navigate(
    `/coordination${qs({ tab: tab === 'overdue' ? undefined : tab, page: page > 1 ? page : undefined })}`,
    {
      replace: true,
    },
  );
}

/** /coordination: a district coordinator's (区县协调督办) view of the district's open work. */
export default function CoordinationPage() {
  const t = useT();
  const user = useUser();
  const names = useNames();
  const districtId = user.districtId;
  const dashboard = useLocation().query.get('view') === 'dashboard';
  if (districtId === null)
    return (
      <div className="page co">
        <Notice kind="error">{t('co.noDistrict')}</Notice>
      </div>
    );
  return (
    <div className="page co">
      <div className="page-head">
        <div>
          <h1>{t('co.title', { district: names.unit(districtId) })}</h1>
          <p className="muted co-sub">{t('co.subtitle')}</p>
        </div>
        <Link className="button" to={dashboard ? '/coordination' : '/coordination?view=dashboard'}>
          {t(dashboard ? 'co.dashboard.back' : 'co.dashboard.open')}
        </Link>
      </div>
      {dashboard ? (
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <SupervisionDashboard
            districtId={districtId}
            canPublish={false}
            lists={{ overdue: '/coordination', near: '/coordination?tab=near' }}
          />
        </Suspense>
      ) : (
        <DistrictWork districtId={districtId} />
      )}
    </div>
  );
}

interface Counts {
  open: number;
  overdue: number;
  near: number;
  nearCapped: boolean;
  requests: number;
}

function DistrictWork({ districtId }: { districtId: number }) {
  const t = useT();
  const format = useFormat();
  const { query } = useLocation();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '')
    ? (query.get('tab') as Tab)
    : 'overdue';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const counts = useLoad(
    async (signal): Promise<Counts> => {
      const [open, overdue, near, requests] = await Promise.all([
        countTickets({ districtId }, signal),
        countTickets({ districtId, overdue: true }, signal),
        nearTickets(districtId, signal),
        api<Page<UnitRequest>>('GET', '/requests?pageSize=1', undefined, { signal }),
      ]);
      return {
        open,
        overdue,
        near: near.items.length,
        nearCapped: near.capped,
        requests: requests.total,
      };
    },
    [districtId],
  );
  const [tick, setTick] = useState(0);
  const reload = () => {
    counts.reload();
    setTick((n) => n + 1);
  };
  useLiveReload(reload);

  const count = (each: Tab): string => {
    const data = counts.data;
    if (!data) return '…';
    if (each === 'near') return `${format.number(data.near)}${data.nearCapped ? '+' : ''}`;
    return format.number(data[each]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    show(next);
    document.getElementById(`co-tab-${next}`)?.focus();
  };

  return (
    <>
      <ul className="co-tiles list-plain" aria-label={t('co.tiles.label')}>
        {TABS.map((each) => (
          <li key={each} className={`co-tile co-tile-${each}`}>
            <span className="co-tile-label">{t(TAB_LABEL[each])}</span>
            <span className="co-tile-value">{count(each)}</span>
          </li>
        ))}
      </ul>
      {counts.error ? <LoadState state={counts} /> : null}
      <div className="tabs" role="tablist" aria-label={t('co.tabs.label')} onKeyDown={onKeyDown}>
        {TABS.map((each) => (
          <button
            key={each}
            id={`co-tab-${each}`}
            type="button"
            role="tab"
            aria-selected={each === tab}
            aria-controls="co-tabpanel"
            tabIndex={each === tab ? 0 : -1}
            onClick={() => show(each)}
          >
            {t(TAB_LABEL[each])}
          </button>
        ))}
      </div>
      <section className="panel" id="co-tabpanel" role="tabpanel" aria-labelledby={`co-tab-${tab}`}>
        <TabContent tab={tab} page={page} districtId={districtId} tick={tick} onChanged={reload} />
      </section>
    </>
  );
}

function TabContent({
  tab,
  page,
  districtId,
  tick,
  onChanged,
}: {
  tab: Tab;
  page: number;
  districtId: number;
  tick: number;
  onChanged: () => void;
}) {
  const t = useT();
  const state = useLoad(
    async (signal) => {
      if (tab === 'requests')
        return {
          tab,
          requests: await api<Page<UnitRequest>>(
            'GET',
            `/requests${qs({ page, pageSize: PAGE_SIZE })}`,
            undefined,
            { signal },
          ),
        };
      if (tab === 'near') {
        const near = await nearTickets(districtId, signal);
        return {
          tab,
          tickets: { items: near.items, total: near.items.length, page: 1, pageSize: 0 },
        };
      }
      const overdue = tab === 'overdue' ? true : undefined;
      const tickets = await listTickets({ districtId, overdue, page, pageSize: PAGE_SIZE }, signal);
      // The list sorts by the feedback deadline; a ticket not yet signed for is late on its
      // sign-for deadline, so the page is ordered by the deadline each ticket works against.
      tickets.items.sort((a, b) =>
        (activeDeadline(a) ?? '').localeCompare(activeDeadline(b) ?? ''),
      );
      return { tab, tickets };
    },
    [tab, page, districtId, tick],
  );
  // The previous tab's rows stay on screen while reloading, but not under another tab.
  const data = state.data?.tab === tab ? state.data : undefined;
  const total = data?.tickets?.total ?? data?.requests?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <LoadState state={{ ...state, data }} />
      {tab === 'overdue' && data ? <p className="muted co-hint">{t('co.overdue.hint')}</p> : null}
      {data?.tickets ? (
        <DistrictTickets
          key={tab}
          items={data.tickets.items}
          districtId={districtId}
          label={t(TAB_LABEL[tab])}
          onChanged={onChanged}
        />
      ) : null}
      {data?.requests ? (
        <RequestsPanel key={tab} items={data.requests.items} onChanged={onChanged} />
      ) : null}
      {data && tab !== 'near' && pages > 1 ? (
        <nav className="co-pager" aria-label={t('co.pager')}>
          <button type="button" disabled={page <= 1} onClick={() => show(tab, page - 1)}>
            {t('list.prev')}
          </button>
          <span className="muted">
            {page} / {pages} · {t('list.total', { total })}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => show(tab, page + 1)}>
            {t('list.next')}
          </button>
        </nav>
      ) : null}
    </>
  );
}
