// Test support for the dispatch, handling and callback tests: the whole app (composition root,
// real modules) on a fresh database of one dialect with the fixture organisation and a fake
// clock, plus tickets created the way intake leaves them (number, row, search terms, first event).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../composition.js';
import {
  getTicketRow,
  insertEvent,
  listAssignments,
  listEvents,
  nextTicketNumber,
  toTicket,
  type Ticket,
  type TicketStatus,
  type Urgency,
} from '../modules/tickets/index.js';
import type { Actor } from '../platform/actor.js';
import type { FakeClock } from '../platform/clock.js';
import type { Database, DialectName } from '../platform/db/database.js';
import { createTestApp } from './app.js';
import { actorFor, type Fixture } from './fixtures.js';
import { insertIndexedTicket } from './tickets.js';

export type FixtureUser = keyof Fixture['users'];

/** An API answer: a ticket summary, a page, or the error envelope. */
export interface ApiBody {
  [key: string]: unknown;
  error?: { code: string; message: string; requestId: string; field?: string };
}

/** Monday 2 March 2026, 09:00 in Luzhou: a working day. */
export const WORKFLOW_START = '2026-03-02T01:00:00.000Z';

export interface Workflow {
  database: Database;
  clock: FakeClock;
  fixture: Fixture;
  services: Services;
  app: FastifyInstance;
  /** Logs in as a fixture user over HTTP and returns the Cookie header value. */
  login(user: FixtureUser): Promise<string>;
  actor(user: FixtureUser): Promise<Actor>;
  /** A ticket as intake leaves it: pending_dispatch unless told otherwise. */
  createTicket(input?: {
    status?: TicketStatus;
    categoryId?: number | null;
    districtId?: number | null;
    urgency?: Urgency;
    title?: string;
  }): Promise<number>;
  /** One API call as a fixture user (or anonymous with null): status and parsed JSON body. */
  call<T = ApiBody>(
    user: FixtureUser | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
  ): Promise<{ status: number; body: T }>;
  ticket(id: number): Promise<Ticket>;
  eventTypes(id: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function createWorkflow(dialect: DialectName): Promise<Workflow> {
  const t = await createTestApp(dialect, WORKFLOW_START);
  const database = t.testDb.database;
  return {
    database,
    clock: t.clock,
    fixture: t.fixture,
    services: t.services,
    app: t.app,
    login: (user) => t.login(t.fixture.users[user].username),
    actor: (user) => actorFor(database, t.fixture.users[user].username),
    async call<T>(
      user: FixtureUser | null,
      method: 'GET' | 'POST',
      url: string,
      payload?: Record<string, unknown>,
    ) {
      const cookie = user === null ? undefined : await t.login(t.fixture.users[user].username);
      const response = await t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: cookie ? { cookie } : {},
        ...(payload === undefined ? {} : { payload }),
      });
      return { status: response.statusCode, body: response.json<T>() };
    },
    createTicket: (input = {}) => createTicket(database, t.clock, t.fixture, input),
    async ticket(id) {
      return toTicket(await getTicketRow(database.db, id));
    },
    async eventTypes(id) {
      return (await listEvents(database.db, id)).map((e) => e.type);
    },
    close: () => t.close(),
  };
}

async function createTicket(
  database: Database,
  clock: FakeClock,
  fixture: Fixture,
  input: Parameters<Workflow['createTicket']>[0] & object,
): Promise<number> {
  const at = clock.now().toISOString();
  return database.write(async (trx) => {
    const number = await nextTicketNumber(database, trx, at.slice(0, 10).replaceAll('-', ''));
    const title = input.title ?? '路灯不亮 𠮷 🚧';
    const row = {
      number,
      status: input.status ?? 'pending_dispatch',
      appeal_type: 'complaint',
      category_id:
        input.categoryId === undefined ? fixture.categories.streetLight : input.categoryId,
      urgency: input.urgency ?? 'normal',
      title,
      description: `${title}: 南城街道一段路灯连续三晚不亮`,
      channel: 'phone',
      address: '江阳区南城街道滨江路 18 号',
      district_id: input.districtId === undefined ? fixture.units.jiangyang : input.districtId,
      citizen_name: '张三丰',
      citizen_phone: '13812345678',
      confidential: 0,
      contact_required: 0,
      reopen_count: 0,
      return_count: 0,
      created_by: fixture.users.operator.id,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const id = await insertIndexedTicket(trx, database.dialect, row);
    await insertEvent(trx, {
      ticketId: id,
      type: 'create',
      actorId: fixture.users.operator.id,
      actorUnitId: fixture.units.centre,
      at,
      reason: null,
      before: null,
      after: { status: row.status },
      data: null,
    });
    return id;
  });
}

/** The current dispatches of a ticket, as "unitId:role:state" for compact assertions. */
export async function assignmentStates(database: Database, ticketId: number): Promise<string[]> {
  return (await listAssignments(database.db, ticketId)).map(
    (a) => `${a.unitId}:${a.role}:${a.state}`,
  );
}
