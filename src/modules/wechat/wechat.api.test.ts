import * as oracle from '@wecom/crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { errorOf } from '../../test-support/http.js';
import { TEXTS } from './conversation-rules.js';
import { contentOf, signature, TEST_ACCOUNT, WechatSimulator } from './test-wechat.js';

const FILED = /工单号 (\d{14})，查询码 ([A-Z0-9]{10})/;

describe.each(TEST_DIALECTS)('the WeChat official account on %s', (dialect) => {
  let t: TestApp;
  let wechat: WechatSimulator;
  let admin: string;
  let citizen = 0;
  /** A new follower for each test: conversations do not mix. */
  const newOpenid = () => `oLuzhou-${dialect}-${++citizen}-𠮷`.replace('𠮷', 'x');

  const configure = async (values: Record<string, string | null>) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/channels/wechat',
      headers: { cookie: admin },
      payload: values,
    });

  const ticketsOf = (openid: string) =>
    t.testDb.database.db
      .selectFrom('tickets')
      .innerJoin('contacts', 'contacts.ticket_id', 'tickets.id')
      .selectAll('tickets')
      .where('contacts.channel', '=', 'wechat')
      .where('contacts.caller_number', '=', openid)
      .execute();

  /** Text, place, confirm: a filed appeal's number and query code. */
  const fileAppeal = async (openid: string, what = '小区路灯坏了三天') => {
    await wechat.text(openid, what);
    await wechat.text(openid, '江阳区南城街道大山坪 3 号');
    const filed = await wechat.text(openid, '1');
    const match = FILED.exec(contentOf(filed));
    if (!match) throw new Error(`not filed: ${contentOf(filed)}`);
    return { number: match[1]!, queryCode: match[2]! };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login(t.fixture.users.admin.username);
    wechat = new WechatSimulator(t.app, t.clock);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the account settings for admins, secrets masked, and refuses a bad EncodingAESKey by its rule', async () => {
    // Not set up yet: WeChat's requests are refused with the reason.
    const early = await wechat.text(newOpenid(), '你好');
    expect(early.status).toBe(409);
    expect(early.error?.code).toBe('WECHAT_NOT_CONFIGURED');

    const shortKey = await configure({ encodingAESKey: TEST_ACCOUNT.encodingAESKey.slice(0, 42) });
    expect(shortKey.statusCode).toBe(400);
    expect(shortKey.json()).toMatchObject({
      error: { field: 'encodingAESKey', rule: 'pattern' },
    });
    expect(errorOf(shortKey).message).toContain('43 letters and digits');
    expect((await configure({ mode: 'secure' })).statusCode).toBe(400);

    const saved = await configure({
      token: TEST_ACCOUNT.token,
      encodingAESKey: TEST_ACCOUNT.encodingAESKey,
      appId: TEST_ACCOUNT.appId,
      appSecret: TEST_ACCOUNT.appSecret,
      mode: 'safe',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain(TEST_ACCOUNT.encodingAESKey);
    expect(saved.body).not.toContain(TEST_ACCOUNT.appSecret);
    expect(saved.body).not.toContain(TEST_ACCOUNT.token);
    const settings = saved.json<{
      settings: Array<{ key: string; value: string | null; set: boolean }>;
    }>().settings;
    const byKey = Object.fromEntries(settings.map((s) => [s.key, s]));
    expect(byKey).toMatchObject({
      token: { value: null, set: true },
      encodingAESKey: { value: null, set: true },
      appSecret: { value: null, set: true },
      appId: { value: TEST_ACCOUNT.appId, set: true },
      mode: { value: 'safe' },
      apiBaseUrl: { value: 'https://api.weixin.qq.com', set: false },
    });
  });

  it('is described in the OpenAPI document, without login, taking XML', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<
        string,
        Record<string, { security?: unknown[]; requestBody?: { content: object } }>
      >;
    }>();
    const path = doc.paths['/api/v1/channels/wechat'];
    expect(Object.keys(path ?? {}).sort()).toEqual(['get', 'post']);
    expect(path?.post?.security).toEqual([]);
    expect(Object.keys(path?.post?.requestBody?.content ?? {})).toEqual([
      'text/xml',
      'application/xml',
    ]);
  });

  it('answers the URL check with the echostr when the signature is right', async () => {
    const check = (query: Record<string, string>) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/channels/wechat?${new URLSearchParams(query).toString()}`,
      });
    const timestamp = '1772413200';
    const nonce = '928374651';
    const right = await check({
      signature: signature(TEST_ACCOUNT.token, timestamp, nonce),
      timestamp,
      nonce,
      echostr: '5837397520252616762',
    });
    expect(right.statusCode).toBe(200);
    expect(right.headers['content-type']).toMatch(/^text\/plain/);
    expect(right.body).toBe('5837397520252616762');

    const wrong = await check({
      signature: signature('another-token', timestamp, nonce),
      timestamp,
      nonce,
      echostr: '5837397520252616762',
    });
    expect(wrong.statusCode).toBe(403);
    expect(errorOf(wrong).code).toBe('WECHAT_SIGNATURE_INVALID');

    // An encrypted echostr (with msg_signature) comes back decrypted.
    const echostr = oracle.encrypt(
      TEST_ACCOUNT.encodingAESKey,
      '1616140317555161061',
      TEST_ACCOUNT.appId,
    );
    const encrypted = await check({
      msg_signature: oracle.getSignature(TEST_ACCOUNT.token, timestamp, nonce, echostr),
      timestamp,
      nonce,
      echostr,
    });
    expect(encrypted.statusCode).toBe(200);
    expect(encrypted.body).toBe('1616140317555161061');
  });

  it('takes an appeal over a whole conversation in safe mode and answers with the ticket number', async () => {
    const openid = newOpenid();
    const greeting = await wechat.send(openid, {
      MsgType: 'event',
      Event: 'subscribe',
      EventKey: '',
    });
    expect(contentOf(greeting)).toBe(TEXTS.welcome);
    // Replies come from the account, to the citizen.
    expect(greeting.reply).toMatchObject({
      ToUserName: openid,
      FromUserName: TEST_ACCOUNT.originalId,
      MsgType: 'text',
    });

    expect(contentOf(await wechat.text(openid, '小区门口路灯坏了三天，晚上很黑 𠮷😀'))).toBe(
      TEXTS.askWhere,
    );
    const photo = await wechat.send(openid, {
      MsgType: 'image',
      PicUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/abc/0',
      MediaId: 'media-𠮷-1',
    });
    expect(contentOf(photo)).toContain('照片已收到（共 1 张）');
    const place = await wechat.send(openid, {
      MsgType: 'location',
      Location_X: '28.871396',
      Location_Y: '105.442913',
      Scale: '15',
      Label: '四川省泸州市江阳区𠮷祥路 8 号😀',
    });
    const summary = contentOf(place);
    expect(summary).toContain('【问题】小区门口路灯坏了三天，晚上很黑 𠮷😀');
    expect(summary).toContain('【地点】四川省泸州市江阳区𠮷祥路 8 号😀');
    expect(summary).toContain('【照片】1 张');
    expect(summary).toContain('回复 1 确认提交');

    const filed = await wechat.send(openid, {
      MsgType: 'voice',
      MediaId: 'voice-1',
      Format: 'amr',
      Recognition: '确认。',
    });
    const match = FILED.exec(contentOf(filed));
    expect(match, contentOf(filed)).not.toBeNull();
    const [, number, queryCode] = match!;

    const [ticket, ...others] = await ticketsOf(openid);
    expect(others).toHaveLength(0);
    expect(ticket).toMatchObject({
      number,
      channel: 'wechat',
      status: 'received',
      description: '小区门口路灯坏了三天，晚上很黑 𠮷😀',
      address: '四川省泸州市江阳区𠮷祥路 8 号😀',
      lat: 28.871396,
      lng: 105.442913,
    });
    // The query code follows the appeal on the portal too.
    const tracked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/appeals/${number}?code=${queryCode}`,
    });
    expect(tracked.statusCode).toBe(200);
    // Every message is a contact (the subscribe event is not a message); the confirming one holds the ticket.
    const contacts = await t.testDb.database.db
      .selectFrom('contacts')
      .select(['ticket_id', 'summary'])
      .where('channel', '=', 'wechat')
      .where('caller_number', '=', openid)
      .orderBy('id')
      .execute();
    expect(contacts.map((c) => c.ticket_id)).toEqual([null, null, null, ticket!.id]);
    expect(contacts[0]?.summary).toBe('小区门口路灯坏了三天，晚上很黑 𠮷😀');
    // The photo waits in the outbox, to be fetched after the answer.
    const photos = await t.testDb.database.db
      .selectFrom('wechat_outbox')
      .select(['kind', 'payload'])
      .where('ticket_id', '=', ticket!.id)
      .execute();
    expect(photos.map((p) => p.kind)).toEqual(['photo']);
    expect(photos[0]?.payload).toContain('media-𠮷-1');

    // The conversation starts afresh.
    expect(contentOf(await wechat.text(openid, '1'))).toBe(TEXTS.welcome);
  });

  it('answers a redelivered message once: the same reply, one ticket', async () => {
    const openid = newOpenid();
    await wechat.text(openid, '噪音扰民，工地夜间施工');
    await wechat.text(openid, '纳溪区安富街道');
    const msgId = wechat.newMsgId();
    const first = await wechat.text(openid, '1', msgId);
    // WeChat retries after five seconds without an answer; here also twice at once.
    const again = await Promise.all([
      wechat.text(openid, '1', msgId),
      wechat.text(openid, '1', msgId),
    ]);
    expect(contentOf(first)).toMatch(FILED);
    for (const answer of again) expect(contentOf(answer)).toBe(contentOf(first));
    expect(await ticketsOf(openid)).toHaveLength(1);

    // An event redelivered (same sender and CreateTime) is handled once too.
    const createTime = Math.floor(t.clock.now().getTime() / 1000) + 7;
    const subscribe = { MsgType: 'event', Event: 'subscribe', CreateTime: createTime };
    expect(contentOf(await wechat.send(openid, subscribe))).toBe(TEXTS.welcome);
    expect(contentOf(await wechat.send(openid, subscribe))).toBe(TEXTS.welcome);
    const handled = await t.testDb.database.db
      .selectFrom('wechat_messages')
      .select('message_key')
      .where('openid', '=', openid)
      .execute();
    expect(handled.filter((m) => m.message_key.startsWith('event:'))).toHaveLength(1);
  });

  it('tells a citizen the status of their own tickets only ("查询")', async () => {
    const openid = newOpenid();
    const { number } = await fileAppeal(openid, '自来水发黄 😀');
    const one = contentOf(await wechat.text(openid, `查询 ${number}`));
    expect(one).toBe(`工单 ${number}（2026-03-02 提交）：已收到，等待受理。`);
    const list = contentOf(await wechat.text(openid, '查询'));
    expect(list).toContain(`${number}：已收到，等待受理`);

    // Another citizen cannot read it, and learns nothing about it.
    const stranger = newOpenid();
    const refused = contentOf(await wechat.text(stranger, `查询 ${number}`));
    expect(refused).toContain(`没有找到您提交的工单 ${number}`);
    expect(refused).not.toContain('自来水');
    expect(contentOf(await wechat.text(stranger, '查询 12345'))).toContain('14 位数字');
  });

  it('refuses what is not from WeChat, and files nothing', async () => {
    const openid = newOpenid();
    const fields = { MsgType: 'text', Content: '路灯坏了' };

    const otherAccount = await wechat.send(openid, fields, { appId: 'wx0000000000000000' });
    expect(otherAccount.status).toBe(403);
    expect(otherAccount.error?.code).toBe('WECHAT_APPID_MISMATCH');

    const tampered = await wechat.send(openid, fields, { tamper: 'msg_signature' });
    expect(tampered.status).toBe(403);
    expect(tampered.error?.code).toBe('WECHAT_SIGNATURE_INVALID');
    expect(tampered.error?.message).toContain('msg_signature');

    const badSignature = await wechat.send(openid, fields, { tamper: 'signature' });
    expect(badSignature.status).toBe(403);

    // Safe mode takes encrypted messages only.
    const plain = await wechat.send(openid, fields, { mode: 'plain' });
    expect(plain.status).toBe(403);
    expect(plain.error?.code).toBe('WECHAT_ENCRYPTION_REQUIRED');

    // A DOCTYPE is refused inside the encrypted message and outside it.
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' +
      `<xml><ToUserName>gh</ToUserName><FromUserName>${openid}</FromUserName><CreateTime>1</CreateTime>` +
      '<MsgType>text</MsgType><Content>&secret;</Content><MsgId>1</MsgId></xml>';
    const inner = await wechat.send(openid, fields, { xml: xxe });
    expect(inner.status).toBe(400);
    expect(inner.error?.code).toBe('WECHAT_XML_REFUSED');
    const outer = await wechat.send(openid, fields, { xml: xxe, mode: 'plain' });
    expect(outer.status).toBe(400);
    expect(outer.error?.code).toBe('WECHAT_XML_REFUSED');

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/channels/wechat',
      payload: { MsgType: 'text' },
    });
    expect(json.statusCode).toBe(400);

    expect(await ticketsOf(openid)).toHaveLength(0);
    const contacts = await t.testDb.database.db
      .selectFrom('contacts')
      .select('id')
      .where('caller_number', '=', openid)
      .execute();
    expect(contacts).toHaveLength(0);
  });

  it('works in plain and compatible modes too', async () => {
    try {
      expect((await configure({ mode: 'plain' })).statusCode).toBe(200);
      const openid = newOpenid();
      const plain = await wechat.text(openid, '路灯坏了 𠮷', undefined);
      // (the simulator is in safe mode: this one was encrypted, which plain mode refuses)
      expect(plain.error?.code).toBe('WECHAT_MODE_MISMATCH');
      wechat.mode = 'plain';
      const answer = await wechat.text(openid, '路灯坏了 𠮷');
      expect(answer.raw).toContain('<Content><![CDATA[');
      expect(contentOf(answer)).toBe(TEXTS.askWhere);

      expect((await configure({ mode: 'compatible' })).statusCode).toBe(200);
      wechat.mode = 'compatible';
      const compatible = await wechat.text(openid, '江阳区');
      // Encrypted in, encrypted out (the simulator checked its signature and decrypted it).
      expect(compatible.raw).toContain('<Encrypt>');
      expect(contentOf(compatible)).toContain('【问题】路灯坏了 𠮷');
      // Plain messages are still taken in compatible mode.
      wechat.mode = 'plain';
      expect(contentOf(await wechat.text(openid, '2'))).toBe(TEXTS.cancelled);
    } finally {
      wechat.mode = 'safe';
      await configure({ mode: 'safe' });
    }
  });

  it('logs neither the channel secrets nor the citizen, their openid or their words', async () => {
    const lines = new PassThrough();
    let log = '';
    lines.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const logged = await buildApp({
      config: { ...t.config, logLevel: 'info' },
      services: t.services,
      logStream: lines,
    });
    try {
      const loggedWechat = new WechatSimulator(logged, t.clock);
      const openid = 'oSecretCitizen0001';
      await loggedWechat.text(openid, '我家住在江阳区秘密路 9 号，电话 13800001111');
      await loggedWechat.send(
        openid,
        { MsgType: 'text', Content: 'x' },
        { tamper: 'msg_signature' },
      );
      await logged.inject({
        method: 'PUT',
        url: '/api/v1/admin/channels/wechat',
        headers: { cookie: admin },
        payload: { appSecret: TEST_ACCOUNT.appSecret, token: TEST_ACCOUNT.token },
      });
    } finally {
      await logged.close();
    }
    expect(log).toContain('/api/v1/channels/wechat');
    for (const secret of [
      'oSecretCitizen0001',
      '秘密路',
      '13800001111',
      TEST_ACCOUNT.token,
      TEST_ACCOUNT.appSecret,
      TEST_ACCOUNT.encodingAESKey,
      'msg_signature',
    ]) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
