import { useT, type MessageKey, type Translate } from '../../i18n';
import { Link } from '../../router';
import { useUser } from '../../session';
import { useFormat } from '../../settings';
import { useNames } from './reference';
import type { Changes, TicketEvent } from './types';
import { SUPERVISION_EVENTS, supervisionEventParts } from '../supervision/timeline-details';
import { autoDispatchParts } from '../dispatch/routing-words';

/** Event types with a label of their own (tk.event.<type>); others show their code. */
const KNOWN_EVENTS = new Set([
  'created',
  'contact_attached',
  'accept',
  'direct_answer',
  'refer',
  'invalidate',
  'dispatch',
  'reassign',
  'sign',
  'co_signed',
  'request_return',
  'accept_return',
  'refuse_return',
  'request_extension',
  'decide_extension',
  'reply',
  'co_replied',
  'callback',
  'reopen',
  'close',
  'merge',
  'follow_parent',
  'attachment_added',
  ...SUPERVISION_EVENTS,
]);

/** Fields of before/after with a label (tk.field.<name>); long texts are shown on their own. */
const KNOWN_FIELDS = new Set([
  'status',
  'leadUnitId',
  'dispatchedAt',
  'signDueAt',
  'replyDueAt',
  'signedAt',
  'repliedAt',
  'callbackDueAt',
  'closedAt',
  'resolution',
  'parentId',
  'categoryId',
  'districtId',
  'streetId',
  'urgency',
  'channel',
  'appealType',
  'confidential',
  'contactRequired',
  'returnCount',
  'reopenCount',
  'assignment',
]);
// The catalogue trace is told in words by the event's details (按派单目录 or not).
const SKIPPED_FIELDS = new Set([
  'replyText',
  'version',
  'updatedAt',
  'catalogueVersionId',
  'catalogueRuleId',
]);

/** The label of an event: a dispatch after an accepted return is a redistribution (改派). */
export function eventLabel(t: Translate, event: TicketEvent, afterReturn: boolean): string {
  if (event.type === 'dispatch' && afterReturn) return t('tk.event.redispatch');
  return KNOWN_EVENTS.has(event.type)
    ? t(`tk.event.${event.type}` as MessageKey)
    : event.type.replaceAll('_', ' ');
}

type Names = ReturnType<typeof useNames>;

function useValueFormatter() {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  return (field: string, value: unknown): string => formatValue(t, format, names, field, value);
}

function formatValue(
  t: Translate,
  format: ReturnType<typeof useFormat>,
  names: Names,
  field: string,
  value: unknown,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('tk.yes') : t('tk.no');
  if (field.endsWith('At') && typeof value === 'string') return format.dateTime(value);
  if (typeof value === 'number') {
    if (field === 'categoryId') return names.category(value);
    if (
      field.endsWith('UnitId') ||
      field === 'districtId' ||
      field === 'streetId' ||
      field === 'unitId'
    )
      return names.unit(value);
  }
  if (typeof value === 'string') {
    const key = {
      status: 'status',
      urgency: 'urgency',
      channel: 'channel',
      appealType: 'appealType',
      resolution: 'tk.resolution',
    }[field];
    if (key) return t(`${key}.${value}` as MessageKey);
    return value;
  }
  if (field === 'assignment' && typeof value === 'object') {
    const a = value as { unitId?: number; role?: string; state?: string };
    return [
      names.unit(a.unitId),
      a.role ? t(`tk.role.${a.role}` as MessageKey) : '',
      a.state ? t(`tk.assignmentState.${a.state}` as MessageKey) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return JSON.stringify(value);
}

/** before → after, field by field, for the fields that changed. */
function ChangeList({ before, after }: { before: Changes; after: Changes }) {
  const t = useT();
  const show = useValueFormatter();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (key) =>
      !SKIPPED_FIELDS.has(key) &&
      JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null),
  );
  if (keys.length === 0) return null;
  return (
    <dl className="tk-changes">
      {keys.map((key) => (
        <div key={key}>
          <dt>{KNOWN_FIELDS.has(key) ? t(`tk.field.${key}` as MessageKey) : key}</dt>
          <dd>
            {before && key in before ? (
              <>
                <del>{show(key, before[key])}</del>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden"> {t('tk.changedTo')} </span>
              </>
            ) : null}
            <ins>{show(key, after?.[key])}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What an event's data adds in words: units of a dispatch, answers of a callback, days asked. */
function EventDetails({ event }: { event: TicketEvent }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const data = event.data ?? {};
  const parts: string[] = [];
  const num = (key: string) => {
    const value = data[key];
    return typeof value === 'number' ? value : null;
  };
  const bool = (key: string) => {
    const value = data[key];
    return typeof value === 'boolean' ? value : null;
  };
  switch (event.type) {
    case 'dispatch':
    case 'reassign': {
      const lead = num('leadUnitId');
      const co = Array.isArray(data.coUnitIds) ? (data.coUnitIds as number[]) : [];
      parts.push(...autoDispatchParts(t, data));
      if (lead !== null) parts.push(t('tk.detail.lead', { unit: names.unit(lead) }));
      if (co.length)
        parts.push(t('tk.detail.co', { units: co.map((id) => names.unit(id)).join('、') }));
      if (data.followsCatalogue === true) parts.push(t('tk.detail.followsCatalogue'));
      else if (data.suggestion && typeof data.suggestion === 'object') {
        const suggested = (data.suggestion as { leadUnitId?: number }).leadUnitId;
        parts.push(t('tk.detail.notCatalogue', { unit: names.unit(suggested) }));
      }
      break;
    }
    case 'sign':
    case 'reply':
      if (num('unitId') !== null) parts.push(names.unit(num('unitId')));
      break;
    case 'request_extension':
      if (num('workingDays') !== null)
        parts.push(t('tk.detail.workingDays', { days: num('workingDays')! }));
      if (typeof data.requestedDueAt === 'string')
        parts.push(t('tk.detail.requestedDue', { at: format.dateTime(data.requestedDueAt) }));
      break;
    case 'decide_extension':
      if (typeof data.decision === 'string')
        parts.push(t(`tk.decision.${data.decision}` as MessageKey));
      if (num('workingDays') !== null)
        parts.push(t('tk.detail.workingDays', { days: num('workingDays')! }));
      break;
    case 'callback': {
      const contacted = bool('contacted');
      const resolved = bool('resolved');
      if (contacted !== null)
        parts.push(contacted ? t('tk.callback.contacted') : t('tk.callback.notContacted'));
      if (resolved !== null)
        parts.push(resolved ? t('tk.callback.resolved') : t('tk.callback.unresolved'));
      if (typeof data.satisfaction === 'string')
        parts.push(t(`tk.satisfaction.${data.satisfaction}` as MessageKey));
      if (data.reopen === true) parts.push(t('tk.callback.reopen'));
      break;
    }
    case 'attachment_added':
      if (typeof data.mime === 'string') parts.push(data.mime);
      if (num('size') !== null) parts.push(formatSize(num('size')!));
      break;
    default:
      parts.push(...supervisionEventParts(t, format.dateTime, names.unit, event));
      break;
  }
  const parentId = num('parentId');
  const parentNumber = typeof data.parentNumber === 'string' ? data.parentNumber : null;
  if (parts.length === 0 && parentId === null) return null;
  return (
    <p className="tk-event-details">
      {parts.join(' · ')}
      {parentId !== null ? (
        <>
          {parts.length ? ' · ' : ''}
          {t('tk.detail.parent')}{' '}
          <Link to={`/tickets/${parentId}`}>{parentNumber ?? `#${parentId}`}</Link>
        </>
      ) : null}
    </p>
  );
}

/** The text a reply (or a co-handler's part) gave, kept in the event. */
function replyTextOf(event: TicketEvent): string | null {
  if (event.type === 'reply' && typeof event.after?.replyText === 'string')
    return event.after.replyText;
  if (event.type === 'co_replied' && typeof event.data?.text === 'string') return event.data.text;
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The whole history of a ticket, oldest first: who (unit, person), when, what, why, before → after. */
export function Timeline({ events }: { events: TicketEvent[] }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const user = useUser();
  let afterReturn = false;
  return (
    <ol className="tk-timeline">
      {events.map((event) => {
        const label = eventLabel(t, event, afterReturn);
        if (event.type === 'accept_return') afterReturn = true;
        if (event.type === 'dispatch') afterReturn = false;
        const actor =
          event.actorId === null
            ? t('tk.actor.system')
            : event.actorId === user.id
              ? t('tk.actor.me')
              : (event.actorName ?? t('tk.actor.user', { id: event.actorId }));
        return (
          <li key={event.id} className={`tk-event tk-event-${event.type}`}>
            <div className="tk-event-head">
              <strong className="tk-event-type">{label}</strong>
              <time dateTime={event.at}>{format.dateTime(event.at)}</time>
              <span className="muted">
                {event.actorUnitId !== null
                  ? `${event.actorUnitName ?? names.unit(event.actorUnitId)} · `
                  : ''}
                {actor}
              </span>
            </div>
            {event.reason ? (
              <p className="tk-event-reason">
                <span className="muted">{t('tk.reason')}</span> {event.reason}
              </p>
            ) : null}
            <EventDetails event={event} />
            {replyTextOf(event) ? (
              <blockquote className="tk-event-text">{replyTextOf(event)}</blockquote>
            ) : null}
            <ChangeList before={event.before} after={event.after} />
          </li>
        );
      })}
    </ol>
  );
}
