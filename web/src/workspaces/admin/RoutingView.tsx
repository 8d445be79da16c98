import { useState, type FormEvent } from 'react';
import { api, qs } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { EChart } from '../supervision/dashboard/EChart';
import { useNames } from '../tickets/reference';
import '../dispatch/routing.css';

interface RoutingSettings {
  enabled: boolean;
  threshold: number;
  allowEmergency: boolean;
  excludedCategoryIds: number[];
  changedAt: string | null;
}

interface Figures {
  dispatches: number;
  returns: number;
  returnRate: number | null;
}

interface RoutingReport {
  from: string;
  to: string;
  routerSince: string | null;
  units: Array<{
    unitId: number;
    unitName: string;
    withRouter: Figures;
    withoutRouter: Figures;
    total: Figures;
  }>;
  weeks: Array<Figures & { week: string; withRouter: number; auto: number }>;
  totals: { withRouter: Figures; withoutRouter: Figures; total: Figures };
}

const rate = (f: Figures) => (f.returnRate === null ? '—' : `${(f.returnRate * 100).toFixed(1)}%`);

/** /admin?tab=routing: auto-dispatch settings (智能派单) and the return rate before and after. */
export function RoutingView() {
  return (
    <div className="rt-admin">
      <RoutingSettingsForm />
      <RoutingReportView />
    </div>
  );
}

function RoutingSettingsForm() {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const state = useLoad(
    (signal) =>
      api<RoutingSettings>('GET', '/intelligence/routing/settings', undefined, { signal }),
    [],
  );
  const [draft, setDraft] = useState<RoutingSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = useServerErrors();
  const current = draft ?? state.data;
  if (!current) return <LoadState state={state} />;
  const change = (patch: Partial<RoutingSettings>) => {
    setSaved(false);
    setDraft({ ...current, ...patch });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    try {
      const after = await api<RoutingSettings>('PUT', '/intelligence/routing/settings', {
        enabled: current.enabled,
        threshold: current.threshold,
        allowEmergency: current.allowEmergency,
        excludedCategoryIds: current.excludedCategoryIds,
      });
      setDraft(after);
      setSaved(true);
    } catch (error) {
      errors.capture(error);
    }
  };
  const categories = names.reference?.categories.filter((c) => c.active) ?? [];
  return (
    <form className="panel" onSubmit={(event) => void save(event)} aria-labelledby="rt-settings">
      <h2 id="rt-settings">{t('rt.settings.title')}</h2>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      {saved ? <Notice kind="success">{t('rt.settings.saved')}</Notice> : null}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
        />{' '}
        {t('rt.settings.enabled')}
      </label>
      <Field
        label={t('rt.settings.threshold')}
        hint={t('rt.settings.thresholdHint')}
        error={errors.fieldErrors.threshold}
      >
        <input
          type="number"
          min={0.5}
          max={1}
          step={0.01}
          value={current.threshold}
          onChange={(event) => change({ threshold: Number(event.target.value) })}
        />
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.allowEmergency}
          onChange={(event) => change({ allowEmergency: event.target.checked })}
        />{' '}
        {t('rt.settings.allowEmergency')}
      </label>
      <Field
        label={t('rt.settings.excluded')}
        hint={t('rt.settings.excludedHint')}
        error={errors.fieldErrors.excludedCategoryIds}
      >
        <select
          multiple
          size={6}
          value={current.excludedCategoryIds.map(String)}
          onChange={(event) =>
            change({
              excludedCategoryIds: [...event.target.selectedOptions].map((o) => Number(o.value)),
            })
          }
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {names.category(c.id)}
            </option>
          ))}
        </select>
      </Field>
      <p>
        <button type="submit" className="primary">
          {t('rt.settings.save')}
        </button>{' '}
        {current.changedAt ? (
          <span className="muted">
            {t('rt.settings.changed', { at: format.dateTime(current.changedAt) })}
          </span>
        ) : null}
      </p>
    </form>
  );
}

function RoutingReportView() {
  const t = useT();
  const format = useFormat();
  const [range, setRange] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [asked, setAsked] = useState(range);
  const state = useLoad(
    (signal) =>
      api<RoutingReport>(
        'GET',
        `/intelligence/routing/report${qs({ from: asked.from || null, to: asked.to || null })}`,
        undefined,
        { signal },
      ),
    [asked.from, asked.to],
  );
  const report = state.data;
  const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  return (
    <section className="panel" aria-labelledby="rt-report">
      <h2 id="rt-report">{t('rt.report.title')}</h2>
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(range);
        }}
      >
        <Field label={t('rt.report.from')}>
          <input
            type="date"
            value={range.from}
            onChange={(event) => setRange({ ...range, from: event.target.value })}
          />
        </Field>
        <Field label={t('rt.report.to')}>
          <input
            type="date"
            value={range.to}
            onChange={(event) => setRange({ ...range, to: event.target.value })}
          />
        </Field>
        <button type="submit">{t('rt.report.show')}</button>
      </form>
      <LoadState state={state} />
      {report ? (
        <>
          <p className="muted">
            {report.routerSince
              ? t('rt.report.since', { at: format.dateTime(report.routerSince) })
              : t('rt.report.never')}
          </p>
          {report.weeks.length === 0 ? <p className="muted">{t('rt.report.empty')}</p> : null}
          {report.weeks.length > 0 ? (
            <EChart
              label={t('rt.report.chart')}
              className="rt-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('rt.report.rate'), t('rt.report.dispatches')] },
                xAxis: { type: 'category', data: report.weeks.map((w) => w.week) },
                yAxis: [
                  { type: 'value', name: '%', min: 0 },
                  { type: 'value', name: t('rt.report.dispatches'), min: 0 },
                ],
                series: [
                  {
                    name: t('rt.report.rate'),
                    type: 'line',
                    data: report.weeks.map((w) => percent(w.returnRate)),
                  },
                  {
                    name: t('rt.report.dispatches'),
                    type: 'bar',
                    yAxisIndex: 1,
                    data: report.weeks.map((w) => w.dispatches),
                  },
                ],
              }}
            />
          ) : null}
          <table className="data">
            <caption>{t('rt.report.chart')}</caption>
            <thead>
              <tr>
                <th>{t('rt.report.week')}</th>
                <th>{t('rt.report.dispatches')}</th>
                <th>{t('rt.report.returns')}</th>
                <th>{t('rt.report.rate')}</th>
                <th>{t('rt.report.withRouter')}</th>
                <th>{t('rt.report.auto')}</th>
              </tr>
            </thead>
            <tbody>
              {report.weeks.map((w) => (
                <tr key={w.week}>
                  <td>{w.week}</td>
                  <td>{w.dispatches}</td>
                  <td>{w.returns}</td>
                  <td>{rate(w)}</td>
                  <td>{w.withRouter}</td>
                  <td>{w.auto}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data">
            <thead>
              <tr>
                <th rowSpan={2}>{t('rt.report.unit')}</th>
                <th colSpan={3}>{t('rt.report.withoutRouter')}</th>
                <th colSpan={3}>{t('rt.report.withRouter')}</th>
                <th colSpan={3}>{t('rt.report.total')}</th>
              </tr>
              <tr>
                {[0, 1, 2].map((i) => (
                  <FigureHeads key={i} />
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                ...report.units,
                { unitId: 0, unitName: t('rt.report.total'), ...report.totals },
              ].map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">{u.unitName}</th>
                  <FigureCells f={u.withoutRouter} />
                  <FigureCells f={u.withRouter} />
                  <FigureCells f={u.total} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function FigureHeads() {
  const t = useT();
  return (
    <>
      <th>{t('rt.report.dispatches')}</th>
      <th>{t('rt.report.returns')}</th>
      <th>{t('rt.report.rate')}</th>
    </>
  );
}

function FigureCells({ f }: { f: Figures }) {
  return (
    <>
      <td>{f.dispatches}</td>
      <td>{f.returns}</td>
      <td>{rate(f)}</td>
    </>
  );
}
