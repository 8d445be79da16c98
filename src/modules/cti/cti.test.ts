import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import type { BackgroundLog } from '../../platform/background.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS, TEST_POSTGRES_URL } from '../../test-support/databases.js';
import {
  ariCallEvents,
  eslCallEvents,
  FakeAriServer,
  FakeEslServer,
  type AriCallScript,
} from '../../test-support/fake-pbx.js';
import { actorFor, FIXTURE_PASSWORD } from '../../test-support/fixtures.js';
import type { CallEvent } from './call-events.js';
import { CallFeed, type CallPop } from './call-feed.js';
import { readCtiSettings } from './call-rules.js';
import { findCall, type CallRecord } from './calls.repository.js';
import { adapterFor, CTI_CHANNEL } from './switch-watcher.js';

const ARI = { user: 'hotline', password: 'ari-Secret-42', app: 'openhotline' };
const ESL_PASSWORD = 'esl-Secret-42';
const CALLER = '13812345678';

/** Collects what background work logs, to check that no secret or number ever appears. */
function logRecorder() {
  const lines: string[] = [];
  const log: BackgroundLog = {
    error: (detail, message) =>
      lines.push(`${message} ${String((detail.err as Error | undefined)?.message ?? detail.err)}`),
    info: (detail, message) => lines.push(`${message} ${JSON.stringify(detail)}`),
  };
  return { log, lines };
}

/** What an operator's screen receives, and a way to wait for a pop. */
function popRecorder() {
  const seen: CallPop[] = [];
  return {
    seen,
    push: (pop: CallPop) => void seen.push(pop),
    states: (callId: number) => seen.filter((p) => p.callId === callId).map((p) => p.state),
  };
}

describe.each(TEST_DIALECTS)('the phone switch (%s)', (dialect) => {
  let t: TestApp;
  let db: Database;
  let admin: Actor;
  let op1: Actor;
  let op2: Actor;
  let ari: FakeAriServer;
  let esl: FakeEslServer;
  const logs = logRecorder();
  let stopBackground: (() => Promise<void>) | null = null;

  const call = (switchKind: 'asterisk' | 'freeswitch', id: string) =>
    findCall(db.db, switchKind, id);
  const ended = async (switchKind: 'asterisk' | 'freeswitch', id: string): Promise<CallRecord> => {
    await expect
      .poll(async () => (await call(switchKind, id))?.endedAt ?? null, { timeout: 10_000 })
      .not.toBeNull();
    // The contact is settled right after the end is recorded.
    await expect
      .poll(async () => {
        const record = await call(switchKind, id);
        return record?.operatorId === null || record?.contactId !== null;
      })
      .toBe(true);
    return (await call(switchKind, id))!;
  };
  const contactsOf = async (number: string) =>
    (await t.services.intake.contacts.history(op1, number)).contacts;
  const eventKinds = async (callId: number) =>
    (
      await db.db
        .selectFrom('cti_call_events')
        .select('kind')
        .where('call_id', '=', callId)
        .orderBy('id')
        .execute()
    ).map((r) => r.kind);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    db = t.testDb.database;
    admin = await actorFor(db, t.fixture.users.admin.username);
    op1 = await actorFor(db, t.fixture.users.operator.username);
    await t.services.auth.users.createUser('system', {
      username: 'op2',
      displayName: '话务员𠮷🙂',
      password: FIXTURE_PASSWORD,
      unitId: t.fixture.units.centre,
      roles: ['operator'],
    });
    op2 = await actorFor(db, 'op2');
    await t.services.cti.extensions.assign(admin, '8001', op1.userId);
    await t.services.cti.extensions.assign(admin, '8002', op2.userId);
    [ari, esl] = await Promise.all([FakeAriServer.start(ARI), FakeEslServer.start(ESL_PASSWORD)]);
    await t.services.channels.settings.update(admin, CTI_CHANNEL, {
      kind: 'asterisk',
      ari_url: ari.url,
      ari_user: ARI.user,
      ari_password: ARI.password,
      recording_url_template: 'https://rec.example/{day}/{callId}.wav',
    });
    stopBackground = await t.services.cti.background.start(logs.log);
    await ari.waitForClients(1);
  });

  afterAll(async () => {
    await stopBackground?.();
    await Promise.all([ari?.close(), esl?.close()]);
    await t?.close();
    // Never a password, nor a caller's number, in what the adapters logged.
    const logged = logs.lines.join('\n');
    expect(logged).not.toContain(ARI.password);
    expect(logged).not.toContain(ESL_PASSWORD);
    expect(logged).not.toContain(CALLER);
  });

  it('connects to the ARI event WebSocket as the app, observing every channel', () => {
    const query = ari.connections[0]!;
    expect(query.get('app')).toBe('openhotline');
    expect(query.get('api_key')).toBe(`${ARI.user}:${ARI.password}`);
    expect(query.get('subscribeAll')).toBe('true');
  });

  it("records an answered call with its times, the operator's contact and the screen pops", async () => {
    const pops1 = popRecorder();
    const pops2 = popRecorder();
    const stop1 = await t.services.cti.feed.subscribe(op1, pops1.push);
    const stop2 = await t.services.cti.feed.subscribe(op2, pops2.push);
    ari.send(
      ...ariCallEvents({
        callId: '1772413200.1',
        callerNumber: '138-1234-5678',
        offeredAt: '2026-03-02T01:00:00.000Z',
        ring: {
          legId: '1772413203.2',
          extension: '8001',
          at: '2026-03-02T01:00:03.000Z',
          answeredAt: '2026-03-02T01:00:09.000Z',
        },
        endedAt: '2026-03-02T01:04:09.000Z',
      }),
    );
    const record = await ended('asterisk', '1772413200.1');
    expect(record).toMatchObject({
      switch: 'asterisk',
      callerNumber: CALLER,
      calledNumber: '12345',
      agentExtension: '8001',
      operatorId: op1.userId,
      offeredAt: '2026-03-02T01:00:00.000Z',
      offeredDay: '2026-03-02',
      ringingAt: '2026-03-02T01:00:03.000Z',
      answeredAt: '2026-03-02T01:00:09.000Z',
      endedAt: '2026-03-02T01:04:09.000Z',
      outcome: 'answered',
      answerWaitMs: 9000,
      handleMs: 240_000,
      recordingUrl: 'https://rec.example/2026-03-02/1772413200.1.wav',
    });
    const contact = async () => (await contactsOf(CALLER)).find((c) => c.id === record.contactId);
    // The contact's end follows the call's, a moment later.
    await expect.poll(async () => (await contact())?.endedAt).toBe('2026-03-02T01:04:09.000Z');
    expect(await contact()).toMatchObject({
      channel: 'phone',
      callerNumber: CALLER,
      operatorId: op1.userId,
      startedAt: '2026-03-02T01:00:00.000Z',
      answeredAt: '2026-03-02T01:00:09.000Z',
      endedAt: '2026-03-02T01:04:09.000Z',
      outcome: 'pending',
    });
    await expect
      .poll(() => pops1.states(record.id))
      .toEqual(['ringing', 'answered', 'contact', 'ended']);
    expect(pops1.seen[0]).toMatchObject({ callerNumber: CALLER, extension: '8001' });
    expect(pops1.seen.find((p) => p.state === 'contact')?.contactId).toBe(record.contactId);
    // The other operator's screen hears nothing of it.
    expect(pops2.seen).toEqual([]);
    stop1();
    stop2();
  });

  it('records a call delivered twice, and by two connections, once', async () => {
    const second = adapterFor(
      readCtiSettings(await t.services.channels.settings.values(CTI_CHANNEL)),
      t.services.cti.calls,
      logs.log,
    )!;
    second.start();
    await ari.waitForClients(2);
    const script: AriCallScript = {
      callId: '1772413300.5',
      callerNumber: '13900001111',
      offeredAt: '2026-03-02T01:10:00.000Z',
      ring: { legId: '1772413302.6', extension: '8002', at: '2026-03-02T01:10:02.000Z' },
      endedAt: '2026-03-02T01:10:25.000Z',
    };
    ari.send(...ariCallEvents(script));
    ari.send(...ariCallEvents(script));
    const record = await ended('asterisk', script.callId);
    await second.stop();
    await ari.waitForClients(1);
    expect(record).toMatchObject({
      outcome: 'abandoned',
      agentExtension: '8002',
      operatorId: op2.userId,
      answeredAt: null,
      handleMs: null,
      recordingUrl: null,
    });
    const calls = await db.db
      .selectFrom('cti_calls')
      .select('id')
      .where('pbx_call_id', '=', script.callId)
      .execute();
    expect(calls).toHaveLength(1);
    expect(await eventKinds(record.id)).toEqual(['ringing', 'ring_stopped', 'ended', 'contact']);
    // One contact, in the name of the operator whose phone rang, abandoned.
    const contacts = await contactsOf('13900001111');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      id: record.contactId,
      operatorId: op2.userId,
      outcome: 'abandoned',
      answeredAt: null,
      endedAt: '2026-03-02T01:10:25.000Z',
    });
  });

  it('tells calls the switch ended from callers giving up; a call no phone rang has no contact', async () => {
    const queueOnly = (callId: string, callerHungUp: boolean) =>
      ariCallEvents({
        callId,
        callerNumber: '13700002222',
        offeredAt: '2026-03-02T01:20:00.000Z',
        endedAt: '2026-03-02T01:21:00.000Z',
        callerHungUp,
      });
    ari.send(...queueOnly('1772413400.1', false), ...queueOnly('1772413400.2', true));
    expect(await ended('asterisk', '1772413400.1')).toMatchObject({
      outcome: 'missed',
      operatorId: null,
      ringingAt: null,
      contactId: null,
    });
    expect(await ended('asterisk', '1772413400.2')).toMatchObject({
      outcome: 'abandoned',
      contactId: null,
    });
    expect(await contactsOf('13700002222')).toEqual([]);
  });

  it('reconnects when the switch drops the connection', async () => {
    ari.dropClients();
    await ari.waitForClients(1);
    ari.send(
      ...ariCallEvents({
        callId: '1772413500.1',
        callerNumber: '13600003333',
        offeredAt: '2026-03-02T01:30:00.000Z',
        ring: {
          legId: '1772413500.2',
          extension: '8001',
          at: '2026-03-02T01:30:01.000Z',
          answeredAt: '2026-03-02T01:30:02.000Z',
        },
        endedAt: '2026-03-02T01:31:00.000Z',
      }),
    );
    expect(await ended('asterisk', '1772413500.1')).toMatchObject({ outcome: 'answered' });
  });

  it('waits, without logging the secret, when the switch refuses the credentials', async () => {
    const refused = logRecorder();
    const adapter = adapterFor(
      readCtiSettings({
        kind: 'asterisk',
        ari_url: ari.url,
        ari_app: ARI.app,
        ari_user: ARI.user,
        ari_password: 'wrong-Secret-99',
      }),
      t.services.cti.calls,
      refused.log,
    )!;
    adapter.start();
    await expect.poll(() => refused.lines.join('\n')).toContain('refused');
    await adapter.stop();
    expect(refused.lines.join('\n')).not.toContain('wrong-Secret-99');
    expect(ari.clientCount).toBe(1);
  });

  it("follows the admin's settings: FreeSWITCH's event socket instead of Asterisk", async () => {
    await stopBackground?.();
    stopBackground = null;
    await t.services.channels.settings.update(admin, CTI_CHANNEL, {
      kind: 'freeswitch',
      esl_host: '127.0.0.1',
      esl_port: String(esl.port),
      esl_password: ESL_PASSWORD,
    });
    stopBackground = await t.services.cti.background.start(logs.log);
    await esl.waitForSubscribers(1);
    await expect.poll(() => ari.clientCount).toBe(0);
    expect(esl.subscriptions[0]).toBe(
      'CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE CHANNEL_BRIDGE',
    );
    const answered = eslCallEvents({
      callId: '9b1c5a52-0001',
      callerNumber: '+86 135 0000 4444',
      offeredAt: '2026-03-02T02:00:00.000Z',
      ring: {
        legId: '9b1c5a52-0002',
        extension: '8002',
        at: '2026-03-02T02:00:04.000Z',
        answeredAt: '2026-03-02T02:00:21.000Z',
      },
      endedAt: '2026-03-02T02:03:21.000Z',
    });
    // Cut into 7-byte writes, and delivered twice.
    await esl.send(answered, 7);
    await esl.send(answered);
    const record = await ended('freeswitch', '9b1c5a52-0001');
    expect(record).toMatchObject({
      callerNumber: '+8613500004444',
      agentExtension: '8002',
      operatorId: op2.userId,
      ringingAt: '2026-03-02T02:00:04.000Z',
      answeredAt: '2026-03-02T02:00:21.000Z',
      outcome: 'answered',
      answerWaitMs: 21_000,
      handleMs: 180_000,
      recordingUrl: 'https://rec.example/2026-03-02/9b1c5a52-0001.wav',
    });
    expect(await eventKinds(record.id)).toEqual(['ringing', 'answered', 'contact', 'ended']);
    const contacts = await contactsOf('+8613500004444');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ operatorId: op2.userId, outcome: 'pending' });

    await esl.send(
      eslCallEvents({
        callId: '9b1c5a52-0003',
        callerNumber: '13500005555',
        offeredAt: '2026-03-02T02:10:00.000Z',
        ring: { legId: '9b1c5a52-0004', extension: '8001', at: '2026-03-02T02:10:02.000Z' },
        endedAt: '2026-03-02T02:10:40.000Z',
        disposition: 'recv_cancel',
      }),
    );
    expect(await ended('freeswitch', '9b1c5a52-0003')).toMatchObject({
      outcome: 'abandoned',
      operatorId: op1.userId,
    });
  });

  it('pushes screen pops over HTTP as server-sent events, to operators only', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const cookie = await t.login(t.fixture.users.operator.username);
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(`${address}/api/v1/cti/events`, { headers: { cookie }, agent: false }, resolve)
        .on('error', reject),
    );
    expect(response.headers['content-type']).toContain('text/event-stream');
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    await expect.poll(() => text).toContain('event: ready');
    const context = { switch: 'asterisk' as const, numbers: [], recordingUrlTemplate: null };
    const events: CallEvent[] = [
      {
        kind: 'offered',
        callId: 'sse-1',
        at: '2026-03-02T03:00:00.000Z',
        callerNumber: '13400006666',
        calledNumber: '12345',
      },
      {
        kind: 'ringing',
        callId: 'sse-1',
        at: '2026-03-02T03:00:02.000Z',
        legId: 'sse-1-a',
        extension: '8001',
      },
    ];
    for (const event of events) await t.services.cti.calls.record(context, event);
    await expect.poll(() => text, { timeout: 10_000 }).toContain('event: call');
    const line = text.split('\n').find((l) => l.startsWith('data: {"callId"'))!;
    expect(JSON.parse(line.slice('data: '.length))).toMatchObject({
      state: 'ringing',
      callerNumber: '13400006666',
      extension: '8001',
    });
    response.destroy();

    // A screen opened during the call shows it at once.
    const later = popRecorder();
    const stop = await t.services.cti.feed.subscribe(op1, later.push);
    expect(later.seen[0]).toMatchObject({ state: 'ringing', callerNumber: '13400006666' });
    stop();

    const supervisor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cti/events',
      headers: { cookie: await t.login(t.fixture.users.supervisor.username) },
    });
    expect(supervisor.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/cti/events' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('computes the measures per day and operator as counted by hand', async () => {
    const context = { switch: 'asterisk' as const, numbers: [], recordingUrlTemplate: null };
    const play = async (script: {
      id: string;
      offered: string;
      ring?: { ext: string; at: string };
      answered?: string;
      ended: string;
      by?: 'caller' | 'switch';
    }) => {
      const events: CallEvent[] = [
        {
          kind: 'offered',
          callId: script.id,
          at: script.offered,
          callerNumber: '13300007777',
          calledNumber: '12345',
        },
      ];
      if (script.ring)
        events.push({
          kind: 'ringing',
          callId: script.id,
          at: script.ring.at,
          legId: `${script.id}-leg`,
          extension: script.ring.ext,
        });
      if (script.ring && script.answered)
        events.push({
          kind: 'answered',
          callId: script.id,
          at: script.answered,
          legId: `${script.id}-leg`,
          extension: script.ring.ext,
        });
      events.push({
        kind: 'ended',
        callId: script.id,
        at: script.ended,
        hungUpBy: script.by ?? 'caller',
      });
      for (const event of events) await t.services.cti.calls.record(context, event);
    };
    // 1 April 2026 in Luzhou (UTC+8).
    await play({
      id: 'm1',
      offered: '2026-04-01T01:00:00.000Z',
      ring: { ext: '8001', at: '2026-04-01T01:00:03.000Z' },
      answered: '2026-04-01T01:00:10.000Z',
      ended: '2026-04-01T01:05:10.000Z',
    });
    await play({
      id: 'm2',
      offered: '2026-04-01T02:00:00.000Z',
      ring: { ext: '8001', at: '2026-04-01T02:00:05.000Z' },
      answered: '2026-04-01T02:00:20.000Z',
      ended: '2026-04-01T02:02:20.000Z',
    });
    await play({
      id: 'm3',
      offered: '2026-04-01T03:00:00.000Z',
      ring: { ext: '8002', at: '2026-04-01T03:00:02.000Z' },
      answered: '2026-04-01T03:00:15.000Z',
      ended: '2026-04-01T03:01:15.000Z',
    });
    await play({
      id: 'm4',
      offered: '2026-04-01T04:00:00.000Z',
      ring: { ext: '8002', at: '2026-04-01T04:00:02.000Z' },
      ended: '2026-04-01T04:00:40.000Z',
    });
    await play({
      id: 'm5',
      offered: '2026-04-01T05:00:00.000Z',
      ended: '2026-04-01T05:01:00.000Z',
      by: 'switch',
    });
    // 2 April in Luzhou, the first one at 00:30 local time (still 1 April in UTC).
    await play({
      id: 'm8',
      offered: '2026-04-01T16:30:00.000Z',
      ended: '2026-04-01T16:30:30.000Z',
    });
    await play({
      id: 'm6',
      offered: '2026-04-02T00:30:00.000Z',
      ring: { ext: '8001', at: '2026-04-02T00:30:01.000Z' },
      answered: '2026-04-02T00:30:05.000Z',
      ended: '2026-04-02T00:34:05.000Z',
    });
    await play({
      id: 'm7',
      offered: '2026-04-02T01:00:00.000Z',
      ended: '2026-04-02T01:00:10.000Z',
    });

    const cookie = await t.login(t.fixture.users.supervisor.username);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cti/measures?from=2026-03-31&to=2026-04-02',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      total: Record<string, unknown>;
      days: Array<Record<string, unknown>>;
      operators: Array<Record<string, unknown>>;
      answerTargetSeconds: number;
    }>();
    expect(body.answerTargetSeconds).toBe(15);
    expect(body.total).toEqual({
      offered: 8,
      answered: 4,
      answeredInTime: 3,
      inTimeRate: 0.375,
      connectionRate: 0.5,
      abandoned: 3,
      missed: 1,
      averageHandlingSeconds: 180,
    });
    expect(body.days).toEqual([
      {
        date: '2026-03-31',
        offered: 0,
        answered: 0,
        answeredInTime: 0,
        inTimeRate: null,
        connectionRate: null,
        abandoned: 0,
        missed: 0,
        averageHandlingSeconds: null,
      },
      // m3 was answered after exactly 15 s: in time.
      {
        date: '2026-04-01',
        offered: 5,
        answered: 3,
        answeredInTime: 2,
        inTimeRate: 0.4,
        connectionRate: 0.6,
        abandoned: 1,
        missed: 1,
        averageHandlingSeconds: 160,
      },
      {
        date: '2026-04-02',
        offered: 3,
        answered: 1,
        answeredInTime: 1,
        inTimeRate: 0.333,
        connectionRate: 0.333,
        abandoned: 2,
        missed: 0,
        averageHandlingSeconds: 240,
      },
    ]);
    // The busiest operator first.
    expect(body.operators).toEqual([
      {
        userId: op1.userId,
        displayName: op1.displayName,
        extension: '8001',
        answered: 3,
        answeredInTime: 2,
        averageHandlingSeconds: 220,
      },
      {
        userId: op2.userId,
        displayName: '话务员𠮷🙂',
        extension: '8002',
        answered: 1,
        answeredInTime: 1,
        averageHandlingSeconds: 60,
      },
    ]);

    const calls = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cti/calls?from=2026-04-01&to=2026-04-01&pageSize=2',
      headers: { cookie },
    });
    expect(calls.statusCode).toBe(200);
    const page = calls.json<{ total: number; items: Array<Record<string, unknown>> }>();
    expect(page.total).toBe(5);
    expect(page.items[0]).toMatchObject({ outcome: 'missed', callerNumber: '133****7777' });

    const operator = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cti/measures',
      headers: { cookie: await t.login(t.fixture.users.operator.username) },
    });
    expect(operator.statusCode).toBe(403);
    const backwards = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cti/measures?from=2026-04-02&to=2026-04-01',
      headers: { cookie },
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('lets the admin seat operators at extensions, and nobody else', async () => {
    const cookie = await t.login(t.fixture.users.admin.username);
    const seat = (extension: string, userId: number, as = cookie) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/cti/extensions/${extension}`,
        headers: { cookie: as },
        payload: { userId },
      });
    const moved = await seat('8009', op1.userId);
    expect(moved.statusCode).toBe(200);
    // The operator moved: 8001 is free now.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cti/extensions',
      headers: { cookie },
    });
    expect(list.json<{ items: Array<{ extension: string; userId: number }> }>().items).toEqual([
      expect.objectContaining({ extension: '8002', userId: op2.userId }),
      expect.objectContaining({ extension: '8009', userId: op1.userId }),
    ]);
    const notOperator = await seat('8010', t.fixture.users.dispatcher.id);
    expect(notOperator.statusCode).toBe(400);
    expect(notOperator.json<{ error: { field: string } }>().error.field).toBe('userId');
    const badExtension = await seat('80 10', op1.userId);
    expect(badExtension.statusCode).toBe(400);
    const byOperator = await seat(
      '8011',
      op1.userId,
      await t.login(t.fixture.users.operator.username),
    );
    expect(byOperator.statusCode).toBe(403);
    const freed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/cti/extensions/8009',
      headers: { cookie },
    });
    expect(freed.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/cti/extensions/8009',
      headers: { cookie },
    });
    expect(again.statusCode).toBe(404);
    await seat('8001', op1.userId);
  });
});

describe.runIf(TEST_DIALECTS.includes('postgres'))('screen pops across app instances', () => {
  let t: TestApp;
  let second: Database;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    second = openDatabase({
      url: TEST_POSTGRES_URL,
      searchPath: t.testDb.database.schema,
      poolSize: 2,
    });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it("reach the operator's screen on another instance sharing the same PostgreSQL", async () => {
    const db = t.testDb.database;
    const admin = await actorFor(db, t.fixture.users.admin.username);
    const operator = await actorFor(db, t.fixture.users.operator.username);
    await t.services.cti.extensions.assign(admin, '8001', operator.userId);
    const otherInstance = new CallFeed(second, t.clock);
    const pops = popRecorder();
    const stop = await otherInstance.subscribe(operator, pops.push);
    const context = { switch: 'freeswitch' as const, numbers: [], recordingUrlTemplate: null };
    await t.services.cti.calls.record(context, {
      kind: 'offered',
      callId: 'x-1',
      at: '2026-03-02T01:00:00.000Z',
      callerNumber: CALLER,
      calledNumber: '12345',
    });
    await t.services.cti.calls.record(context, {
      kind: 'ringing',
      callId: 'x-1',
      at: '2026-03-02T01:00:01.000Z',
      legId: 'x-1-b',
      extension: '8001',
    });
    await expect
      .poll(() => pops.seen.map((p) => p.state), { timeout: 10_000 })
      .toEqual(['ringing']);
    expect(pops.seen[0]).toMatchObject({ callerNumber: CALLER, extension: '8001' });
    stop();
    await otherInstance.close();
  });
});
