import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, qs, type Page } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { useLiveReload } from '../../ui/live';
import { useNames } from '../tickets/reference';
import { URGENCIES, type BulkResult, type QueueItem, type TicketSummary } from '../tickets/types';
import { useDescribeUnits } from './DispatchForm';
import { DispatchPanel } from './DispatchPanel';
import { QueueTable } from './QueueTable';
import { UnitPicker } from './UnitPicker';

const PAGE_SIZE = 50;

/** Keys typed into a field are the field's, not the queue's shortcuts. */
const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio'].includes(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
};

type Message = { kind: 'success' | 'error'; text: string } | null;

/** The queue of tickets waiting for dispatch (待派单), with the catalogue's suggestion per row. */
export function QueueView({
  openId,
  setOpenId,
}: {
  openId: number | null;
  setOpenId: (id: number | null) => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const describe = useDescribeUnits();
  const [districtId, setDistrictId] = useState<number | undefined>(undefined);
  const [urgency, setUrgency] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const state = useLoad(
    (signal) =>
      api<Page<QueueItem>>(
        'GET',
        `/dispatch/queue${qs({ districtId, urgency, page, pageSize: PAGE_SIZE })}`,
        undefined,
        { signal },
      ),
    [districtId, urgency, page],
  );
  const items = useMemo(() => state.data?.items ?? [], [state.data]);
  const ids = useMemo(() => new Set(items.map((item) => item.id)), [items]);
  useLiveReload(
    state.reload,
    (change) => change.status === 'pending_dispatch' || ids.has(change.id),
  );

  const [activeId, setActiveId] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [bulkUnit, setBulkUnit] = useState<number | null>(null);
  const [bulkToUnit, setBulkToUnit] = useState(false);

  // After a reload, keep what the user chose as long as those tickets are still waiting.
  useEffect(() => {
    setSelected((current) => {
      const kept = new Set([...current].filter((id) => ids.has(id)));
      return kept.size === current.size ? current : kept;
    });
    setActiveId((current) => {
      if (current !== null && ids.has(current)) return current;
      return items[0]?.id ?? null;
    });
  }, [ids, items]);

  const activeIndex = items.findIndex((item) => item.id === activeId);
  const rowRefs = useRef(new Map<number, HTMLTableRowElement>());
  const move = (step: number) => {
    if (items.length === 0) return;
    const next = items[Math.min(Math.max(activeIndex + step, 0), items.length - 1)];
    if (!next) return;
    setActiveId(next.id);
    rowRefs.current.get(next.id)?.scrollIntoView({ block: 'nearest' });
  };
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (openId !== null && (event.target as HTMLElement).closest?.('.dsp-panel')) return;
      const inControl = (event.target as HTMLElement).closest?.('button, a');
      if (event.key === 'j' || event.key === 'ArrowDown') move(1);
      else if (event.key === 'k' || event.key === 'ArrowUp') move(-1);
      else if (event.key === 'Enter' && !inControl && activeId !== null) setOpenId(activeId);
      else if (event.key === 'x' && activeId !== null) toggle(activeId);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const afterDispatch = (text: string) => {
    setMessage({ kind: 'success', text });
    state.reload();
  };

  const dispatchToSuggestion = async (item: QueueItem) => {
    if (!item.suggestion) return;
    setBusy(true);
    setMessage(null);
    try {
      await api<TicketSummary>('POST', `/tickets/${item.id}/dispatch`, {
        leadUnitId: item.suggestion.leadUnitId,
        coUnitIds: item.suggestion.coUnitIds,
        expectedVersion: item.version,
      });
      if (openId === item.id) setOpenId(null);
      afterDispatch(
        t('dsp.done.one', {
          number: item.number,
          units: describe(item.suggestion.leadUnitId, item.suggestion.coUnitIds),
        }),
      );
    } catch (error) {
      setMessage({ kind: 'error', text: `${item.number}: ${(error as Error).message}` });
      state.reload();
    } finally {
      setBusy(false);
    }
  };

  const chosen = items.filter((item) => selected.has(item.id));
  const bulk = async (leadUnitId: number | null) => {
    const rows = leadUnitId === null ? chosen.filter((item) => item.suggestion) : chosen;
    if (rows.length === 0) return;
    setBusy(true);
    setMessage(null);
    try {
      const { results } = await api<{ results: BulkResult[] }>('POST', '/dispatch/bulk', {
        items: rows.map((item) => ({
          ticketId: item.id,
          leadUnitId: leadUnitId ?? item.suggestion!.leadUnitId,
          coUnitIds: leadUnitId === null ? item.suggestion!.coUnitIds : [],
          expectedVersion: item.version,
        })),
      });
      const failed = results.filter((result) => !result.ok);
      const numberOf = (id: number) => items.find((item) => item.id === id)?.number ?? `#${id}`;
      const skipped = chosen.length - rows.length;
      setMessage({
        kind: failed.length ? 'error' : 'success',
        text: [
          t('dsp.done.bulk', { count: results.length - failed.length }),
          skipped ? t('dsp.done.skipped', { count: skipped }) : '',
          ...failed.map((result) => `${numberOf(result.ticketId)}: ${result.error?.message ?? ''}`),
        ]
          .filter(Boolean)
          .join(' '),
      });
      setSelected(new Set());
      setBulkToUnit(false);
      setBulkUnit(null);
      state.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const submitBulkToUnit = (event: FormEvent) => {
    event.preventDefault();
    if (bulkUnit !== null) void bulk(bulkUnit);
  };

  const open = items.find((item) => item.id === openId);
  const total = state.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  return (
    <div className={`dsp-layout${openId !== null ? ' dsp-layout-open' : ''}`}>
      <section className="panel dsp-queue" aria-labelledby="dsp-queue-title">
        <div className="panel-head">
          <h2 id="dsp-queue-title">
            {t('dsp.queue.title')} <span className="badge badge-brand">{format.number(total)}</span>
          </h2>
          <p className="dsp-keys muted">
            <kbd>J</kbd>/<kbd>K</kbd> {t('dsp.keys.move')} · <kbd>Enter</kbd> {t('dsp.keys.open')} ·{' '}
            <kbd>X</kbd> {t('dsp.keys.select')}
          </p>
        </div>
        <div className="dsp-toolbar">
          <label>
            <span className="visually-hidden">{t('tk.field.districtId')}</span>
            <select
              aria-label={t('tk.field.districtId')}
              value={districtId ?? ''}
              onChange={(event) => {
                setDistrictId(Number(event.target.value) || undefined);
                setPage(1);
              }}
            >
              <option value="">{t('dsp.queue.allDistricts')}</option>
              {(names.reference?.districts ?? []).map((district) => (
                <option key={district.id} value={district.id}>
                  {names.en ? district.nameEn : district.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="visually-hidden">{t('tk.field.urgency')}</span>
            <select
              aria-label={t('tk.field.urgency')}
              value={urgency ?? ''}
              onChange={(event) => {
                setUrgency(event.target.value || undefined);
                setPage(1);
              }}
            >
              <option value="">{t('dsp.queue.allUrgencies')}</option>
              {URGENCIES.map((value) => (
                <option key={value} value={value}>
                  {t(`urgency.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="dsp-toolbar-gap" />
          <span className="muted">{t('dsp.bulk.selected', { count: chosen.length })}</span>
          <button
            type="button"
            className="primary"
            disabled={busy || !chosen.some((item) => item.suggestion)}
            onClick={() => void bulk(null)}
          >
            {t('dsp.bulk.toSuggestion')}
          </button>
          <button
            type="button"
            disabled={busy || chosen.length === 0}
            aria-expanded={bulkToUnit}
            onClick={() => setBulkToUnit((value) => !value)}
          >
            {t('dsp.bulk.toUnit')}
          </button>
        </div>
        {bulkToUnit && chosen.length > 0 ? (
          <form className="dsp-bulk-form" onSubmit={submitBulkToUnit}>
            <Field label={t('dsp.bulk.unit', { count: chosen.length })} required>
              <UnitPicker value={bulkUnit} onChange={setBulkUnit} autoFocus />
            </Field>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy || bulkUnit === null}>
                {t('dsp.bulk.submit', { count: chosen.length })}
              </button>
              <button type="button" onClick={() => setBulkToUnit(false)}>
                {t('form.cancel')}
              </button>
            </div>
          </form>
        ) : null}
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        <LoadState state={state} />
        {state.data && items.length === 0 ? <p className="muted">{t('dsp.queue.empty')}</p> : null}
        {items.length > 0 ? (
          <QueueTable
            items={items}
            activeId={activeId}
            openId={openId}
            selected={selected}
            busy={busy}
            rowRefs={rowRefs.current}
            onActivate={setActiveId}
            onToggle={toggle}
            onToggleAll={() =>
              setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))
            }
            onOneClick={(item) => void dispatchToSuggestion(item)}
            onUseRouting={(item, leadUnitId, coUnitIds) =>
              void dispatchToSuggestion({
                ...item,
                suggestion: { versionId: 0, ruleId: 0, ...item.suggestion, leadUnitId, coUnitIds },
              })
            }
            onOpen={(item) => {
              setActiveId(item.id);
              setOpenId(item.id);
            }}
          />
        ) : null}
        {pages > 1 ? (
          <nav className="tk-pager" aria-label={t('tk.list.paging')}>
            <span className="muted">{t('tk.list.page', { page, pages })}</span>
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('list.prev')}
            </button>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('list.next')}
            </button>
          </nav>
        ) : null}
      </section>
      {openId !== null ? (
        <DispatchPanel
          key={openId}
          ticketId={openId}
          suggestion={open?.suggestion}
          onClose={() => setOpenId(null)}
          onDone={(after, how) => {
            setOpenId(null);
            afterDispatch(
              how === 'merge'
                ? t('dsp.done.merged', { number: after.number })
                : t('dsp.done.one', {
                    number: after.number,
                    units: after.leadUnitId !== null ? names.unit(after.leadUnitId) : '',
                  }),
            );
          }}
        />
      ) : null}
    </div>
  );
}
