import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/test-support/databases.js';
import { createFixture, FIXTURE_PASSWORD } from '../src/test-support/fixtures.js';
import { startServer, waitForExit } from '../src/test-support/server-process.js';

describe('graceful shutdown', () => {
  let testDb: TestDatabase;
  afterAll(async () => {
    await testDb.drop();
  });

  it('finishes the requests in flight when SIGTERM arrives, then exits with 0', async () => {
    testDb = await createTestDatabase('sqlite');
    await createFixture(testDb.database);
    const server = await startServer({ DATABASE_URL: testDb.url, SHUTDOWN_GRACE_MS: '2000' });
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'op1', password: FIXTURE_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      fetch(`${server.baseUrl}/api/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          channel: 'phone',
          appealType: 'enquiry',
          urgency: 'normal',
          description: `shutdown ${i}`,
          disposition: 'dispatch',
        }),
      }).then((r) => r.status),
    );
    // Let the requests reach the server, then ask it to stop while they are being handled.
    await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGTERM');
    const statuses = await Promise.allSettled(inFlight);
    const exitCode = await waitForExit(server.child);
    expect(exitCode).toBe(0);
    const answered = statuses.filter((s) => s.status === 'fulfilled').map((s) => s.value);
    // Requests already being handled finish with 201; later ones are refused (503 or a closed
    // connection) and leave nothing behind.
    expect(answered.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const created = answered.filter((status) => status === 201).length;
    expect(created).toBeGreaterThan(0);
    const stored = await testDb.database.db.selectFrom('tickets').select('number').execute();
    expect(stored.length).toBe(created);
  });
});
