import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { actorFor } from '../../test-support/fixtures.js';
import type { NotificationArrival } from './notification-feed.js';
import { NotificationService } from './notifications.service.js';

/** Collects what a subscriber receives, and waits for an arrival matching `test`. */
function recorder() {
  const seen: NotificationArrival[] = [];
  const waiters: Array<{ test: (a: NotificationArrival) => boolean; resolve: () => void }> = [];
  return {
    seen,
    push: (arrival: NotificationArrival) => {
      seen.push(arrival);
      for (const waiter of waiters.filter((w) => w.test(arrival))) waiter.resolve();
    },
    until: (test: (a: NotificationArrival) => boolean): Promise<void> => {
      if (seen.some(test)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching notification; saw ${JSON.stringify(seen)}`)),
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

describe.each(TEST_DIALECTS)('notifications pushed to their addressees (%s)', (dialect) => {
  let t: TestApp;
  let second: Database;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    second = openDatabase({
      url: t.testDb.url,
      ...(t.testDb.searchPath ? { searchPath: t.testDb.searchPath } : {}),
      poolSize: 2,
    });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  /** Writes a notification through another app instance's connections. */
  const notifyElsewhere = async (input: Parameters<NotificationService['notify']>[1]) => {
    const service = new NotificationService(second, t.clock);
    const written = await second.write(async (trx) => {
      await service.notify(trx, input);
      return trx
        .selectFrom('notifications')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
    });
    return Number(written.id);
  };

  it('tells a unit’s members of the unit’s notifications and a person of their own, from any instance', async () => {
    const { units, users } = t.fixture;
    const handler = recorder();
    const supervisor = recorder();
    const stopHandler = await t.services.notifications.feed.subscribe(
      await actorFor(t.testDb.database, users.handler.username),
      handler.push,
    );
    const stopSupervisor = await t.services.notifications.feed.subscribe(
      await actorFor(t.testDb.database, users.supervisor.username),
      supervisor.push,
    );
    const toUnit = await notifyElsewhere({
      unitId: units.nanchengStreet,
      kind: 'sv_reminder',
      message: '20260302000001 · 路灯不亮 𠮷 😀',
    });
    const toSupervisor = await notifyElsewhere({
      unitId: units.centre,
      userId: users.supervisor.id,
      kind: 'sv_escalation',
      message: '20260302000001 · 路灯不亮',
    });
    const toAnalyst = await notifyElsewhere({
      unitId: units.centre,
      userId: users.analyst.id,
      kind: 'x',
      message: 'not for the supervisor',
    });
    await handler.until((a) => a.id === toUnit);
    await supervisor.until((a) => a.id === toSupervisor);
    const last = await notifyElsewhere({ unitId: units.centre, kind: 'x', message: 'everyone' });
    await supervisor.until((a) => a.id === last);
    expect(handler.seen.map((a) => a.id)).toEqual([toUnit]);
    expect(supervisor.seen.map((a) => a.id)).toEqual([toSupervisor, last]);
    expect(supervisor.seen.map((a) => a.id)).not.toContain(toAnalyst);
    stopHandler();
    stopSupervisor();
  });

  it('streams them over HTTP as server-sent events, to logged-in users only', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const cookie = await t.login(t.fixture.users.handler.username);
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          `${address}/api/v1/notifications/events`,
          { headers: { cookie }, agent: false },
          resolve,
        )
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
    const id = await notifyElsewhere({
      unitId: t.fixture.units.nanchengStreet,
      kind: 'sv_near',
      message: '20260302000002 · 噪音扰民',
    });
    await readUntil(`event: notification\ndata: {"id":${id}}`);
    response.destroy();

    // The bell's "mark all as read".
    const unread = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/notifications?unread=true',
        headers: { cookie },
      });
    expect((await unread()).json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    const marked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: { cookie },
    });
    expect(marked.json<{ marked: number }>().marked).toBeGreaterThan(0);
    expect((await unread()).json<{ items: unknown[] }>().items).toEqual([]);

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/events' });
    expect(anonymous.statusCode).toBe(401);
  });
});
