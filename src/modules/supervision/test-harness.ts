// Test support for the supervision tests: the whole app on a fresh database with the fixture
// organisation and a fake clock, tickets dispatched through the real services, a second app
// instance on the same database, and the notifications a user would see.
import { createServices, type Services } from '../../composition.js';
import type { Actor } from '../../platform/actor.js';
import { openDatabase, type Database, type DialectName } from '../../platform/db/database.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { actorFor, type Fixture } from '../../test-support/fixtures.js';
import { seedTicket } from '../../test-support/tickets.js';
import type { Urgency } from '../tickets/index.js';

export type FixtureUser = keyof Fixture['users'];

/** Monday 2 March 2026, 09:00 in Luzhou: a working day. */
export const MONDAY_0900 = '2026-03-02T01:00:00.000Z';

export interface SupervisionHarness extends TestApp {
  actor(user: FixtureUser): Promise<Actor>;
  /** A ticket dispatched now to `unit` (南城街道 by default), of the given urgency. */
  dispatched(input?: {
    unitId?: number;
    coUnitIds?: number[];
    urgency?: Urgency;
    districtId?: number | null;
    title?: string;
  }): Promise<number>;
  /** One API call as a fixture user: status and parsed body. */
  call<T = Record<string, unknown>>(
    user: FixtureUser,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** A second app instance on the same database (its own connections and services). */
  secondInstance(): Promise<{ services: Services; close(): Promise<void> }>;
  /** The notifications written about a ticket, oldest first. */
  notificationsOf(
    ticketId: number,
  ): Promise<Array<{ kind: string; unitId: number; userId: number | null; message: string }>>;
}

export async function createSupervisionHarness(dialect: DialectName): Promise<SupervisionHarness> {
  const app = await createTestApp(dialect, MONDAY_0900);
  const database = app.testDb.database;
  let count = 0;
  return {
    ...app,
    actor: (user) => actorFor(database, app.fixture.users[user].username),
    async dispatched(input = {}) {
      count += 1;
      const at = app.clock.now().toISOString();
      const id = await seedTicket(database, {
        number: `20260302${String(500000 + count)}`,
        status: 'pending_dispatch',
        category_id: app.fixture.categories.streetLight,
        district_id:
          input.districtId === undefined ? app.fixture.units.jiangyang : input.districtId,
        urgency: input.urgency ?? 'normal',
        title: input.title ?? `路灯不亮 𠮷 🚧 ${count}`,
        description: '滨江路一段路灯连续三晚不亮',
        created_at: at,
        updated_at: at,
      });
      const dispatcher = await actorFor(database, app.fixture.users.dispatcher.username);
      await app.services.dispatch.service.dispatch(dispatcher, id, {
        leadUnitId: input.unitId ?? app.fixture.units.nanchengStreet,
        coUnitIds: input.coUnitIds,
      });
      return id;
    },
    async call<T>(
      user: FixtureUser,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      payload?: unknown,
    ) {
      const cookie = await app.login(app.fixture.users[user].username);
      const response = await app.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      return { status: response.statusCode, body: response.json<T>() };
    },
    async secondInstance() {
      const other: Database = openDatabase({
        url: app.testDb.url,
        ...(app.testDb.searchPath ? { searchPath: app.testDb.searchPath } : {}),
        poolSize: 3,
      });
      return {
        services: createServices(other, app.config, app.clock),
        close: () => other.close(),
      };
    },
    async notificationsOf(ticketId) {
      const rows = await database.db
        .selectFrom('notifications')
        .select(['kind', 'unit_id', 'user_id', 'message'])
        .where('subject_type', '=', 'ticket')
        .where('subject_id', '=', ticketId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        kind: row.kind,
        unitId: row.unit_id,
        userId: row.user_id,
        message: row.message,
      }));
    },
  };
}
