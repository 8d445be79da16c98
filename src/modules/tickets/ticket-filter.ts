import { ValidationError } from '../../platform/errors.js';
import { fromLocalTime } from '../../platform/time-zone.js';
import type { TicketStatus } from './ticket-status.js';
import type { AppealType, Channel, Urgency } from './ticket.js';

export const TICKET_SORTS = [
  'createdAt',
  'replyDueAt',
  'signDueAt',
  'updatedAt',
  'number',
] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

/** What a ticket list can be filtered by, as the API gives it. */
export interface TicketListFilter {
  status?: readonly TicketStatus[];
  leadUnitId?: number;
  /** Units with a current (not withdrawn) dispatch on the ticket, lead or co-handler. */
  unitId?: number;
  /** The category and every category below it. */
  categoryId?: number;
  districtId?: number;
  streetId?: number;
  urgency?: readonly Urgency[];
  channel?: readonly Channel[];
  appealType?: readonly AppealType[];
  /** An ISO date-time, or a date (YYYY-MM-DD, the start of that day in the centre's time zone). */
  createdFrom?: string;
  /** An ISO date-time (exclusive), or a date (YYYY-MM-DD, that whole day included). */
  createdTo?: string;
  overdue?: boolean;
  parentId?: number;
  /** Words to find in the number, title, description and address (Chinese and English). */
  q?: string;
  /** The caller's number: operators only (lists still show it masked). */
  citizenPhone?: string;
  sort?: TicketSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** The filter after validation: times as ISO UTC instants, paging resolved. */
export interface ResolvedTicketFilter extends Omit<
  TicketListFilter,
  'createdFrom' | 'createdTo' | 'sort' | 'order' | 'page' | 'pageSize'
> {
  createdFrom?: string;
  createdTo?: string;
  sort: TicketSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a local calendar day starts in `timeZone`, plus `addDays` days. */
export function startOfLocalDay(date: string, timeZone: string, addDays = 0): Date {
  const match = DATE_ONLY.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  const day = new Date(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays),
  );
  return fromLocalTime({ date: day.toISOString().slice(0, 10), timeOfDay: 0 }, timeZone);
}

function toInstant(field: string, value: string, timeZone: string, endOfDay: boolean): string {
  if (DATE_ONLY.test(value)) {
    const day = startOfLocalDay(value, timeZone, endOfDay ? 1 : 0);
    if (!Number.isNaN(day.getTime())) return day.toISOString();
  } else {
    const at = new Date(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(at.getTime())) return at.toISOString();
  }
  throw new ValidationError(
    field,
    `${field} must be an ISO date (2026-03-01) or date-time (2026-03-01T08:00:00Z)`,
    'VALIDATION_FAILED',
    { rule: 'format' },
  );
}

/** Validates paging and turns the date bounds into instants. */
export function resolveFilter(filter: TicketListFilter, timeZone: string): ResolvedTicketFilter {
  const { createdFrom, createdTo, sort, order, page, pageSize, ...rest } = filter;
  if (page !== undefined && (!Number.isInteger(page) || page < 1))
    throw new ValidationError('page', 'page must be an integer from 1');
  if (
    pageSize !== undefined &&
    (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
  )
    throw new ValidationError('pageSize', `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  const resolved: ResolvedTicketFilter = {
    ...rest,
    sort: sort ?? 'createdAt',
    order: order ?? 'desc',
    page: page ?? 1,
    pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
  };
  if (createdFrom) resolved.createdFrom = toInstant('createdFrom', createdFrom, timeZone, false);
  if (createdTo) resolved.createdTo = toInstant('createdTo', createdTo, timeZone, true);
  return resolved;
}
