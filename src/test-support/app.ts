import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createServices, type Services } from '../composition.js';
import { loadConfig, type Config } from '../config.js';
import { FakeClock } from '../platform/clock.js';
import type { DialectName } from '../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { createFixture, FIXTURE_PASSWORD, type Fixture } from './fixtures.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  testDb: TestDatabase;
  fixture: Fixture;
  clock: FakeClock;
  config: Config;
  /** Logs in as a fixture user and returns the Cookie header value. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole app on a fresh database of the given dialect, with the fixture organisation. */
export async function createTestApp(
  dialect: DialectName,
  start = '2026-03-02T01:00:00.000Z',
): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-data-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: testDb.url });
  const clock = new FakeClock(start);
  const services = createServices(testDb.database, config, clock);
  const fixture = await createFixture(testDb.database);
  const app = await buildApp({ config, services });
  const cookies = new Map<string, string>();
  return {
    app,
    services,
    testDb,
    fixture,
    clock,
    config,
    async login(username) {
      const known = cookies.get(username);
      if (known) return known;
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: FIXTURE_PASSWORD },
      });
      if (response.statusCode !== 200)
        throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      const setCookie = response.cookies.find((c) => c.name === 'oh_session');
      if (!setCookie) throw new Error('login did not set the session cookie');
      const header = `oh_session=${setCookie.value}`;
      cookies.set(username, header);
      return header;
    },
    async close() {
      await app.close();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
