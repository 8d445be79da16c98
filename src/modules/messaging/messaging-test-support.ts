// Test helpers for the SMS, Weibo and e-mail channels: the whole app on a real database, local
// fake gateways (an HTTP server for the SMS gateway and Weibo's API, an SMTP server for outgoing
// mail) configured through the admin's channel settings, and signed webhook calls. No mocks.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DialectName } from '../../platform/db/database.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  startFakeHttpGateway,
  startFakeSmtpServer,
  type FakeHttpGateway,
  type FakeSmtpServer,
} from '../../test-support/fake-gateways.js';
import type { Fixture } from '../../test-support/fixtures.js';
import { smsSignature, weiboSignature } from './webhook-signature.js';

export const SMS_SECRET = 'sms-inbound-secret-𠮷';
export const WEIBO_SECRET = 'weibo-app-secret';
export const CENTRE_ADDRESS = '12345@luzhou.example';

export interface MessagingTest extends TestApp {
  gateway: FakeHttpGateway;
  smtp: FakeSmtpServer;
  /** PUT /admin/channels/:channel as the admin; expects 200. */
  configure(
    channel: 'sms' | 'weibo' | 'email',
    values: Record<string, string | null>,
  ): Promise<void>;
  /** POSTs one inbound SMS signed with `secret` (default the configured one) at `at` (default now). */
  sms(
    body: Record<string, unknown>,
    options?: { secret?: string; timestamp?: string; unsigned?: boolean },
  ): Promise<LightMyRequestResponse>;
  /** POSTs one Weibo push signed with the app secret (or `secret`). */
  weibo(
    body: Record<string, unknown>,
    options?: { secret?: string },
  ): Promise<LightMyRequestResponse>;
  /** Plans answers from ticket events and sends everything due, until nothing more is due. */
  deliver(): Promise<void>;
  /** The texts the fake SMS gateway received for a number, in order. */
  textsTo(phone: string): string[];
  /** One API call as a fixture user; expects 200. */
  step(user: keyof Fixture['users'], url: string, body?: Record<string, unknown>): Promise<void>;
  /** received → accepted → dispatched to the housing bureau → signed → replied with `text`. */
  bringToReply(ticketId: number, text: string): Promise<void>;
  ticketRow(id: number): Promise<Record<string, unknown>>;
  count(table: 'tickets' | 'contacts' | 'messaging_inbound' | 'messaging_outbox'): Promise<number>;
}

export async function createMessagingTest(dialect: DialectName): Promise<MessagingTest> {
  const t = await createTestApp(dialect);
  const gateway = await startFakeHttpGateway();
  const smtp = await startFakeSmtpServer();
  const db = t.testDb.database.db;
  const admin = await t.login(t.fixture.users.admin.username);

  const test: MessagingTest = {
    ...t,
    gateway,
    smtp,
    async configure(channel, values) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/admin/channels/${channel}`,
        headers: { cookie: admin },
        payload: values,
      });
      expect(response.statusCode, response.body).toBe(200);
    },
    sms(body, options = {}) {
      const raw = Buffer.from(JSON.stringify(body), 'utf8');
      const timestamp = options.timestamp ?? String(Math.floor(t.clock.now().getTime() / 1000));
      const signature = `sha256=${smsSignature(options.secret ?? SMS_SECRET, timestamp, raw)}`;
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/channels/sms/inbound',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(options.unsigned
            ? {}
            : { 'x-hotline-timestamp': timestamp, 'x-hotline-signature': signature }),
        },
        payload: raw,
      });
    },
    weibo(body, options = {}) {
      const timestamp = String(t.clock.now().getTime());
      const nonce = String(Math.floor(Math.random() * 1e9));
      const signature = weiboSignature(options.secret ?? WEIBO_SECRET, timestamp, nonce);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/channels/weibo/webhook?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
        payload: body,
      });
    },
    async deliver() {
      for (let round = 0; round < 10; round++) {
        await t.services.messaging.updates.scan();
        const drained = await t.services.messaging.outbox.drain();
        if (drained.sent + drained.retrying + drained.failed === 0) return;
      }
    },
    textsTo(phone) {
      return gateway
        .jsonTo('/sms')
        .map((body) => body as { to: string; text: string })
        .filter((body) => body.to === phone)
        .map((body) => body.text);
    },
    async step(user, url, body = {}) {
      const cookie = await t.login(t.fixture.users[user].username);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { cookie },
        payload: body,
      });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    },
    async bringToReply(ticketId, text) {
      await test.step('operator', `/tickets/${ticketId}/accept`, {
        categoryId: t.fixture.categories.streetLight,
        districtId: t.fixture.units.jiangyang,
      });
      await test.step('dispatcher', `/tickets/${ticketId}/dispatch`, {
        leadUnitId: t.fixture.units.housingBureau,
      });
      await test.step('handlerDept', `/tickets/${ticketId}/sign`);
      await test.step('handlerDept', `/tickets/${ticketId}/reply`, { text });
    },
    async ticketRow(id) {
      return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
    async count(table) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      await gateway.close();
      await smtp.close();
      await t.close();
    },
  };

  await test.configure('sms', {
    gateway_url: `${gateway.url}/sms`,
    api_key: 'sms-api-key',
    sender_id: '12345',
    inbound_secret: SMS_SECRET,
    signature: '【泸州12345】',
    timeout_seconds: '2',
  });
  await test.configure('weibo', {
    api_base_url: `${gateway.url}/weibo-api`,
    private_api_base_url: `${gateway.url}/weibo-m`,
    access_token: 'weibo-token',
    push_secret: WEIBO_SECRET,
    timeout_seconds: '2',
  });
  await test.configure('email', {
    centre_address: CENTRE_ADDRESS,
    smtp_host: '127.0.0.1',
    smtp_port: String(smtp.port),
    smtp_security: 'none',
    from_address: `"泸州12345热线" <${CENTRE_ADDRESS}>`,
    timeout_seconds: '5',
  });
  return test;
}
