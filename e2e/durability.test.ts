import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../src/test-support/databases.js';
import { createFixture, FIXTURE_PASSWORD } from '../src/test-support/fixtures.js';
import { startServer, waitForExit } from '../src/test-support/server-process.js';

// No accepted appeal is ever lost: every ticket whose number reached a caller exists after the
// server process is killed (SIGKILL) in the middle of a burst of concurrent creations.
describe.each(TEST_DIALECTS)('durability on %s', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every acknowledged ticket, with its events, after SIGKILL during a burst', async () => {
    const testDb: TestDatabase = await createTestDatabase(dialect);
    cleanups.push(() => testDb.drop());
    await createFixture(testDb.database);
    const url = testDb.searchPath
      ? `${testDb.url}?options=${encodeURIComponent(`-c search_path=${testDb.searchPath}`)}`
      : testDb.url;

    const server = await startServer({ DATABASE_URL: url });
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'op1', password: FIXTURE_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    const acknowledged: string[] = [];
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        try {
          const response = await fetch(`${server.baseUrl}/api/v1/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({
              channel: 'phone',
              appealType: 'complaint',
              urgency: 'normal',
              description: `𠮷 worker ${w} appeal ${i}: 小区路灯不亮 😀`,
              citizenPhone: '13800001111',
              disposition: 'dispatch',
            }),
          });
          if (response.status === 201)
            acknowledged.push(((await response.json()) as { number: string }).number);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 50 }, (_, w) => worker(w));
    const deadline = Date.now() + 20_000;
    while (acknowledged.length < 300 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    server.child.kill('SIGKILL');
    stop = true;
    await waitForExit(server.child);
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    // A fresh connection, as after a restart.
    const reopened = openDatabase({ url: testDb.url, searchPath: testDb.searchPath });
    cleanups.push(() => reopened.close());
    const stored = await reopened.db
      .selectFrom('tickets')
      .leftJoin('ticket_events', 'ticket_events.ticket_id', 'tickets.id')
      .select([
        'tickets.number',
        'tickets.description',
        (eb) => eb.fn.count<number>('ticket_events.id').as('events'),
      ])
      .groupBy(['tickets.number', 'tickets.description'])
      .execute();
    const byNumber = new Map(stored.map((row) => [row.number, row]));
    const missing = acknowledged.filter((n) => !byNumber.has(n));
    expect(missing).toEqual([]);
    for (const number of acknowledged) {
      const row = byNumber.get(number)!;
      expect(Number(row.events)).toBeGreaterThanOrEqual(2); // created + accepted for dispatch
      expect(row.description).toMatch(/^𠮷 worker \d+ appeal \d+: 小区路灯不亮 😀$/);
    }
  });
});
