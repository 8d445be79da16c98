// Test helpers for the catalogue service tests: a real database with the fixture organisation,
// the real organisation and catalogue modules. No mocks.
import { loadConfig } from '../../config.js';
import type { Actor } from '../../platform/actor.js';
import { AuditLog } from '../../platform/audit.js';
import { FakeClock } from '../../platform/clock.js';
import type { DialectName } from '../../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/databases.js';
import { actorFor, createFixture, type Fixture } from '../../test-support/fixtures.js';
import { createOrganisationModule } from '../organisation/index.js';
import { createCatalogueModule, type CatalogueModule } from './index.js';

export interface CatalogueHarness {
  testDb: TestDatabase;
  fixture: Fixture;
  clock: FakeClock;
  module: CatalogueModule;
  /** The actor of a fixture user, as a login would resolve it. */
  actor(username: string): Promise<Actor>;
  close(): Promise<void>;
}

export async function createCatalogueHarness(dialect: DialectName): Promise<CatalogueHarness> {
  const testDb = await createTestDatabase(dialect);
  const { database } = testDb;
  const fixture = await createFixture(database);
  const clock = new FakeClock('2026-03-02T01:00:00.000Z');
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: testDb.url });
  const deps = { database, config, clock };
  const organisation = createOrganisationModule(deps, { audit: new AuditLog(database, clock) });
  const module = createCatalogueModule(deps, { organisation: organisation.service });
  return {
    testDb,
    fixture,
    clock,
    module,
    actor: (username) => actorFor(database, username),
    close: () => testDb.drop(),
  };
}
