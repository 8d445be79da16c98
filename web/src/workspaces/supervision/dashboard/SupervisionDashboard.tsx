import { useMemo, useState } from 'react';
import { useI18n } from '../../../i18n';
import { Link } from '../../../router';
import { useFormat } from '../../../settings';
import { LoadState, useLoad } from '../../../ui/data';
import { CategoryChart, TrendChart } from './Charts';
import {
  dashboardApi,
  MEASURE_NAMES,
  MEASURES,
  reportUrl,
  valueOf,
  type Dimension,
  type Filters,
  type Measure,
  type MeasureRow,
} from './dashboard-api';
import { DrillDown, type DrillTarget } from './DrillDown';
import { useMeasureFormat } from './format';
import { KeyFigures } from './KeyFigures';
import { MeasureMap } from './MeasureMap';
import { MeasuresTable } from './MeasuresTable';
import {
  addDays,
  monthPeriod,
  previousPeriod,
  rankingMonth,
  weekOf,
  weekPeriod,
  type Period,
  type PeriodKind,
} from './period';
import { RankingTables } from './RankingTables';
import './dashboard.css';

type Granularity = 'day' | 'week' | 'month';

/**
 * The supervision dashboard (数据看板): a period's key figures against the previous period, a
 * trend, the categories, the district map, the measures per district (or per unit in a
 * district) and the month's ranking; every figure lists the tickets behind it. With a
 * `districtId` (a coordinator) everything is that district's.
 */
export default function SupervisionDashboard({
  districtId,
  canPublish,
  lists,
}: {
  districtId: number | null;
  canPublish: boolean;
  /** Where the overdue and near lists are. */
  lists: { overdue: string; near: string };
}) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const f = useMeasureFormat();
  const today = format.today();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [week, setWeek] = useState(weekOf(today));
  const [range, setRange] = useState<Period>({ from: addDays(today, -29), to: today });
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [trendMeasure, setTrendMeasure] = useState<Measure>('satisfactionRate');
  const [mapMeasure, setMapMeasure] = useState<Measure>('compositeScore');
  const [categoryMeasure, setCategoryMeasure] = useState<Measure>('contacts');
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const period: Period = useMemo(() => {
    if (kind === 'week' && /^\d{4}-W\d\d$/.test(week)) return weekPeriod(week);
    if (kind === 'range' && range.from && range.to && range.from <= range.to) return range;
    return monthPeriod(/^\d{4}-\d\d$/.test(month) ? month : today.slice(0, 7));
  }, [kind, month, week, range, today]);
  const previous = previousPeriod(period);
  const filters: Filters = districtId === null ? {} : { districtId };
  const breakdown: Dimension = districtId === null ? 'district' : 'unit';

  const data = useLoad(
    async (signal) => {
      const ask = (p: Period, by: Dimension) =>
        dashboardApi.measures({ ...filters, ...p, by }, signal);
      const [main, before, trend, categories] = await Promise.all([
        ask(period, breakdown),
        ask(previous, breakdown),
        ask(period, granularity),
        ask(period, 'category'),
      ]);
      return { main, before, trend, categories };
    },
    [period.from, period.to, granularity, districtId],
  );

  const rowName = (row: MeasureRow) => (locale === 'en' ? (row.labelEn ?? row.label) : row.label);
  const drillTo = (measure: Measure, row: MeasureRow | null, by?: Dimension) => {
    const source = row ?? data.data?.main.total;
    const value = source ? f.value(measure, valueOf(source, measure)) : '';
    setDrill({
      title: [row ? rowName(row) : null, `${f.label(measure)} ${value}`]
        .filter(Boolean)
        .join(' · '),
      query: {
        ...filters,
        count: MEASURES[measure].basis,
        from: period.from,
        to: period.to,
        ...(row && by ? { by, key: row.key } : {}),
      },
    });
  };
  const exportQuery = { ...filters, from: period.from, to: period.to };
  const reportMonth = rankingMonth(period);
  const measureSelect = (value: Measure, set: (m: Measure) => void, id: string) => (
    <label className="svd-measure-select">
      {t('svd.measure')}{' '}
      <select id={id} value={value} onChange={(event) => set(event.target.value as Measure)}>
        {MEASURE_NAMES.map((name) => (
          <option key={name} value={name}>
            {f.label(name)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="svd">
      <form
        className="svd-toolbar"
        aria-label={t('svd.period')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('svd.period.kind')}{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as PeriodKind)}>
            <option value="month">{t('svd.period.month')}</option>
            <option value="week">{t('svd.period.week')}</option>
            <option value="range">{t('svd.period.range')}</option>
          </select>
        </label>
        {kind === 'month' ? (
          <label>
            {t('svd.period.monthInput')}{' '}
            <input
              type="month"
              value={month}
              max={today.slice(0, 7)}
              onChange={(e) => setMonth(e.target.value)}
            />
          </label>
        ) : null}
        {kind === 'week' ? (
          <label>
            {t('svd.period.weekInput')}{' '}
            <input type="week" value={week} onChange={(e) => setWeek(e.target.value)} />
          </label>
        ) : null}
        {kind === 'range' ? (
          <>
            <label>
              {t('svd.period.from')}{' '}
              <input
                type="date"
                value={range.from}
                onChange={(e) => setRange({ ...range, from: e.target.value })}
              />
            </label>
            <label>
              {t('svd.period.to')}{' '}
              <input
                type="date"
                value={range.to}
                onChange={(e) => setRange({ ...range, to: e.target.value })}
              />
            </label>
          </>
        ) : null}
        <label>
          {t('svd.granularity')}{' '}
          <select
            value={granularity}
            onChange={(event) => setGranularity(event.target.value as Granularity)}
          >
            {(['day', 'week', 'month'] as const).map((each) => (
              <option key={each} value={each}>
                {t(`svd.granularity.${each}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="svd-report" role="group" aria-label={t('svd.report')}>
          <span className="muted">
            {t('svd.report')} {reportMonth}:
          </span>{' '}
          <a
            className="button"
            href={reportUrl(reportMonth, 'html', { lang: locale, ...filters })}
            target="_blank"
            rel="noreferrer"
          >
            {t('svd.report.html')}
          </a>
          <a
            className="button"
            href={reportUrl(reportMonth, 'pdf', { lang: locale, ...filters })}
            download
          >
            {t('svd.report.pdf')}
          </a>
        </span>
      </form>
      <p className="muted svd-showing">
        {t('svd.period.showing', {
          from: period.from,
          to: period.to,
          prevFrom: previous.from,
          prevTo: previous.to,
        })}
      </p>
      <LoadState state={data} />
      {data.data ? (
        <>
          <KeyFigures
            current={data.data.main.total}
            previous={data.data.before.total}
            onDrill={(measure) => drillTo(measure, null)}
          />
          <nav className="svd-lists" aria-label={t('svd.lists')}>
            <Link to={lists.overdue}>{t('svd.lists.overdue')}</Link>
            <Link to={lists.near}>{t('svd.lists.near')}</Link>
          </nav>
          <div className="svd-grid">
            <section className="panel" aria-labelledby="svd-trend-title">
              <div className="panel-head">
                <h3 id="svd-trend-title">{t('svd.trend')}</h3>
                {measureSelect(trendMeasure, setTrendMeasure, 'svd-trend-measure')}
              </div>
              <TrendChart
                rows={data.data.trend.rows}
                measure={trendMeasure}
                onPick={(row) => drillTo(trendMeasure, row, granularity)}
              />
            </section>
            {districtId === null ? (
              <section className="panel" aria-labelledby="svd-map-title">
                <div className="panel-head">
                  <h3 id="svd-map-title">{t('svd.map')}</h3>
                  {measureSelect(mapMeasure, setMapMeasure, 'svd-map-measure')}
                </div>
                <MeasureMap
                  rows={data.data.main.rows}
                  measure={mapMeasure}
                  onPick={(row) => drillTo(mapMeasure, row, 'district')}
                />
              </section>
            ) : null}
            <section
              className={districtId === null ? 'panel svd-wide' : 'panel'}
              aria-labelledby="svd-categories-title"
            >
              <div className="panel-head">
                <h3 id="svd-categories-title">{t('svd.categories')}</h3>
                {measureSelect(categoryMeasure, setCategoryMeasure, 'svd-category-measure')}
              </div>
              <CategoryChart
                rows={data.data.categories.rows}
                measure={categoryMeasure}
                onPick={(row) => drillTo(categoryMeasure, row, 'category')}
              />
            </section>
          </div>
          <MeasuresTable
            title={t(districtId === null ? 'svd.table.districts' : 'svd.table.units')}
            data={data.data.main}
            exportQuery={exportQuery}
            onDrill={(row, measure, by) => drillTo(measure, row, by)}
          />
          <MeasuresTable
            title={t('svd.table.categories')}
            data={data.data.categories}
            exportQuery={exportQuery}
            onDrill={(row, measure, by) => drillTo(measure, row, by)}
          />
        </>
      ) : null}
      <RankingTables
        month={reportMonth}
        canPublish={canPublish}
        onDrill={(row, measure) => {
          const monthRange = monthPeriod(reportMonth);
          const unit = locale === 'en' ? (row.unitNameEn ?? row.unitName) : row.unitName;
          setDrill({
            title: `${unit} · ${reportMonth} · ${f.label(measure)}`,
            query: {
              ...filters,
              count: MEASURES[measure].basis,
              ...monthRange,
              by: 'unit',
              key: String(row.unitId),
            },
          });
        }}
      />
      {drill ? (
        <DrillDown
          key={JSON.stringify(drill.query)}
          target={drill}
          onClose={() => setDrill(null)}
        />
      ) : null}
    </div>
  );
}
