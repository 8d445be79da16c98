import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';
import {
  startFakeHttpGateway,
  type FakeHttpGateway,
} from '../../src/test-support/fake-gateways.js';

describe.runIf(browserAvailable)('the administrator sets up the SMS channel in a browser', () => {
  const journey = useJourney();
  let gateway: FakeHttpGateway;
  beforeAll(async () => {
    gateway = await startFakeHttpGateway();
  });
  afterAll(async () => gateway.close());

  it('keeps the secret write-only, and a signed text then files an appeal answered by SMS', async () => {
    const page = await journey.staff('admin', '/admin?tab=messaging');
    await page.getByRole('tab', { name: '短信·微博·邮件', selected: true }).waitFor();
    const sms = page.getByRole('region', { name: '短信', exact: true });
    await sms.getByText(`${journey.baseUrl()}/api/v1/channels/sms/inbound`).waitFor();

    // A URL that is none is refused next to its field.
    await sms.getByLabel('短信网关地址（发送）').fill('sms.example.com');
    await sms.getByRole('button', { name: '保存' }).click();
    const url = sms.getByLabel('短信网关地址（发送）');
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');

    await url.fill(`${gateway.url}/send`);
    await sms.getByLabel('短信网关 API 密钥').fill('key-123');
    await sms.getByLabel('上行推送签名密钥（HMAC-SHA256）').fill('inbound-secret-𠮷');
    await sms.getByRole('button', { name: '保存' }).click();
    await sms.getByText('已保存短信设置。').waitFor();
    // Secrets come back only as "set": the field is empty again, its value never on the page.
    await expect.poll(() => sms.getByText(/已设置/).count()).toBe(2);
    expect(await sms.getByLabel('短信网关 API 密钥').inputValue()).toBe('');
    expect(await page.content()).not.toContain('inbound-secret');

    // The gateway delivers a citizen's text, signed with that secret.
    const body = JSON.stringify({
      messageId: 'journey-1',
      from: '13911112222',
      text: '路灯坏了 😀',
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', 'inbound-secret-𠮷')
      .update(`${timestamp}.${body}`)
      .digest('hex');
    const delivered = await page.request.post(journey.apiUrl('/channels/sms/inbound'), {
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': timestamp,
        'x-hotline-signature': `sha256=${signature}`,
      },
      data: body,
    });
    expect(delivered.status(), await delivered.text()).toBe(200);

    // The server's own outbox sends the receipt to the gateway, with the key as a bearer token.
    await expect
      .poll(() => gateway.requests.filter((r) => r.url === '/send').length, { timeout: 60_000 })
      .toBe(1);
    const sent = gateway.requests.find((r) => r.url === '/send')!;
    expect(sent.headers.authorization).toBe('Bearer key-123');
    expect((JSON.parse(sent.body) as { text: string }).text).toMatch(/工单号\d{14}，查询码\w+/);

    const outbox = page.getByRole('region', { name: '发送记录' });
    await outbox.getByLabel('显示').selectOption('all');
    await outbox.getByRole('cell', { name: '已发送' }).first().waitFor();
    await screenshot(page, 'admin-messaging.zh-CN');

    const english = await journey.staff('admin', '/admin?tab=messaging', { locale: 'en' });
    await english.getByRole('region', { name: 'SMS', exact: true }).waitFor();
    await screenshot(english, 'admin-messaging.en');
  }, 120_000);
});
