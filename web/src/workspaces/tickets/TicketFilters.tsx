import { useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { Field } from '../../ui/forms';
import { UnitPicker } from '../dispatch/UnitPicker';
import { go, type TicketFilter } from './list-query';
import { useNames } from './reference';
import { CHANNELS, OPEN_STATUSES, TICKET_SORTS, TICKET_STATUSES, URGENCIES } from './types';

/** The status choice: one status, or every open one. */
function statusValue(filter: TicketFilter): string {
  const list = filter.status ?? [];
  if (list.length === 0) return '';
  if (list.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => list.includes(s)))
    return 'open';
  return list[0] ?? '';
}

/** Search words and filters, kept in the address (every change reloads the list). */
export function TicketFilters({ filter }: { filter: TicketFilter }) {
  const t = useT();
  const names = useNames();
  const [q, setQ] = useState(filter.q ?? '');
  const set = (patch: Partial<TicketFilter>) => go({ ...filter, ...patch, page: undefined });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ q: q.trim() || undefined });
  };
  const categories = names.reference?.categories.filter((c) => c.active) ?? [];
  return (
    <form
      className="panel tk-filters"
      role="search"
      onSubmit={submit}
      aria-label={t('tk.list.filters')}
    >
      <div className="tk-search-row">
        <Field label={t('tk.filter.q')} className="tk-q">
          <input
            type="search"
            value={q}
            placeholder={t('tk.filter.qPlaceholder')}
            onChange={(event) => setQ(event.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('form.search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setQ('');
              go({});
            }}
          >
            {t('form.clear')}
          </button>
        </div>
      </div>
      <div className="form-row">
        <Field label={t('tk.field.status')}>
          <select
            value={statusValue(filter)}
            onChange={(event) => {
              const value = event.target.value;
              set({
                status:
                  value === 'open'
                    ? [...OPEN_STATUSES]
                    : value
                      ? [value as (typeof TICKET_STATUSES)[number]]
                      : undefined,
              });
            }}
          >
            <option value="">{t('tk.filter.all')}</option>
            <option value="open">{t('tk.filter.open')}</option>
            {TICKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tk.field.categoryId')}>
          <select
            value={filter.categoryId ?? ''}
            onChange={(event) => set({ categoryId: Number(event.target.value) || undefined })}
          >
            <option value="">{t('tk.filter.all')}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {'\u3000'.repeat(category.level - 1)}
                {names.en ? category.nameEn : category.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tk.field.districtId')}>
          <select
            value={filter.districtId ?? ''}
            onChange={(event) => set({ districtId: Number(event.target.value) || undefined })}
          >
            <option value="">{t('tk.filter.all')}</option>
            {(names.reference?.districts ?? []).map((district) => (
              <option key={district.id} value={district.id}>
                {names.en ? district.nameEn : district.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tk.filter.unit')}>
          <UnitPicker
            value={filter.unitId ?? null}
            // Only a pick changes the list: typing alone must not reload the page under the user.
            onChange={(unitId) => unitId !== null && unitId !== filter.unitId && set({ unitId })}
          />
        </Field>
        {filter.unitId ? (
          <div className="field tk-check">
            <button type="button" className="link" onClick={() => set({ unitId: undefined })}>
              {t('tk.filter.anyUnit')}
            </button>
          </div>
        ) : null}
        <Field label={t('tk.field.channel')}>
          <select
            value={filter.channel ?? ''}
            onChange={(event) => set({ channel: event.target.value || undefined })}
          >
            <option value="">{t('tk.filter.all')}</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tk.field.urgency')}>
          <select
            value={filter.urgency ?? ''}
            onChange={(event) => set({ urgency: event.target.value || undefined })}
          >
            <option value="">{t('tk.filter.all')}</option>
            {URGENCIES.map((urgency) => (
              <option key={urgency} value={urgency}>
                {t(`urgency.${urgency}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tk.filter.from')}>
          <input
            type="date"
            value={filter.createdFrom ?? ''}
            onChange={(event) => set({ createdFrom: event.target.value || undefined })}
          />
        </Field>
        <Field label={t('tk.filter.to')}>
          <input
            type="date"
            value={filter.createdTo ?? ''}
            onChange={(event) => set({ createdTo: event.target.value || undefined })}
          />
        </Field>
        <Field label={t('tk.filter.sort')}>
          <select
            value={`${filter.sort ?? 'createdAt'}:${filter.order ?? 'desc'}`}
            onChange={(event) => {
              const [sort, order] = event.target.value.split(':') as [
                TicketFilter['sort'],
                'asc' | 'desc',
              ];
              set({ sort, order });
            }}
          >
            {TICKET_SORTS.flatMap((sort) =>
              (['desc', 'asc'] as const).map((order) => (
                <option key={`${sort}:${order}`} value={`${sort}:${order}`}>
                  {t(`tk.sort.${sort}` as MessageKey)} {order === 'desc' ? '↓' : '↑'}
                </option>
              )),
            )}
          </select>
        </Field>
        <div className="field tk-check">
          <label>
            <input
              type="checkbox"
              checked={filter.overdue === true}
              onChange={(event) => set({ overdue: event.target.checked || undefined })}
            />{' '}
            {t('tk.filter.overdue')}
          </label>
        </div>
      </div>
    </form>
  );
}
