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
import { calibrationOf, simulateRouting } from './routing-simulation.js';

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
      // Automatic dispatch trusts the confidence: from 0.9 up, the router is right nearly always.
      const { bins } = result.calibration;
      expect(bins.reduce((n, b) => n + b.count, 0) + result.calibration.unsuggested).toBe(90);
      const sure = bins.filter((b) => b.from >= 0.9);
      const sureCount = sure.reduce((n, b) => n + b.count, 0);
      expect(sureCount).toBeGreaterThan(0);
      expect(sure.reduce((n, b) => n + b.accuracy * b.count, 0) / sureCount).toBeGreaterThanOrEqual(
        0.95,
      );
    },
  );
});

describe('calibration of the router’s confidence', () => {
  it('bins suggestions by confidence and weighs each bin’s gap by its size', () => {
    const pairs = [
      ...Array.from({ length: 8 }, (_, i) => ({ confidence: 0.95, right: i < 6 })),
      { confidence: 0.55, right: true },
      { confidence: 0.55, right: true },
    ];
    const calibration = calibrationOf(pairs, 3);
    const rounded = calibration.bins.map((b) => ({ ...b, confidence: +b.confidence.toFixed(6) }));
    expect(rounded).toEqual([
      { from: 0.5, to: 0.6, count: 2, confidence: 0.55, accuracy: 1 },
      { from: 0.95, to: 1, count: 8, confidence: 0.95, accuracy: 0.75 },
    ]);
    // 0.2 × 0.45 + 0.8 × 0.20
    expect(calibration.ece).toBeCloseTo(0.25, 10);
    expect(calibration.unsuggested).toBe(3);
  });
});
