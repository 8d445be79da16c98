import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { TicketStatus } from '../tickets/index.js';
import type { AttributeAnswer } from './attribute-rules.js';
import type { PublicRequestScope } from './open311-settings.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Records what a request filed through the API carried, beside its ticket. */
export async function insertOpen311Request(
  trx: Transaction<DB>,
  values: {
    token: string;
    ticketId: number;
    apiKeyId: number | null;
    serviceCode: string;
    description: string | null;
    mediaUrl: string | null;
    at: string;
  },
  answers: readonly AttributeAnswer[],
): Promise<number> {
  const row = await trx
    .insertInto('open311_requests')
    .values({
      token: values.token,
      ticket_id: values.ticketId,
      api_key_id: values.apiKeyId,
      service_code: values.serviceCode,
      description: values.description,
      media_url: values.mediaUrl,
      requested_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = answers.flatMap((answer) => answer.values.map((value) => ({ answer, value })));
  if (rows.length > 0) {
    await trx
      .insertInto('open311_request_attributes')
      .values(
        rows.map(({ answer, value }, index) => ({
          request_id: row.id,
          position: index + 1,
          code: answer.code,
          value,
        })),
      )
      .execute();
  }
  return row.id;
}

/** The ticket number a token stands for. */
export async function findNumberByToken(db: Executor, token: string): Promise<string | null> {
  const row = await db
    .selectFrom('open311_requests as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .select('t.number')
    .where('r.token', '=', token)
    .executeTakeFirst();
  return row?.number ?? null;
}

/** The attribute answers stored with a request, by code, in the order given. */
export async function answersOfTicket(db: Executor, ticketId: number): Promise<AttributeAnswer[]> {
  const rows = await db
    .selectFrom('open311_request_attributes as a')
    .innerJoin('open311_requests as r', 'r.id', 'a.request_id')
    .select(['a.code', 'a.value'])
    .where('r.ticket_id', '=', ticketId)
    .orderBy('a.position')
    .execute();
  const answers: AttributeAnswer[] = [];
  for (const row of rows) {
    const answer = answers.find((a) => a.code === row.code);
    if (answer) answer.values.push(row.value);
    else answers.push({ code: row.code, values: [row.value] });
  }
  return answers;
}

export type RequestFilter =
  | { kind: 'ids'; numbers: readonly string[] }
  | {
      kind: 'search';
      serviceCodes: readonly string[] | null;
      statuses: readonly TicketStatus[] | null;
      from: string;
      to: string;
      limit: number;
    };

function requestQuery(db: Executor) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('open311_requests as r', 'r.ticket_id', 't.id')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .leftJoin('units as u', 'u.id', 't.lead_unit_id')
    .leftJoin('tickets as p', 'p.id', 't.parent_id')
    .select([
      't.id',
      't.number',
      't.status',
      't.resolution',
      't.description',
      't.address',
      't.lat',
      't.lng',
      't.confidential',
      't.reply_text',
      't.reply_due_at',
      't.created_at',
      't.updated_at',
      't.closed_at',
      'c.code as category_code',
      'c.name as category_name',
      'c.name_en as category_name_en',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      'p.number as parent_number',
      'r.id as request_id',
      'r.service_code as requested_service_code',
      'r.description as requested_description',
      'r.media_url',
    ]);
}

export type RequestRow = Awaited<
  ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>
>;

type Eb = ExpressionBuilder<
  DB & { t: DB['tickets']; r: DB['open311_requests']; c: DB['categories'] },
  't' | 'r' | 'c'
>;

/**
 * The tickets GET requests may show: those filed through the API, or (scope "all") also every
 * ticket with a category, which is its service.
 */
function inScope(eb: Eb, scope: PublicRequestScope) {
  return scope === 'open311'
    ? eb('r.id', 'is not', null)
    : eb.or([eb('r.id', 'is not', null), eb('c.id', 'is not', null)]);
}

/** Requests in the public scope matching the filter, newest first. */
export async function listRequests(
  db: Executor,
  scope: PublicRequestScope,
  filter: RequestFilter,
): Promise<RequestRow[]> {
  let query = requestQuery(db).where((eb) => inScope(eb as unknown as Eb, scope));
  if (filter.kind === 'ids') {
    return query
      .where('t.number', 'in', [...filter.numbers])
      .orderBy('t.id', 'desc')
      .execute();
  }
  const { serviceCodes, statuses } = filter;
  if (serviceCodes) {
    query = query.where((eb) =>
      eb.or([
        eb('c.code', 'in', [...serviceCodes]),
        eb.and([eb('c.id', 'is', null), eb('r.service_code', 'in', [...serviceCodes])]),
      ]),
    );
  }
  if (statuses) {
    if (statuses.length === 0) return [];
    query = query.where('t.status', 'in', [...statuses]);
  }
  return query
    .where('t.created_at', '>=', filter.from)
    .where('t.created_at', '<=', filter.to)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(filter.limit)
    .execute();
}
