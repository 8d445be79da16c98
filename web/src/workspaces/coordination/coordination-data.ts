import { api, qs, type Page } from '../../api';
import { deadlineTone } from '../tickets/badges';
import { activeDeadline, type TicketListItem } from '../handling/handling-data';

/** Ticket states of the work the district's units still owe (dispatched to reply). */
export const OPEN_STATUSES = ['dispatched', 'in_progress', 'return_review'] as const;

/** Statuses from which a ticket may be redistributed (改派), as the server's rule. */
export const REASSIGNABLE = ['dispatched', 'in_progress'];

export interface TicketQuery {
  districtId: number;
  statuses?: readonly string[];
  overdue?: boolean;
  sort?: 'replyDueAt' | 'signDueAt' | 'createdAt';
  page?: number;
  pageSize?: number;
}

/** GET /tickets of the district (statuses repeat as ?status=a&status=b). */
export function listTickets(query: TicketQuery, signal?: AbortSignal) {
  const { statuses = OPEN_STATUSES, sort = 'replyDueAt', ...rest } = query;
  const search =
    qs({ ...rest, sort, order: 'asc' }) +
    statuses.map((status) => `&status=${encodeURIComponent(status)}`).join('');
  return api<Page<TicketListItem>>('GET', `/tickets${search}`, undefined, { signal });
}

/** How many tickets match (one row read, the total used). */
export async function countTickets(query: TicketQuery, signal?: AbortSignal): Promise<number> {
  return (await listTickets({ ...query, pageSize: 1 }, signal)).total;
}

/** Rows read to find the tickets near their deadline (the API has no "near" filter). */
const NEAR_SCAN = 200;

/**
 * Tickets not yet overdue but with ≥ 75 % of their time used, nearest deadline first. Lists do
 * not carry the dispatch time, so the time is counted from the ticket's creation. `capped` when
 * more may exist beyond the rows read.
 */
export async function nearTickets(
  districtId: number,
  signal?: AbortSignal,
): Promise<{ items: TicketListItem[]; capped: boolean }> {
  const [signing, replying] = await Promise.all([
    listTickets(
      {
        districtId,
        statuses: ['dispatched'],
        overdue: false,
        sort: 'signDueAt',
        pageSize: NEAR_SCAN,
      },
      signal,
    ),
    listTickets(
      {
        districtId,
        statuses: ['in_progress', 'return_review'],
        overdue: false,
        sort: 'replyDueAt',
        pageSize: NEAR_SCAN,
      },
      signal,
    ),
  ]);
  const now = Date.now();
  const isNear = (ticket: TicketListItem) => {
    const due = activeDeadline(ticket);
    return due !== null && deadlineTone(due, ticket.createdAt, now) === 'near';
  };
  const items = [...signing.items, ...replying.items].filter(isNear);
  items.sort((a, b) => (activeDeadline(a) ?? '').localeCompare(activeDeadline(b) ?? ''));
  const full = (page: Page<TicketListItem>) =>
    page.items.length === NEAR_SCAN && isNear(page.items[page.items.length - 1]!);
  return { items, capped: full(signing) || full(replying) };
}

/** A unit's request (延期 or 退单) waiting for a decision, as GET /requests lists it. */
export interface UnitRequest {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketStatus: string;
  ticketTitle: string;
  kind: 'return' | 'extension';
  unitId: number;
  unitName: string;
  reason: string;
  requestedDueAt: string | null;
  replyDueAt: string | null;
  state: string;
  createdAt: string;
}
