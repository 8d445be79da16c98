import { Fragment, useState } from 'react';
import { api, qs } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';

/** GET /intelligence/reply-quality/units: a unit's replies in the period, averaged. */
interface UnitReplyQuality {
  unitId: number;
  unitName: string;
  count: number;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  belowShare: number;
}

/** A scored reply in a unit's drill-down. */
interface ScoredReply {
  ticketId: number;
  number: string;
  title: string;
  repliedAt: string;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: string;
  hints: string[];
}

const SCORES = ['relevance', 'completeness', 'explanation', 'overall'] as const;

/** yyyy-mm-dd of a date (the browser's day). */
const day = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The period as the API takes it: from the start of `from` to the end of `to`. */
function period(from: string, to: string) {
  const end = new Date(`${to}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { from: new Date(`${from}T00:00:00`).toISOString(), to: end.toISOString() };
}

/**
 * Reply quality per handling unit (答复质量): replies sent in a period, their average relevance,
 * completeness and explanation, and the share below a threshold; each unit opens its tickets.
 */
export function ReplyQualityPanel() {
  const t = useT();
  const format = useFormat();
  const today = new Date();
  const [from, setFrom] = useState(day(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(day(today));
  const [below, setBelow] = useState(60);
  const [open, setOpen] = useState<number | null>(null);
  const range = from && to && from <= to ? period(from, to) : null;
  const figures = useLoad(
    (signal) =>
      range
        ? api<{ below: number; items: UnitReplyQuality[] }>(
            'GET',
            `/intelligence/reply-quality/units${qs({ ...range, below })}`,
            undefined,
            { signal },
          )
        : Promise.resolve({ below, items: [] }),
    [range?.from, range?.to, below],
  );
  return (
    <section aria-labelledby="rq-units-title">
      <h2 id="rq-units-title">{t('rq.units.title')}</h2>
      <form className="sv-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('rq.units.from')}{' '}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('rq.units.to')}{' '}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('rq.units.below')}{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={below}
            onChange={(e) => setBelow(Math.min(100, Math.max(1, Number(e.target.value) || 60)))}
          />
        </label>
      </form>
      <LoadState state={figures} />
      {figures.data && figures.data.items.length === 0 ? (
        <p className="muted">{t('rq.units.none')}</p>
      ) : null}
      {figures.data && figures.data.items.length > 0 && range ? (
        <table className="data sv-table" aria-label={t('rq.units.title')}>
          <thead>
            <tr>
              <th>{t('rq.col.unit')}</th>
              <th>{t('rq.col.count')}</th>
              {SCORES.map((kind) => (
                <th key={kind}>{t(`rq.score.${kind}` as MessageKey)}</th>
              ))}
              <th>{t('rq.col.belowShare', { below: figures.data.below })}</th>
            </tr>
          </thead>
          <tbody>
            {figures.data.items.map((unit) => (
              <Fragment key={unit.unitId}>
                <tr>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === unit.unitId}
                      aria-label={t('rq.drill.show', { unit: unit.unitName })}
                      onClick={() => setOpen(open === unit.unitId ? null : unit.unitId)}
                    >
                      {unit.unitName}
                    </button>
                  </td>
                  <td>{unit.count}</td>
                  {SCORES.map((kind) => (
                    <td key={kind}>{unit[kind]}</td>
                  ))}
                  <td>{format.percent(unit.belowShare)}</td>
                </tr>
                {open === unit.unitId ? (
                  <tr className="co-form-row">
                    <td colSpan={SCORES.length + 3}>
                      <UnitReplies unit={unit} range={range} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** A unit's scored replies in the period, the weakest first, each linking to its ticket. */
function UnitReplies({
  unit,
  range,
}: {
  unit: UnitReplyQuality;
  range: { from: string; to: string };
}) {
  const t = useT();
  const format = useFormat();
  const list = useLoad(
    (signal) =>
      api<{ items: ScoredReply[] }>(
        'GET',
        `/intelligence/reply-quality/units/${unit.unitId}/tickets${qs(range)}`,
        undefined,
        { signal },
      ),
    [unit.unitId, range.from, range.to],
  );
  const title = t('rq.drill.title', { unit: unit.unitName });
  return (
    <>
      <LoadState state={list} />
      {list.data ? (
        <table className="data" aria-label={title}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th>{t('rq.col.ticket')}</th>
              <th>{t('rq.col.repliedAt')}</th>
              {SCORES.map((kind) => (
                <th key={kind}>{t(`rq.score.${kind}` as MessageKey)}</th>
              ))}
              <th>{t('rq.col.hints')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((reply, i) => (
              <tr key={`${reply.ticketId}:${i}`}>
                <td>
                  <Link to={`/tickets/${reply.ticketId}`}>{reply.number}</Link>
                  <div className="muted">{reply.title}</div>
                </td>
                <td className="nowrap">{format.dateTime(reply.repliedAt)}</td>
                {SCORES.map((kind) => (
                  <td key={kind}>{reply[kind]}</td>
                ))}
                <td>
                  {[...new Set(reply.hints)]
                    .map((code) => t(`rq.hint.short.${code}` as MessageKey))
                    .join('、')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
