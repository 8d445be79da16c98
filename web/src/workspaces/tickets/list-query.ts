import { navigate } from '../../router';
import { TICKET_SORTS, type TicketSort, type TicketStatus, TICKET_STATUSES } from './types';

/** The ticket list's filter, as GET /tickets takes it (src/modules/tickets/tickets.routes.ts). */
export interface TicketFilter {
  q?: string;
  status?: TicketStatus[];
  categoryId?: number;
  districtId?: number;
  unitId?: number;
  channel?: string;
  urgency?: string;
  createdFrom?: string;
  createdTo?: string;
  overdue?: boolean;
  parentId?: number;
  sort?: TicketSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** The filter as a query string: repeated keys for lists (status=a&status=b). */
export function filterQuery(filter: TicketFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter) as Array<
    [string, string | number | boolean | readonly string[] | undefined]
  >) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GET /tickets with a filter. */
export const ticketListPath = (filter: TicketFilter): string => `/tickets${filterQuery(filter)}`;

const positive = (value: string | null): number | undefined => {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
};

/** The filter kept in the address bar (so Back and a shared link show the same list). */
export function parseFilter(query: URLSearchParams): TicketFilter {
  const sort = query.get('sort');
  const order = query.get('order');
  return {
    q: query.get('q') ?? undefined,
    status: query
      .getAll('status')
      .filter((s): s is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(s)),
    categoryId: positive(query.get('categoryId')),
    districtId: positive(query.get('districtId')),
    unitId: positive(query.get('unitId')),
    channel: query.get('channel') ?? undefined,
    urgency: query.get('urgency') ?? undefined,
    createdFrom: query.get('createdFrom') ?? undefined,
    createdTo: query.get('createdTo') ?? undefined,
    overdue: query.get('overdue') === 'true' || undefined,
    sort: (TICKET_SORTS as readonly string[]).includes(sort ?? '')
      ? (sort as TicketSort)
      : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: positive(query.get('page')),
    pageSize: positive(query.get('pageSize')),
  };
}

/** Shows the list for a filter, kept in the address: Back and a shared link show the same list. */
export const go = (filter: TicketFilter): void =>
  navigate(`/tickets${filterQuery(filter)}`, { replace: true });
