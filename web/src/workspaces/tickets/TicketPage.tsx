import { useMemo } from 'react';
import { api, ApiError, type Page } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { StatusBadge, UrgencyBadge } from './badges';
import { useLiveReload } from '../../ui/live';
import { TicketActions } from './TicketActions';
import { requestsFromEvents } from './ticket-requests';
import {
  AssignmentSection,
  AttachmentSection,
  AuditSection,
  CallbackSection,
  MergeSection,
  RequestSection,
} from './TicketRecords';
import { AppealSection, CitizenSection, DeadlineSection, ReplySection } from './TicketSections';
import { Timeline } from './Timeline';
import { TicketSupervision } from '../supervision/TicketSupervision';
import type { Attachment, TicketEvent, TicketListItem, TicketView } from './types';

interface Loaded {
  ticket: TicketView;
  events: TicketEvent[];
  attachments: Attachment[];
  children: TicketListItem[];
}

async function loadTicket(id: number, signal: AbortSignal): Promise<Loaded> {
  const get = <T,>(path: string) => api<T>('GET', path, undefined, { signal });
  const [ticket, events, attachments, children] = await Promise.all([
    get<TicketView>(`/tickets/${id}`),
    get<{ items: TicketEvent[] }>(`/tickets/${id}/events`),
    get<{ items: Attachment[] }>(`/tickets/${id}/attachments`).catch(() => ({ items: [] })),
    get<Page<TicketListItem>>(`/tickets?parentId=${id}&pageSize=100`).catch(() => ({
      items: [] as TicketListItem[],
    })),
  ]);
  return { ticket, events: events.items, attachments: attachments.items, children: children.items };
}

/** /tickets/:id: the whole work order for every staff role, live, with the steps the role may take. */
export default function TicketPage({ params }: { params: Record<string, string> }) {
  const t = useT();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const state = useLoad(
    (signal) =>
      valid ? loadTicket(id, signal) : Promise.reject(new ApiError(404, 'NOT_FOUND', '')),
    [id],
  );
  const childIds = useMemo(
    () => new Set(state.data?.children.map((child) => child.id)),
    [state.data],
  );
  useLiveReload(state.reload, (change) => change.id === id || childIds.has(change.id));
  const requests = useMemo(() => requestsFromEvents(state.data?.events ?? []), [state.data]);

  if (state.error instanceof ApiError && state.error.status === 404)
    return (
      <div className="page">
        <Notice kind="error">{t('tk.notFound')}</Notice>
        <Link to="/tickets">{t('tk.backToList')}</Link>
      </div>
    );
  if (!state.data)
    return (
      <div className="page">
        <LoadState state={state} />
      </div>
    );
  const { ticket, events, attachments, children } = state.data;
  const mergeEvent = events.findLast((event) => event.type === 'merge');
  const parentNumber =
    typeof mergeEvent?.data?.parentNumber === 'string' ? mergeEvent.data.parentNumber : null;
  return (
    <div className="page tk tk-page">
      <div className="page-head">
        <div className="tk-title">
          <p className="tk-crumbs">
            <Link to="/tickets">{t('tk.list.title')}</Link> ›{' '}
            <span className="mono">{ticket.number}</span>
          </p>
          <h1>
            <span className="visually-hidden">
              {t('tk.page.number', { number: ticket.number })}{' '}
            </span>
            {ticket.title}
          </h1>
          <div className="tk-badges">
            <StatusBadge status={ticket.status} />
            <UrgencyBadge urgency={ticket.urgency} />
            {ticket.overdue ? <span className="badge badge-danger">{t('tk.overdue')}</span> : null}
            {ticket.confidential ? (
              <span className="badge badge-warn">{t('tk.confidential')}</span>
            ) : null}
            <span className="muted mono">{ticket.number}</span>
          </div>
        </div>
      </div>
      {state.error ? <LoadState state={state} /> : null}
      <div className="tk-layout">
        <div className="tk-main">
          <AppealSection ticket={ticket} />
          <AssignmentSection ticket={ticket} />
          <ReplySection ticket={ticket} />
          <section className="panel" aria-labelledby="tk-history">
            <h2 id="tk-history">{t('tk.section.timeline')}</h2>
            <Timeline events={events} />
          </section>
        </div>
        <aside className="tk-side" aria-label={t('tk.side')}>
          <TicketActions
            ticket={ticket}
            requests={requests}
            hasChildren={children.length > 0}
            onDone={state.reload}
          />
          <TicketSupervision ticket={ticket} />
          <DeadlineSection ticket={ticket} />
          <CitizenSection ticket={ticket} />
          <RequestSection requests={requests} />
          <MergeSection ticket={ticket} children={children} parentNumber={parentNumber} />
          <CallbackSection events={events} />
          <AttachmentSection ticketId={ticket.id} attachments={attachments} />
          <AuditSection ticketId={ticket.id} version={ticket.version} />
        </aside>
      </div>
    </div>
  );
}
