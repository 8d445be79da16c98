import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../composition.js';
import { loadConfig } from '../../../config.js';
import { FakeClock } from '../../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../../test-support/databases.js';
import { simulateRouting } from './routing-simulation.js';

describe.each(TEST_DIALECTS)('routing simulation on %s', (dialect) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  // A few hundred real ticket steps: more than the default 30 s on a busy machine.
  it(
    'returns fewer misrouted orders as the router learns (fixed seed)',
    { timeout: 180_000 },
    async () => {
      const clock = new FakeClock('2026-03-02T01:00:00.000Z');
      const services = createServices(
        testDb.database,
        loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() }),
        clock,
      );
      const result = await simulateRouting(
        { database: testDb.database, services, clock },
        { weeks: 3, ticketsPerWeek: 30, misrouteShare: 0.15, seed: 7, threshold: 0.9 },
      );
      const full = result.weeks.filter((w) => w.dispatches >= 20);
      expect(full.length).toBeGreaterThanOrEqual(3);
      const first = full[0]!;
      const last = full[full.length - 1]!;
      expect(last.returnRate!).toBeLessThan(first.returnRate!);
      expect(result.autoDispatched).toBeGreaterThan(0);
      expect(last.auto).toBeGreaterThan(0);
    },
  );
});
