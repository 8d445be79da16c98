import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createWorkflow, type Workflow } from '../../test-support/workflow.js';
import { TicketChangeFeed, type TicketChange } from './ticket-changes.js';

/** Collects what a subscriber receives, and waits for a change matching `test`. */
function recorder() {
  const seen: TicketChange[] = [];
  const waiters: Array<{ test: (c: TicketChange) => boolean; resolve: () => void }> = [];
  return {
    seen,
    push: (change: TicketChange) => {
      seen.push(change);
      for (const waiter of waiters.filter((w) => w.test(change))) waiter.resolve();
    },
    until: (test: (c: TicketChange) => boolean): Promise<void> => {
      if (seen.some(test)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching change; saw ${JSON.stringify(seen)}`)),
          10_000,
        );
        waiters.push({
          test,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

describe.each(TEST_DIALECTS)('ticket changes pushed to screens (%s)', (dialect) => {
  let w: Workflow;
  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(async () => {
    const t0 = Date.now();
    await w.close();
    console.log('close took', Date.now() - t0);
  });

  it('tells each subscriber about changes to the tickets in their scope only', async () => {
    const dispatcher = recorder();
    const handler = recorder();
    const stopDispatcher = await w.services.tickets.changes.subscribe(
      await w.actor('dispatcher'),
      dispatcher.push,
    );
    const stopHandler = await w.services.tickets.changes.subscribe(
      await w.actor('handlerDept'),
      handler.push,
    );
    const mine = await w.createTicket();
    const elsewhere = await w.createTicket();
    await dispatcher.until((c) => c.id === elsewhere);
    const dispatched = await w.call('dispatcher', 'POST', `/tickets/${mine}/dispatch`, {
      leadUnitId: w.fixture.units.housingBureau,
    });
    expect(dispatched.status).toBe(200);

    await handler.until((c) => c.id === mine && c.status === 'dispatched');
    await dispatcher.until((c) => c.id === mine && c.status === 'dispatched');
    // The housing bureau's handler never hears of a ticket that is not theirs.
    expect(handler.seen.map((c) => c.id)).not.toContain(elsewhere);
    expect(handler.seen.find((c) => c.status === 'dispatched')).toMatchObject({
      id: mine,
      number: expect.stringMatching(/^\d{8}\d+$/) as unknown,
      version: (await w.ticket(mine)).version,
    });
    stopDispatcher();
    stopHandler();
  });

  it('streams the changes over HTTP as server-sent events', async () => {
    const address = await w.app.listen({ host: '127.0.0.1', port: 0 });
    const cookie = await w.login('dispatcher');
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(`${address}/api/v1/events`, { headers: { cookie }, agent: false }, resolve)
        .on('error', reject),
    );
    expect(response.headers['content-type']).toContain('text/event-stream');
    let text = '';
    response.setEncoding('utf8');
    const readUntil = (needle: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!text.includes(needle)) return;
          response.off('data', onData);
          resolve();
        };
        const onData = (chunk: string) => {
          text += chunk;
          check();
        };
        response.on('data', onData);
        response.once('end', () => reject(new Error(`stream ended before ${needle}: ${text}`)));
        check();
      });
    await readUntil('event: ready');
    const id = await w.createTicket();
    await readUntil(`"id":${id}`);
    const line = text.split('\n').find((l) => l.includes(`"id":${id}`))!;
    expect(JSON.parse(line.slice('data: '.length))).toMatchObject({
      id,
      status: 'pending_dispatch',
    });
    response.destroy();

    const anonymous = await w.app.inject({ method: 'GET', url: '/api/v1/events' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe.runIf(TEST_DIALECTS.includes('postgres'))('ticket changes across app instances', () => {
  let w: Workflow;
  let second: Database;
  beforeAll(async () => {
    w = await createWorkflow('postgres');
    const { TEST_POSTGRES_URL } = await import('../../test-support/databases.js');
    second = openDatabase({ url: TEST_POSTGRES_URL, searchPath: w.database.schema, poolSize: 2 });
  });
  afterAll(async () => {
    await second.close();
    await w.close();
  });

  it('reaches a screen on another instance sharing the same PostgreSQL', async () => {
    const otherInstance = new TicketChangeFeed(second);
    const seen = recorder();
    const stop = await otherInstance.subscribe(await w.actor('supervisor'), seen.push);
    const id = await w.createTicket();
    await seen.until((c) => c.id === id && c.status === 'pending_dispatch');
    stop();
    await otherInstance.close();
  });
});
