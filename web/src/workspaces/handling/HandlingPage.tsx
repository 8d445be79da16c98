import { useState, type KeyboardEvent } from 'react';
import { api, qs, type ApiError } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { useUser } from '../../session';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { useLiveReload } from '../../ui/live';
import { useNames, type QueueItem } from './handling-data';
import { PendingRequests } from './PendingRequests';
import { canSign, QueueTable } from './QueueTable';
import { TicketBrief } from './TicketBrief';
import { UnitKeyProblems } from '../analysis/KeyProblems';
import { UnitSupervisionPanel } from '../supervision/UnitSupervisionPanel';

const TABS = ['all', 'sign', 'progress', 'co', 'review'] as const;
type Tab = (typeof TABS)[number];

const TAB_FILTER: Record<Tab, (item: QueueItem) => boolean> = {
  all: () => true,
  sign: canSign,
  progress: (item) =>
    item.role === 'lead' && item.assignmentState === 'signed' && item.status === 'in_progress',
  co: (item) => item.role === 'co',
  review: (item) => item.status === 'return_review',
};

const TAB_LABEL: Record<Tab, MessageKey> = {
  all: 'hd.tab.all',
  sign: 'hd.tab.sign',
  progress: 'hd.tab.progress',
  co: 'hd.tab.co',
  review: 'hd.tab.review',
};

/** Keeps the tab and the open ticket in the address, so Back and reload return to them. */
function show(tab: Tab, ticket: number | null) {
  navigate(`/handling${qs({ tab: tab === 'all' ? undefined : tab, ticket })}`, { replace: true });
}

/** /handling: the handling unit's queue (承办), nearest deadline first, and the chosen ticket. */
export default function HandlingPage() {
  const t = useT();
  const user = useUser();
  const names = useNames();
  const { query } = useLocation();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '')
    ? (query.get('tab') as Tab)
    : 'all';
  const current = Number(query.get('ticket')) || null;
  const queue = useLoad(
    (signal) => api<{ items: QueueItem[] }>('GET', '/handling/queue', undefined, { signal }),
    [],
  );
  const [reloadKey, setReloadKey] = useState(0);
  const reloadAll = () => {
    queue.reload();
    setReloadKey((n) => n + 1);
  };
  useLiveReload(reloadAll);

  const items = queue.data?.items ?? [];
  const visible = items.filter(TAB_FILTER[tab]);
  const overdue = items.filter((item) => item.overdue).length;

  return (
    <div className="page hd">
      <div className="page-head">
        <div>
          <h1>{t('hd.title')}</h1>
          <p className="muted hd-sub">
            {names.unit(user.unitId)}
            {queue.data ? ` · ${t('hd.summary', { total: items.length, overdue })}` : ''}
          </p>
        </div>
      </div>
      <PendingRequests onOpen={(id) => show(tab, id)} />
      <UnitSupervisionPanel reloadKey={reloadKey} />
      <UnitKeyProblems />
      <Tabs tab={tab} items={items} onChange={(next) => show(next, current)} />
      <div className="hd-layout">
        <section
          className="panel hd-list"
          id="hd-tabpanel"
          role="tabpanel"
          aria-labelledby={`hd-tab-${tab}`}
        >
          <LoadState state={queue} />
          {queue.data ? (
            <QueuePanel
              key={tab}
              items={visible}
              current={current}
              onOpen={(id) => show(tab, id)}
              onSigned={reloadAll}
            />
          ) : null}
        </section>
        <aside className="panel hd-detail" aria-label={t('hd.detail.label')}>
          {current ? (
            <TicketBrief
              key={current}
              ticketId={current}
              reloadKey={reloadKey}
              onDone={reloadAll}
            />
          ) : (
            <p className="muted">{t('hd.detail.empty')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function Tabs({
  tab,
  items,
  onChange,
}: {
  tab: Tab;
  items: QueueItem[];
  onChange: (tab: Tab) => void;
}) {
  const t = useT();
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab leaves the tab list.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    onChange(next);
    document.getElementById(`hd-tab-${next}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('hd.tabs.label')} onKeyDown={onKeyDown}>
      {TABS.map((each) => (
        <button
          key={each}
          id={`hd-tab-${each}`}
          type="button"
          role="tab"
          aria-selected={each === tab}
          aria-controls="hd-tabpanel"
          tabIndex={each === tab ? 0 : -1}
          onClick={() => onChange(each)}
        >
          {t(TAB_LABEL[each])}{' '}
          <span className="hd-count">{items.filter(TAB_FILTER[each]).length}</span>
        </button>
      ))}
    </div>
  );
}

interface SignResult {
  ok: number;
  failures: string[];
}

/** The list of one tab, with signing several selected tickets at once. */
function QueuePanel({
  items,
  current,
  onOpen,
  onSigned,
}: {
  items: QueueItem[];
  current: number | null;
  onOpen: (ticketId: number) => void;
  onSigned: () => void;
}) {
  const t = useT();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SignResult | null>(null);
  // A ticket that left the list (signed elsewhere, reassigned) is no longer selected.
  const selected = new Set(
    items.filter((item) => canSign(item) && chosen.has(item.ticketId)).map((i) => i.ticketId),
  );
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const signSelected = async () => {
    setBusy(true);
    setResult(null);
    const outcome: SignResult = { ok: 0, failures: [] };
    for (const item of items.filter((each) => selected.has(each.ticketId))) {
      try {
        await api('POST', `/tickets/${item.ticketId}/sign`);
        outcome.ok += 1;
      } catch (error) {
        outcome.failures.push(`${item.number}: ${(error as ApiError).message}`);
      }
    }
    setChosen(new Set());
    setResult(outcome);
    setBusy(false);
    onSigned();
  };
  return (
    <>
      <div className="hd-toolbar">
        <button
          type="button"
          className="primary"
          disabled={busy || selected.size === 0}
          onClick={() => void signSelected()}
        >
          {busy ? t('form.saving') : t('hd.sign.selected', { count: selected.size })}
        </button>
        <span className="muted">{t('hd.sign.selectHint')}</span>
      </div>
      {result && result.ok > 0 ? (
        <Notice kind="success">{t('hd.sign.doneMany', { count: result.ok })}</Notice>
      ) : null}
      {result && result.failures.length > 0 ? (
        <Notice kind="error">
          <ul className="list-plain">
            {result.failures.map((failure) => (
              <li key={failure}>{failure}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {items.length === 0 ? (
        <p className="muted">{t('hd.queue.empty')}</p>
      ) : (
        <QueueTable
          items={items}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(on) =>
            setChosen(on ? new Set(items.filter(canSign).map((item) => item.ticketId)) : new Set())
          }
          current={current}
          onOpen={onOpen}
        />
      )}
    </>
  );
}
