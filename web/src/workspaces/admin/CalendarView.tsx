import { useMemo, useRef, useState, type FormEvent } from 'react';
import { api, qs } from '../../api';
import { useI18n, useT } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { Choice } from '../callback/Choice';
import { useAdminErrors } from './admin-api';
import type { CalendarDay, DayKind } from './types';

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) =>
  `${year}-${pad(month + 1)}-${pad(day)}`;
/** 0 = Monday … 6 = Sunday (Chinese calendars start the week on Monday). */
const weekdayOf = (year: number, month: number, day: number) =>
  (new Date(Date.UTC(year, month, day)).getUTCDay() + 6) % 7;
const weekdayOfIso = (date: string) => {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return weekdayOf(year, month - 1, day);
};
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

type Choice3 = DayKind | 'normal';

/**
 * The working-day calendar (节假日与调休): a year of months with public holidays and make-up
 * working days, one day edited at a time, and a whole holiday file imported.
 */
export function CalendarView() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const [year, setYear] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const calendar = useLoad(
    (signal) =>
      api<{ year: number; days: CalendarDay[] }>('GET', `/calendar${qs({ year })}`, undefined, {
        signal,
      }),
    [year],
  );
  const shownYear = calendar.data?.year ?? year;
  const listed = useMemo(
    () => new Map((calendar.data?.days ?? []).map((day) => [day.date, day])),
    [calendar.data],
  );
  const today = format.today();
  const weekdayNames = useMemo(() => {
    const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return Array.from({ length: 7 }, (_, i) => {
      const date = new Date(Date.UTC(2024, 0, 1 + i));
      return { long: long.format(date), short: short.format(date) };
    });
  }, [locale]);
  const monthName = useMemo(
    () => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }),
    [locale],
  );

  const describe = (date: string, weekday: number) => {
    const day = listed.get(date);
    const state = day
      ? t(day.kind === 'holiday' ? 'adm.calendar.holiday' : 'adm.calendar.workday')
      : weekday >= 5
        ? t('adm.calendar.weekend')
        : t('adm.calendar.workingDay');
    return `${date} ${weekdayNames[weekday]?.long ?? ''} ${state}${day?.name ? ` ${day.name}` : ''}`;
  };

  return (
    <div className="adm-calendar">
      <section className="panel" aria-labelledby="adm-calendar-title">
        <div className="panel-head">
          <h2 id="adm-calendar-title">{t('adm.calendar.title', { year: shownYear ?? '' })}</h2>
          <div className="adm-year-nav">
            <button
              type="button"
              disabled={!shownYear}
              onClick={() => shownYear && setYear(shownYear - 1)}
            >
              ‹ {t('adm.calendar.prevYear')}
            </button>
            <button
              type="button"
              disabled={!shownYear}
              onClick={() => shownYear && setYear(shownYear + 1)}
            >
              {t('adm.calendar.nextYear')} ›
            </button>
          </div>
        </div>
        <ul className="adm-legend" aria-label={t('adm.calendar.legend')}>
          <li>
            <span className="adm-swatch adm-day-holiday" aria-hidden="true" />
            {t('adm.calendar.holiday')}
          </li>
          <li>
            <span className="adm-swatch adm-day-workday" aria-hidden="true" />
            {t('adm.calendar.workday')}
          </li>
          <li>
            <span className="adm-swatch adm-day-weekend" aria-hidden="true" />
            {t('adm.calendar.weekend')}
          </li>
        </ul>
        <LoadState state={calendar} />
        {shownYear && calendar.data ? (
          <div className="adm-months">
            {Array.from({ length: 12 }, (_, month) => {
              const lead = weekdayOf(shownYear, month, 1);
              const count = daysIn(shownYear, month);
              const cells: Array<number | null> = [
                ...Array.from({ length: lead }, () => null),
                ...Array.from({ length: count }, (_, i) => i + 1),
              ];
              const weeks: Array<Array<number | null>> = [];
              for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
              return (
                <table key={month} className="adm-month">
                  <caption>{monthName.format(new Date(Date.UTC(shownYear, month, 1)))}</caption>
                  <thead>
                    <tr>
                      {weekdayNames.map((name, i) => (
                        <th key={i} scope="col" abbr={name.long}>
                          {name.short}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {weeks.map((week, w) => (
                      <tr key={w}>
                        {Array.from({ length: 7 }, (_, i) => {
                          const day = week[i];
                          if (!day) return <td key={i} />;
                          const date = isoDate(shownYear, month, day);
                          const entry = listed.get(date);
                          const kind = entry?.kind ?? (i >= 5 ? 'weekend' : 'normal');
                          return (
                            <td key={i}>
                              <button
                                type="button"
                                className={`adm-day adm-day-${kind}${date === today ? ' adm-day-today' : ''}`}
                                aria-label={describe(date, i)}
                                aria-pressed={date === selected}
                                title={entry?.name ?? undefined}
                                onClick={() => setSelected(date)}
                              >
                                {day}
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              );
            })}
          </div>
        ) : null}
      </section>
      <div className="adm-calendar-side">
        {selected ? (
          <DayEditor
            key={selected}
            date={selected}
            day={listed.get(selected)}
            label={describe(selected, weekdayOfIso(selected))}
            onSaved={calendar.reload}
          />
        ) : (
          <section className="panel">
            <p className="muted">{t('adm.calendar.pick')}</p>
          </section>
        )}
        <section className="panel" aria-labelledby="adm-calendar-list">
          <h2 id="adm-calendar-list">{t('adm.calendar.listed', { count: listed.size })}</h2>
          <div className="adm-scroll adm-day-list">
            <table className="data">
              <tbody>
                {(calendar.data?.days ?? []).map((day) => (
                  <tr key={day.date}>
                    <td>
                      <button type="button" className="link" onClick={() => setSelected(day.date)}>
                        {day.date}
                      </button>
                    </td>
                    <td>
                      <span
                        className={
                          day.kind === 'holiday' ? 'badge badge-danger' : 'badge adm-badge-workday'
                        }
                      >
                        {t(
                          day.kind === 'holiday' ? 'adm.calendar.holiday' : 'adm.calendar.workday',
                        )}
                      </span>
                    </td>
                    <td>{day.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <CalendarImport onDone={calendar.reload} />
      </div>
    </div>
  );
}

/** One day: a holiday (放假), a make-up working day (调休上班) or an ordinary day again. */
function DayEditor({
  date,
  day,
  label,
  onSaved,
}: {
  date: string;
  day: CalendarDay | undefined;
  label: string;
  onSaved: () => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<Choice3>(day?.kind ?? 'normal');
  const [name, setName] = useState(day?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setNotice(null);
    setBusy(true);
    try {
      if (kind === 'normal') {
        if (day) await api('DELETE', `/calendar/days/${date}`);
      } else await api('PUT', `/calendar/days/${date}`, { kind, name: name.trim() || null });
      setNotice(t('adm.calendar.saved', { date }));
      onSaved();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="adm-day-title">
      <h2 id="adm-day-title">{t('adm.calendar.editDay', { date })}</h2>
      <p className="muted adm-day-label">{label}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <Choice<Choice3>
          name="kind"
          legend={t('adm.calendar.kind')}
          options={[
            { value: 'holiday', label: t('adm.calendar.holiday') },
            { value: 'workday', label: t('adm.calendar.workday') },
            { value: 'normal', label: t('adm.calendar.normal') },
          ]}
          value={kind}
          onChange={setKind}
          error={fieldErrors.kind}
          hint={t('adm.calendar.kindHint')}
        />
        {kind !== 'normal' ? (
          <Field
            label={t('adm.calendar.name')}
            error={fieldErrors.name}
            hint={t('adm.calendar.nameHint')}
          >
            <input
              name="name"
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A holiday file (the shape of the shipped cn-public-holidays.json) replaces its years. */
function CalendarImport({ onDone }: { onDone: () => void }) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { fieldErrors, formError, clear, capture, setFieldErrors } = useAdminErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setNotice(null);
    const chosen = file.current?.files?.[0];
    if (!chosen) return setFieldErrors({ file: t('adm.csv.chooseFile') });
    let json: unknown;
    try {
      json = JSON.parse(await chosen.text());
    } catch {
      return setFieldErrors({ file: t('adm.calendar.notJson') });
    }
    setBusy(true);
    try {
      const result = await api<{ years: number[]; days: number }>('POST', '/calendar/import', json);
      setNotice(
        t('adm.calendar.imported', {
          years: result.years.join(t('adm.listSeparator')),
          days: result.days,
        }),
      );
      if (file.current) file.current.value = '';
      onDone();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };
  // Any problem the server names lies inside the file: it is shown next to the file.
  const problem = fieldErrors.file ?? Object.values(fieldErrors)[0];
  return (
    <section className="panel" aria-labelledby="adm-calendar-import">
      <h2 id="adm-calendar-import">{t('adm.calendar.import')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <Field label={t('adm.calendar.file')} error={problem} hint={t('adm.calendar.importHint')}>
          <input ref={file} name="file" type="file" accept=".json,application/json" />
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('adm.csv.running') : t('adm.calendar.importSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
