import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { PNG } from '../../test-support/http.js';
import { createWorkflow, type Workflow } from '../../test-support/workflow.js';
import type { InboundMessage } from './wechat-message.js';
import { WechatApi } from './wechat-api.js';
import { WechatOutboxService } from './wechat-outbox.service.js';
import { toWechatSettings } from './wechat-settings.js';
import { TEST_ACCOUNT } from './test-wechat.js';

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('a photo of a dark street'),
]);

interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

type Trouble = { status: number } | { errcode: number };

/** WeChat's API on a local port: records every request and answers like WeChat. */
class FakeWechatApi {
  readonly received: Received[] = [];
  /** Answers to give to the next customer-service messages instead of success. */
  readonly troubles: Trouble[] = [];
  private tokens = 0;
  private server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => this.answer(request, body, response));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get currentToken(): string {
    return `ACCESS-TOKEN-${this.tokens}`;
  }

  /** The customer-service messages WeChat accepted, oldest first. */
  sent(): Array<{ touser: string; msgtype: string; text: { content: string } }> {
    return this.received
      .filter(
        (r) =>
          r.path === '/cgi-bin/message/custom/send' && r.query.get('access_token') === 'accepted',
      )
      .map(
        (r) => JSON.parse(r.body) as { touser: string; msgtype: string; text: { content: string } },
      );
  }

  tokenRequests(): Received[] {
    return this.received.filter((r) => r.path === '/cgi-bin/token');
  }

  private answer(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const record: Received = {
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      body,
    };
    this.received.push(record);
    const json = (value: unknown, status = 200) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(value));
    };
    const tokenValid = url.searchParams.get('access_token') === this.currentToken;
    switch (url.pathname) {
      case '/cgi-bin/token':
        if (
          url.searchParams.get('appid') !== TEST_ACCOUNT.appId ||
          url.searchParams.get('secret') !== TEST_ACCOUNT.appSecret
        )
          return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        this.tokens++;
        return json({ access_token: this.currentToken, expires_in: 7200 });
      case '/cgi-bin/message/custom/send': {
        if (!tokenValid)
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
        const trouble = this.troubles.shift();
        if (trouble && 'status' in trouble) return json({}, trouble.status);
        if (trouble) return json({ errcode: trouble.errcode, errmsg: 'refused' });
        // Marked for sent(): this one WeChat took.
        url.searchParams.set('access_token', 'accepted');
        record.query = url.searchParams;
        return json({ errcode: 0, errmsg: 'ok' });
      }
      case '/cgi-bin/media/get':
        if (!tokenValid) return json({ errcode: 40001, errmsg: 'invalid credential' });
        if (url.searchParams.get('media_id') !== 'media-kept')
          return json({ errcode: 40007, errmsg: 'invalid media_id' });
        response.writeHead(200, {
          'content-type': 'image/jpeg',
          'content-disposition': 'attachment; filename="x.jpg"',
        });
        return void response.end(JPEG);
      case '/pic/2':
        response.writeHead(200, { 'content-type': 'image/png' });
        return void response.end(PNG);
      default:
        return json({ errcode: 404 }, 404);
    }
  }
}

describe.each(TEST_DIALECTS)('WeChat customer-service messages and photos on %s', (dialect) => {
  let w: Workflow;
  let fake: FakeWechatApi;
  let base: string;
  let citizen = 0;
  let msgId = 8_000_000_000_000_000_000n;

  const configure = async (values: Record<string, string | null>) =>
    w.services.channels.settings.update(await w.actor('admin'), 'wechat', values);

  const message = (
    openid: string,
    fields: Partial<InboundMessage> & { kind: InboundMessage['kind'] },
  ) =>
    ({
      toUser: TEST_ACCOUNT.originalId,
      openid,
      createTime: Math.floor(w.clock.now().getTime() / 1000),
      msgId: (++msgId).toString(),
      ...fields,
    }) as InboundMessage;

  /** A citizen files an appeal over WeChat (with photos): its ticket id and number. */
  const fileOverWechat = async (
    photos: Array<{ mediaId: string | null; picUrl: string | null }> = [],
  ) => {
    const openid = `oPush-${dialect}-${++citizen}`;
    const say = (fields: Partial<InboundMessage> & { kind: InboundMessage['kind'] }) =>
      w.services.wechat.conversations.handle(message(openid, fields));
    await say({ kind: 'text', content: '路灯不亮 𠮷😀' });
    for (const photo of photos) await say({ kind: 'image', ...photo });
    await say({ kind: 'text', content: '江阳区南城街道' });
    const filed = await say({ kind: 'text', content: '1' });
    const number = /工单号 (\d{14})/.exec(filed ?? '')?.[1];
    if (!number) throw new Error(`not filed: ${filed}`);
    const { id } = await w.database.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    return { id, number, openid };
  };

  const step = async (
    user: Parameters<Workflow['call']>[0],
    url: string,
    body: Record<string, unknown> = {},
  ) => {
    const result = await w.call(user, 'POST', url, body);
    expect(result.status, `${url}: ${JSON.stringify(result.body)}`).toBe(200);
  };
  const accept = (id: number) =>
    step('operator', `/tickets/${id}/accept`, { categoryId: w.fixture.categories.streetLight });

  const outboxOf = (ticketId: number) =>
    w.database.db
      .selectFrom('wechat_outbox')
      .select(['kind', 'state', 'attempts', 'last_error'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    fake = new FakeWechatApi();
    base = await fake.start();
    await configure({
      token: TEST_ACCOUNT.token,
      encodingAESKey: TEST_ACCOUNT.encodingAESKey,
      appId: TEST_ACCOUNT.appId,
      appSecret: TEST_ACCOUNT.appSecret,
      mode: 'safe',
      apiBaseUrl: base,
    });
  });
  afterAll(async () => {
    await w.close();
    await fake.stop();
  });

  it('tells the citizen when their ticket is accepted, dispatched, replied and closed', async () => {
    const { id, number, openid } = await fileOverWechat();
    // Filing itself says nothing more: the reply already told the number.
    expect(await w.services.wechat.outbox.runOnce()).toMatchObject({ queued: 0, sent: 0 });

    await accept(id);
    await step('dispatcher', `/tickets/${id}/dispatch`, {
      leadUnitId: w.fixture.units.housingBureau,
    });
    await step('handlerDept', `/tickets/${id}/sign`);
    await step('handlerDept', `/tickets/${id}/reply`, { text: '已更换灯泡，路灯恢复照明 𠮷😀' });
    expect(await w.services.wechat.outbox.runOnce()).toMatchObject({
      queued: 3,
      sent: 3,
      failed: 0,
    });

    const sent = fake.sent().filter((m) => m.touser === openid);
    expect(sent.map((m) => m.msgtype)).toEqual(['text', 'text', 'text']);
    expect(sent[0]?.text.content).toBe(
      `您的诉求（工单号 ${number}）已受理，正在转交承办单位办理。`,
    );
    expect(sent[1]?.text.content).toContain('已转交承办单位办理');
    expect(sent[2]?.text.content).toContain('已更换灯泡，路灯恢复照明 𠮷😀');
    // One token, asked with the account's AppID and AppSecret, used for all three.
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.tokenRequests()[0]?.query.get('grant_type')).toBe('client_credential');

    await step('callback', `/tickets/${id}/callback`, {
      contacted: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(await w.services.wechat.outbox.runOnce()).toMatchObject({ queued: 1, sent: 1 });
    expect(
      fake
        .sent()
        .filter((m) => m.touser === openid)
        .at(-1)?.text.content,
    ).toContain('已办结');
    // Nothing is sent twice.
    expect(await w.services.wechat.outbox.runOnce()).toMatchObject({ queued: 0, sent: 0 });
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('renews a token WeChat refuses, retries after a failure, and gives up what cannot be sent', async () => {
    const outbox = w.services.wechat.outbox;
    // Another client took a new token: WeChat refuses the cached one (40001).
    await w.database.write((trx) =>
      trx.updateTable('wechat_access_tokens').set({ access_token: 'ACCESS-TOKEN-stale' }).execute(),
    );
    const first = await fileOverWechat();
    await accept(first.id);
    const tokensBefore = fake.tokenRequests().length;
    expect(await outbox.runOnce()).toMatchObject({ sent: 1 });
    expect(fake.tokenRequests()).toHaveLength(tokensBefore + 1);
    expect(fake.sent().at(-1)?.touser).toBe(first.openid);

    // WeChat fails (HTTP 500): tried again 30 seconds later.
    const second = await fileOverWechat();
    fake.troubles.push({ status: 500 });
    await accept(second.id);
    expect(await outbox.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    const retried = await outboxOf(second.id);
    expect(retried).toMatchObject([{ kind: 'push', state: 'pending', attempts: 1 }]);
    expect(retried[0]?.last_error).toContain('HTTP 500');
    expect(await outbox.runOnce()).toMatchObject({ sent: 0 });
    w.clock.advance(31_000);
    expect(await outbox.runOnce()).toMatchObject({ sent: 1 });
    expect((await outboxOf(second.id))[0]).toMatchObject({ state: 'done', attempts: 2 });

    // Out of the 48-hour window (45015): no retry will help.
    const third = await fileOverWechat();
    fake.troubles.push({ errcode: 45015 });
    await accept(third.id);
    expect(await outbox.runOnce()).toMatchObject({ failed: 1 });
    const refused = await outboxOf(third.id);
    expect(refused).toMatchObject([{ kind: 'push', state: 'failed', attempts: 1 }]);
    expect(refused[0]?.last_error).toContain('45015');
    w.clock.advance(3_600_000);
    expect(await outbox.runOnce()).toMatchObject({ sent: 0, failed: 0 });
  });

  it('shows the admin what was not sent and why, without whom to or what', async () => {
    const { id, number, openid } = await fileOverWechat();
    fake.troubles.push({ errcode: 43004 });
    await accept(id);
    await w.services.wechat.outbox.runOnce();
    const listed = await w.call<{ items: Array<Record<string, unknown>> }>(
      'admin',
      'GET',
      '/admin/channels/wechat/outbox?status=unsent',
    );
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((i) => i.ticketId === id);
    expect(item).toMatchObject({
      kind: 'push',
      ticketNumber: number,
      state: 'failed',
      attempts: 1,
    });
    expect(String(item?.lastError)).toContain('no longer follows');
    expect(JSON.stringify(listed.body)).not.toContain(openid);
    expect(JSON.stringify(listed.body)).not.toContain('已受理');
    expect((await w.call('operator', 'GET', '/admin/channels/wechat/outbox')).status).toBe(403);
  });

  it("attaches the appeal's photos from the media API, else from their PicUrl", async () => {
    const { id } = await fileOverWechat([
      { mediaId: 'media-kept', picUrl: null },
      { mediaId: 'media-expired', picUrl: `${base}/pic/2` },
      { mediaId: 'media-expired', picUrl: null },
    ]);
    expect(await w.services.wechat.outbox.runOnce()).toMatchObject({ sent: 2, failed: 1 });
    const listed = await w.call<{
      items: Array<{ mime: string; uploadedBy: number | null; name: string }>;
    }>('operator', 'GET', `/tickets/${id}/attachments`);
    expect(listed.body.items.map((a) => [a.mime, a.uploadedBy])).toEqual([
      ['image/jpeg', null],
      ['image/png', null],
    ]);
    expect((await outboxOf(id)).map((item) => item.state)).toEqual(['done', 'done', 'failed']);
  });

  it('sends each message once, and renews the token once, when several app instances run the outbox at once', async () => {
    const tickets = [await fileOverWechat(), await fileOverWechat(), await fileOverWechat()];
    for (const ticket of tickets) await accept(ticket.id);
    const settings = async () =>
      toWechatSettings(await w.services.channels.settings.values('wechat'));
    const instance = () =>
      new WechatOutboxService(
        w.database,
        w.clock,
        new WechatApi(w.database, w.clock, settings),
        w.services.tickets.attachments,
        settings,
      );
    // The token runs out just then: one instance renews it, the others wait for it.
    await w.database.write((trx) =>
      trx
        .updateTable('wechat_access_tokens')
        .set({ expires_at: w.clock.now().toISOString() })
        .execute(),
    );
    const tokensBefore = fake.tokenRequests().length;
    const runs = await Promise.all([
      instance().runOnce(),
      instance().runOnce(),
      w.services.wechat.outbox.runOnce(),
    ]);
    expect(runs.reduce((sum, run) => sum + run.queued, 0)).toBe(3);
    expect(fake.tokenRequests()).toHaveLength(tokensBefore + 1);
    for (const ticket of tickets) {
      expect(fake.sent().filter((m) => m.touser === ticket.openid)).toHaveLength(1);
    }
  });

  it('keeps messages waiting, attempts unused, until the account is set up', async () => {
    await configure({ appSecret: null });
    try {
      const { id } = await fileOverWechat();
      await accept(id);
      expect(await w.services.wechat.outbox.runOnce()).toMatchObject({
        queued: 1,
        sent: 0,
        retried: 0,
      });
      expect(await outboxOf(id)).toMatchObject([{ state: 'pending', attempts: 0 }]);
      await configure({ appSecret: TEST_ACCOUNT.appSecret });
      expect(await w.services.wechat.outbox.runOnce()).toMatchObject({ sent: 1 });
    } finally {
      await configure({ appSecret: TEST_ACCOUNT.appSecret });
    }
  });
});
