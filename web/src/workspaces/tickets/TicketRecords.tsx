import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { StatusBadge } from './badges';
import { useNames } from './reference';
import type { TicketRequestRecord } from './ticket-requests';
import { formatSize } from './Timeline';
import type { Attachment, TicketEvent, TicketListItem, TicketView } from './types';

// The ticket page's records: who handles it, what they asked, merges, callbacks and files.

/** The lead unit and co-handlers, current and withdrawn, with their states. */
export function AssignmentSection({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const rows = [...ticket.assignments].sort(
    (a, b) =>
      Number(a.state === 'withdrawn') - Number(b.state === 'withdrawn') ||
      (a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1),
  );
  return (
    <section className="panel" aria-labelledby="tk-assignments">
      <h2 id="tk-assignments">{t('tk.section.assignments')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('tk.assignments.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('tk.col.unit')}</th>
              <th>{t('tk.col.role')}</th>
              <th>{t('tk.col.state')}</th>
              <th>{t('tk.field.dispatchedAt')}</th>
              <th>{t('tk.field.signedAt')}</th>
              <th>{t('tk.field.repliedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} className={a.state === 'withdrawn' ? 'tk-withdrawn' : undefined}>
                <td>
                  {names.unit(a.unitId)}
                  {a.replyText ? <p className="tk-part">{a.replyText}</p> : null}
                </td>
                <td className="nowrap">{t(`tk.role.${a.role}` as MessageKey)}</td>
                <td className="nowrap">
                  <span className={a.state === 'replied' ? 'badge badge-ok' : 'badge'}>
                    {t(`tk.assignmentState.${a.state}` as MessageKey)}
                  </span>
                </td>
                <td className="nowrap">{format.dateTime(a.dispatchedAt)}</td>
                <td className="nowrap">{format.dateTime(a.signedAt)}</td>
                <td className="nowrap">{format.dateTime(a.repliedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Return and extension requests, with their outcome. */
export function RequestSection({ requests }: { requests: TicketRequestRecord[] }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  if (requests.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="tk-requests">
      <h2 id="tk-requests">{t('tk.section.requests')}</h2>
      <ul className="list-plain tk-requests">
        {requests.map((r) => (
          <li key={r.requestId}>
            <div>
              <strong>{t(`tk.request.${r.kind}` as MessageKey)}</strong>{' '}
              <span className={r.outcome === 'pending' ? 'badge badge-warn' : 'badge'}>
                {t(`tk.outcome.${r.outcome}` as MessageKey)}
              </span>{' '}
              <span className="muted">
                {names.unit(r.unitId)} · {format.dateTime(r.at)}
              </span>
            </div>
            {r.kind === 'extension' && r.workingDays !== null ? (
              <div className="muted">{t('tk.detail.workingDays', { days: r.workingDays })}</div>
            ) : null}
            {r.reason ? <div>{r.reason}</div> : null}
            {r.decisionReason ? (
              <div className="muted">
                {t('tk.request.decision')} {r.decisionReason}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The parent of a merged ticket, or the tickets merged into this one (并单). */
export function MergeSection({
  ticket,
  children,
  parentNumber,
}: {
  ticket: TicketView;
  children: TicketListItem[];
  parentNumber: string | null;
}) {
  const t = useT();
  if (ticket.parentId === null && children.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="tk-merge">
      <h2 id="tk-merge">{t('tk.section.merge')}</h2>
      {ticket.parentId !== null ? (
        <p>
          {t('tk.merge.parent')}{' '}
          <Link to={`/tickets/${ticket.parentId}`}>{parentNumber ?? `#${ticket.parentId}`}</Link>
        </p>
      ) : null}
      {children.length > 0 ? (
        <>
          <p className="muted">{t('tk.merge.children', { count: children.length })}</p>
          <ul className="list-plain tk-children">
            {children.map((child) => (
              <li key={child.id}>
                <Link to={`/tickets/${child.id}`}>{child.number}</Link>{' '}
                <StatusBadge status={child.status} /> {child.title}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The callbacks (回访) made, from the history: contacted, resolved, satisfied. */
export function CallbackSection({ events }: { events: TicketEvent[] }) {
  const t = useT();
  const format = useFormat();
  const callbacks = events.filter((event) => event.type === 'callback');
  if (callbacks.length === 0) return null;
  const yesNo = (value: unknown, yes: MessageKey, no: MessageKey) =>
    value === true ? t(yes) : value === false ? t(no) : '';
  return (
    <section className="panel" aria-labelledby="tk-callbacks">
      <h2 id="tk-callbacks">{t('tk.section.callbacks')}</h2>
      <ul className="list-plain tk-requests">
        {callbacks.map((event) => (
          <li key={event.id}>
            <div className="muted">{format.dateTime(event.at)}</div>
            <div>
              {[
                yesNo(event.data?.contacted, 'tk.callback.contacted', 'tk.callback.notContacted'),
                yesNo(event.data?.resolved, 'tk.callback.resolved', 'tk.callback.unresolved'),
                typeof event.data?.satisfaction === 'string'
                  ? t(`tk.satisfaction.${event.data.satisfaction}` as MessageKey)
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
            {event.reason ? <div>{event.reason}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The files of the appeal and of the reply: images as thumbnails, every file downloadable. */
export function AttachmentSection({
  ticketId,
  attachments,
}: {
  ticketId: number;
  attachments: Attachment[];
}) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="tk-files">
      <h2 id="tk-files">{t('tk.section.attachments')}</h2>
      {attachments.length === 0 ? (
        <p className="muted">{t('tk.attachments.none')}</p>
      ) : (
        <ul className="list-plain tk-files">
          {attachments.map((file) => {
            const href = `/api/v1/tickets/${ticketId}/attachments/${file.id}`;
            return (
              <li key={file.id}>
                {file.mime.startsWith('image/') ? (
                  <a href={href} target="_blank" rel="noreferrer" className="tk-thumb">
                    <img src={href} alt={file.name} loading="lazy" />
                  </a>
                ) : null}
                <div>
                  <a href={href} download={file.name}>
                    {file.name}
                  </a>
                  <div className="muted">
                    {t(`tk.purpose.${file.purpose}` as MessageKey)} · {formatSize(file.size)} ·{' '}
                    {format.dateTime(file.createdAt)}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  actorId: number | null;
  action: string;
}

/** Who viewed the citizen in full (and other audited acts): for supervisors and admins only. */
export function AuditSection({ ticketId, version }: { ticketId: number; version: number }) {
  const t = useT();
  const format = useFormat();
  const { hasRole } = useSession();
  const allowed = hasRole('supervisor', 'admin');
  const state = useLoad(
    (signal) =>
      allowed
        ? api<{ items: AuditEntry[] }>('GET', `/audit?ticketId=${ticketId}`, undefined, { signal })
        : Promise.resolve({ items: [] }),
    [ticketId, version, allowed],
  );
  if (!allowed) return null;
  const items = state.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="tk-audit">
      <h2 id="tk-audit">{t('tk.section.audit')}</h2>
      <LoadState state={state} />
      {state.data && items.length === 0 ? <p className="muted">{t('tk.audit.none')}</p> : null}
      <ul className="list-plain tk-requests">
        {items.map((entry) => (
          <li key={entry.id}>
            <span className="nowrap">{format.dateTime(entry.at)}</span>{' '}
            {entry.actorName ?? t('tk.actor.user', { id: entry.actorId ?? '?' })}{' '}
            <span className="muted">
              {entry.action === 'view_citizen' ? t('tk.audit.viewCitizen') : entry.action}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
