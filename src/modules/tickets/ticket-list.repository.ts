import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DialectName } from '../../platform/db/database.js';
import { matchesMoreThan, ticketMatchesTerms } from '../../platform/db/dialect-sql.js';
import type { DB } from '../../platform/db/schema.js';
import { queryTerms } from '../../platform/text.js';
import type { ResolvedTicketFilter, TicketSort } from './ticket-filter.js';
import { toTicket, type Executor, type TicketRow } from './tickets.repository.js';
import type { Ticket } from './ticket.js';
import type { TicketScope } from './ticket-access.js';

/** Which tickets a list may show: all, or those of some units / districts (see canViewTicket). */
export type ListScope =
  { kind: 'all' } | { kind: 'some'; unitIds: readonly number[]; districtIds: readonly number[] };

type Eb = ExpressionBuilder<DB, 'tickets'>;

const SORT_COLUMN = {
  createdAt: 'tickets.created_at',
  replyDueAt: 'tickets.reply_due_at',
  signDueAt: 'tickets.sign_due_at',
  updatedAt: 'tickets.updated_at',
  number: 'tickets.number',
} as const satisfies Record<TicketSort, string>;

const NULLABLE_SORTS: ReadonlySet<TicketSort> = new Set(['replyDueAt', 'signDueAt']);

const WAITING_FOR_REPLY = ['dispatched', 'in_progress', 'return_review'];

/**
 * Overdue (超期): not signed for by its sign-for deadline, or not replied by its feedback deadline.
 * A dispatched ticket is by definition not yet signed; replied, closed and merged ones are done.
 */
export function overdueCondition(eb: Eb, now: string): Expression<SqlBool> {
  return eb.or([
    eb.and([
      eb('tickets.status', '=', 'dispatched'),
      eb('tickets.sign_due_at', 'is not', null),
      eb('tickets.sign_due_at', '<', now),
    ]),
    eb.and([
      eb('tickets.status', 'in', WAITING_FOR_REPLY),
      eb('tickets.reply_due_at', 'is not', null),
      eb('tickets.reply_due_at', '<', now),
    ]),
  ]);
}

/** Whether a ticket is overdue at `now`, the same rule as overdueCondition. */
export function isOverdue(ticket: Ticket, now: string): boolean {
  if (ticket.status === 'dispatched' && ticket.signDueAt !== null && ticket.signDueAt < now)
    return true;
  return (
    WAITING_FOR_REPLY.includes(ticket.status) &&
    ticket.replyDueAt !== null &&
    ticket.replyDueAt < now
  );
}

function scopeCondition(eb: Eb, scope: ListScope): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null;
  const options: Expression<SqlBool>[] = [];
  if (scope.districtIds.length > 0) {
    options.push(eb('tickets.district_id', 'in', scope.districtIds));
    options.push(
      eb.exists(
        eb
          .selectFrom('ticket_assignments as sa')
          .innerJoin('units as su', 'su.id', 'sa.unit_id')
          .select('sa.id')
          .whereRef('sa.ticket_id', '=', 'tickets.id')
          .where('su.district_id', 'in', scope.districtIds),
      ),
    );
  }
  if (scope.unitIds.length > 0) {
    options.push(
      eb.exists(
        eb
          .selectFrom('ticket_assignments as sa')
          .select('sa.id')
          .whereRef('sa.ticket_id', '=', 'tickets.id')
          .where('sa.unit_id', 'in', scope.unitIds),
      ),
    );
  }
  return options.length > 0 ? eb.or(options) : eb.lit(false);
}

function categoryCondition(eb: Eb, categoryId: number): Expression<SqlBool> {
  // The tree has three levels: the category, its children and its grandchildren.
  return eb(
    'tickets.category_id',
    'in',
    eb
      .selectFrom('categories as c1')
      .select('c1.id')
      .where((inner) =>
        inner.or([
          inner('c1.id', '=', categoryId),
          inner('c1.parent_id', '=', categoryId),
          inner(
            'c1.parent_id',
            'in',
            inner
              .selectFrom('categories as c2')
              .select('c2.id')
              .where('c2.parent_id', '=', categoryId),
          ),
        ]),
      ),
  );
}

function filterConditions(
  eb: Eb,
  dialect: DialectName,
  filter: ResolvedTicketFilter,
  now: string,
  search: TextSearch | null,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  const f = filter;
  if (f.status?.length) out.push(eb('tickets.status', 'in', [...f.status]));
  if (f.urgency?.length) out.push(eb('tickets.urgency', 'in', [...f.urgency]));
  if (f.channel?.length) out.push(eb('tickets.channel', 'in', [...f.channel]));
  if (f.appealType?.length) out.push(eb('tickets.appeal_type', 'in', [...f.appealType]));
  if (f.leadUnitId !== undefined) out.push(eb('tickets.lead_unit_id', '=', f.leadUnitId));
  if (f.districtId !== undefined) out.push(eb('tickets.district_id', '=', f.districtId));
  if (f.streetId !== undefined) out.push(eb('tickets.street_id', '=', f.streetId));
  if (f.parentId !== undefined) out.push(eb('tickets.parent_id', '=', f.parentId));
  if (f.categoryId !== undefined) out.push(categoryCondition(eb, f.categoryId));
  if (f.createdFrom) out.push(eb('tickets.created_at', '>=', f.createdFrom));
  if (f.createdTo) out.push(eb('tickets.created_at', '<', f.createdTo));
  if (f.citizenPhone) out.push(eb('tickets.citizen_phone', '=', f.citizenPhone));
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    out.push(
      eb.exists(
        eb
          .selectFrom('ticket_assignments as fa')
          .select('fa.id')
          .whereRef('fa.ticket_id', '=', 'tickets.id')
          .where('fa.unit_id', '=', unitId)
          .where('fa.state', '<>', 'withdrawn'),
      ),
    );
  }
  if (f.overdue !== undefined) {
    const overdue = overdueCondition(eb, now);
    out.push(f.overdue ? overdue : eb.not(overdue));
  }
  if (search) out.push(ticketMatchesTerms(dialect, search.terms, { broad: search.broad }));
  return out;
}

interface TextSearch {
  terms: string[];
  broad: boolean;
}

/** Totals beyond this are reported as "more than": counting every match costs as much as reading it. */
export const COUNT_CAP = 10_000;
/** A text search matching more tickets than this walks the sort order instead of the matches. */
const BROAD_SEARCH = 2_000;

/**
 * One page of the tickets a scope allows and a filter selects, with the total count (capped at
 * COUNT_CAP; `totalCapped` says there are more).
 */
export async function listTicketRows(
  db: Executor,
  dialect: DialectName,
  scope: ListScope,
  filter: ResolvedTicketFilter,
  now: string,
  limits: { countCap: number; broadSearch: number } = {
    countCap: COUNT_CAP,
    broadSearch: BROAD_SEARCH,
  },
): Promise<{ rows: TicketRow[]; total: number; totalCapped: boolean }> {
  const terms = filter.q ? queryTerms(filter.q) : [];
  const search =
    terms.length > 0
      ? {
          terms,
          broad: await matchesMoreThan(
            db as unknown as Kysely<never>,
            dialect,
            terms,
            BROAD_SEARCH,
          ),
        }
      : null;
  const where = (eb: Eb): Expression<SqlBool> => {
    const scoped = scopeCondition(eb, scope);
    const conditions = filterConditions(eb, dialect, filter, now, search);
    return eb.and(scoped ? [scoped, ...conditions] : conditions);
  };
  const counted = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('tickets')
        .where(where)
        .select('tickets.id')
        .limit(limits.countCap + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const matched = Number(counted?.n ?? 0);
  const total = Math.min(matched, limits.countCap);
  const totalCapped = matched > limits.countCap;
  if (total === 0) return { rows: [], total, totalCapped };
  const column = SORT_COLUMN[filter.sort];
  let query = db.selectFrom('tickets').selectAll('tickets').where(where);
  // NULLs last on both dialects (SQLite sorts them first, PostgreSQL last, by default); only
  // deadlines can be empty, and leaving the others plain lets their index give the order.
  if (NULLABLE_SORTS.has(filter.sort)) query = query.orderBy(sql`${sql.ref(column)} is null`);
  const rows = await query
    .orderBy(column, filter.order)
    .orderBy('tickets.id', filter.order)
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows, total, totalCapped };
}

/** The units dispatched on a ticket (current or past) and their districts, for canViewTicket. */
export async function loadTicketScope(db: Executor, ticketId: number): Promise<TicketScope> {
  const rows = await db
    .selectFrom('ticket_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.unit_id', 'u.district_id'])
    .where('a.ticket_id', '=', ticketId)
    .execute();
  return {
    assignedUnitIds: [...new Set(rows.map((r) => r.unit_id))],
    assignedDistrictIds: [...new Set(rows.map((r) => r.district_id))],
  };
}

export async function findTicketRowByNumber(
  db: Executor,
  number: string,
): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findTicketByNumber(db: Executor, number: string): Promise<Ticket | null> {
  const row = await findTicketRowByNumber(db, number);
  return row ? toTicket(row) : null;
}

/** The audit entries about one ticket (who viewed its citizen in full), newest first. */
export async function listTicketAudit(db: Executor, ticketId: number) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .select(['l.id', 'l.at', 'l.actor_id', 'u.display_name', 'l.action', 'l.detail'])
    .where('l.subject_type', '=', 'ticket')
    .where('l.subject_id', '=', String(ticketId))
    .orderBy('l.id', 'desc')
    .limit(500)
    .execute();
}
