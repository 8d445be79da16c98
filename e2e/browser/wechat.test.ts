import * as oracle from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

const ACCOUNT = {
  token: 'luzhou12345',
  encodingAESKey: 'Lz8kQm2VbN4xR7tY1uW3sD5fG9hJ0kL6pA2cE4iO8qZ',
  appId: 'wx5a1b2c3d4e5f6a7b',
  appSecret: 'f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8',
};

/** WeChat's API on a local port: a token, and the customer-service messages it is sent. */
async function startFakeWechatApi() {
  const sent: Array<{ touser: string; text: { content: string } }> = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      response.writeHead(200, { 'content-type': 'application/json' });
      if (url.pathname === '/cgi-bin/token') {
        response.end(JSON.stringify({ access_token: 'journey-token', expires_in: 7200 }));
      } else if (url.pathname === '/cgi-bin/message/custom/send') {
        sent.push(JSON.parse(body) as { touser: string; text: { content: string } });
        response.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      } else {
        response.end(JSON.stringify({ errcode: 40007, errmsg: 'invalid media_id' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const xml = new XMLParser({ parseTagValue: false });
let msgId = 7_200_000_000_000_000_000n;

/** A citizen's text as WeChat's servers send it in safe mode; the decrypted, verified reply. */
async function say(page: Page, endpoint: string, openid: string, content: string): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const message =
    `<xml><ToUserName><![CDATA[gh_luzhou12345]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${(msgId += 1n)}</MsgId></xml>`;
  const encrypt = oracle.encrypt(ACCOUNT.encodingAESKey, message, ACCOUNT.appId);
  const query = new URLSearchParams({
    signature: oracle.getSignature(ACCOUNT.token, timestamp, nonce, ''),
    timestamp,
    nonce,
    openid,
    encrypt_type: 'aes',
    msg_signature: oracle.getSignature(ACCOUNT.token, timestamp, nonce, encrypt),
  });
  const response = await page.request.post(`${endpoint}?${query.toString()}`, {
    headers: { 'content-type': 'text/xml' },
    data: `<xml><ToUserName><![CDATA[gh_luzhou12345]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  });
  expect(response.status(), await response.text()).toBe(200);
  const outer = (xml.parse(await response.text()) as { xml: Record<string, string> }).xml;
  expect(outer.MsgSignature).toBe(
    oracle.getSignature(ACCOUNT.token, outer.TimeStamp!, outer.Nonce!, outer.Encrypt!),
  );
  const inner = oracle.decrypt(ACCOUNT.encodingAESKey, outer.Encrypt!);
  expect(inner.id).toBe(ACCOUNT.appId);
  return (xml.parse(inner.message) as { xml: { Content: string } }).xml.Content;
}

describe.runIf(browserAvailable)('the administrator sets up the WeChat official account', () => {
  const journey = useJourney();
  let wechatApi: Awaited<ReturnType<typeof startFakeWechatApi>>;
  beforeAll(async () => {
    wechatApi = await startFakeWechatApi();
  });
  afterAll(async () => wechatApi.close());

  it('keeps the keys write-only; a citizen then files an appeal in WeChat and hears its answer', async () => {
    const page = await journey.staff('admin', '/admin?tab=wechat');
    await page.getByRole('tab', { name: '微信公众号', selected: true }).waitFor();
    const settings = page.getByRole('region', { name: '微信公众号' });
    const endpoint = `${journey.baseUrl()}/api/v1/channels/wechat`;
    await settings.getByText(endpoint).waitFor();

    // A key that is not the console's 43 characters is refused next to its field.
    const key = settings.getByLabel('消息加解密密钥（EncodingAESKey）');
    await key.fill(ACCOUNT.encodingAESKey.slice(0, 42));
    await settings.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');

    await key.fill(ACCOUNT.encodingAESKey);
    await settings.getByLabel('令牌（Token）').fill(ACCOUNT.token);
    await settings.getByLabel('开发者 ID（AppID）').fill(ACCOUNT.appId);
    await settings.getByLabel('开发者密码（AppSecret）').fill(ACCOUNT.appSecret);
    await settings.getByLabel('微信接口地址').fill(wechatApi.url);
    await settings.getByRole('button', { name: '保存' }).click();
    await settings.getByText('已保存微信公众号设置。').waitFor();
    await expect.poll(() => settings.getByText(/已设置/).count()).toBe(3);
    expect(await key.inputValue()).toBe('');
    expect(await page.content()).not.toContain(ACCOUNT.encodingAESKey);

    // The console's URL check.
    const check = await page.request.get(
      `${endpoint}?${new URLSearchParams({
        signature: oracle.getSignature(ACCOUNT.token, '1772413200', '12345', ''),
        timestamp: '1772413200',
        nonce: '12345',
        echostr: '7043215869',
      }).toString()}`,
    );
    expect(await check.text()).toBe('7043215869');

    // A citizen's conversation, encrypted as WeChat sends it.
    const openid = 'oJourneyCitizen𠮷'.replace('𠮷', 'X');
    expect(await say(page, endpoint, openid, '小区路灯坏了三天 𠮷😀')).toContain('发生在哪里');
    expect(await say(page, endpoint, openid, '江阳区大山坪路 12 号')).toContain('请确认您的诉求');
    const filed = await say(page, endpoint, openid, '1');
    const number = /工单号 (\d{14})/.exec(filed)?.[1];
    expect(number, filed).toBeDefined();

    // The operator answers at once; the server's own outbox tells the citizen on WeChat.
    const operator = await journey.api('operator');
    const ticket = await journey.getJson<{ id: number }>(operator, `/tickets/by-number/${number}`);
    const answered = await operator.post(journey.apiUrl(`/tickets/${ticket.id}/direct-answer`), {
      data: { answer: '路灯已列入今晚抢修计划 𠮷😀' },
    });
    expect(answered.status(), await answered.text()).toBe(200);
    await expect
      .poll(() => wechatApi.sent.filter((m) => m.touser === openid).length, { timeout: 20_000 })
      .toBe(1);
    expect(wechatApi.sent.find((m) => m.touser === openid)?.text.content).toContain(
      '路灯已列入今晚抢修计划 𠮷😀',
    );

    const outbox = page.getByRole('region', { name: '进度通知与照片' });
    await outbox.getByLabel('显示').selectOption('all');
    await outbox.getByRole('cell', { name: number! }).waitFor();
    await outbox.getByRole('cell', { name: '已完成' }).first().waitFor();
    await screenshot(page, 'admin-wechat.zh-CN');

    const english = await journey.staff('admin', '/admin?tab=wechat', { locale: 'en' });
    await english.getByRole('region', { name: 'WeChat official account' }).waitFor();
    await english.getByText('Set (', { exact: false }).first().waitFor();
    await screenshot(english, 'admin-wechat.en');
  }, 180_000);
});
