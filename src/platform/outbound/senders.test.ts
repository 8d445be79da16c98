import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeHttpGateway,
  startFakeSmtpServer,
  type FakeHttpGateway,
  type FakeSmtpServer,
} from '../../test-support/fake-gateways.js';
import { SmtpMailSender, type SmtpSettings } from './mail-sender.js';
import { SendError } from './send-error.js';
import { HttpSmsSender, type SmsGatewaySettings } from './sms-sender.js';

const failure = async (promise: Promise<unknown>): Promise<SendError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SendError) return error;
    throw error;
  }
  throw new Error('expected a SendError');
};

describe('the HTTP SMS gateway sender', () => {
  let gateway: FakeHttpGateway;
  let settings: SmsGatewaySettings | null;
  const sender = new HttpSmsSender(async () => settings);

  beforeAll(async () => {
    gateway = await startFakeHttpGateway();
  });
  afterAll(async () => gateway.close());

  const configure = (overrides: Partial<SmsGatewaySettings> = {}) => {
    settings = {
      url: `${gateway.url}/v1/messages`,
      apiKey: 'key-abc-1',
      senderId: '12345',
      timeoutMs: 2000,
      ...overrides,
    };
  };

  it('posts one JSON message with the key as a bearer token and keeps the gateway id', async () => {
    configure();
    gateway.answers.push({ status: 202, body: { messageId: 'gw-001' } });
    const sent = await sender.send({
      to: '13800000001',
      text: '工单 𠮷 已受理 😀',
      reference: 'oh-sms-1',
    });
    expect(sent).toEqual({ messageId: 'gw-001' });
    const request = gateway.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/messages');
    expect(request.headers.authorization).toBe(`Bearer key-abc-1`);
    expect(request.headers['idempotency-key']).toBe('oh-sms-1');
    expect(JSON.parse(request.body)).toEqual({
      to: '13800000001',
      text: '工单 𠮷 已受理 😀',
      from: '12345',
      reference: 'oh-sms-1',
    });
  });

  it('says which refusals are worth a retry', async () => {
    configure();
    const cases: Array<[number, string, boolean]> = [
      [500, 'GATEWAY_ERROR', true],
      [503, 'GATEWAY_ERROR', true],
      [429, 'GATEWAY_RATE_LIMITED', true],
      [401, 'GATEWAY_AUTH_FAILED', true],
      [400, 'GATEWAY_REFUSED', false],
      [422, 'GATEWAY_REFUSED', false],
    ];
    for (const [status, code, retryable] of cases) {
      gateway.answers.push({ status, body: { error: 'no', to: '13800000001' } });
      const error = await failure(sender.send({ to: '13800000001', text: 'x', reference: 'r' }));
      expect([status, error.code, error.retryable]).toEqual([status, code, retryable]);
      // Only the status is kept: the gateway's answer may repeat the number.
      expect(error.message).not.toContain('13800000001');
    }
    gateway.answers.push({ status: 429, headers: { 'retry-after': '30' } });
    expect((await failure(sender.send({ to: '1', text: 'x', reference: 'r' }))).retryAfterMs).toBe(
      30_000,
    );
  });

  it('gives up waiting after the timeout, retryably, and refuses to send unconfigured', async () => {
    configure({ timeoutMs: 150 });
    gateway.answers.push({ status: 200, hang: true });
    const slow = await failure(sender.send({ to: '13800000001', text: 'x', reference: 'r' }));
    expect([slow.code, slow.retryable]).toEqual(['GATEWAY_TIMEOUT', true]);

    configure({ url: 'http://127.0.0.1:9/none' });
    const away = await failure(sender.send({ to: '13800000001', text: 'x', reference: 'r' }));
    expect([away.code, away.retryable]).toEqual(['GATEWAY_UNREACHABLE', true]);

    settings = null;
    const none = await failure(sender.send({ to: '13800000001', text: 'x', reference: 'r' }));
    expect([none.code, none.retryable]).toEqual(['NOT_CONFIGURED', true]);
  });

  it('treats an accepted message without an id as final (a retry could deliver it twice)', async () => {
    configure();
    gateway.answers.push({ status: 200, body: { ok: true } });
    const error = await failure(sender.send({ to: '13800000001', text: 'x', reference: 'r' }));
    expect([error.code, error.retryable]).toEqual(['GATEWAY_BAD_ANSWER', false]);
  });
});

describe('the SMTP mail sender', () => {
  let smtp: FakeSmtpServer;
  let settings: SmtpSettings | null;
  const sender = new SmtpMailSender(async () => settings);

  beforeAll(async () => {
    smtp = await startFakeSmtpServer({
      login: { user: 'hotline', password: 'pw-𠮷' },
      refuse: (address) => address.startsWith('nobody@'),
    });
  });
  afterAll(async () => smtp.close());

  const configure = (overrides: Partial<SmtpSettings> = {}) => {
    settings = {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: 'hotline',
      password: 'pw-𠮷',
      from: '"泸州12345" <12345@luzhou.example>',
      timeoutMs: 3000,
      ...overrides,
    };
  };

  it('sends UTF-8 text with an encoded subject, our Message-ID and the thread it answers', async () => {
    configure();
    const sent = await sender.send({
      to: 'citizen@example.com',
      subject: '您的来信已受理 𠮷 😀',
      text: '工单号 20260302000001，路灯 𠮷 修好了 😀',
      messageId: '<openhotline.7.1@luzhou.example>',
      inReplyTo: '<appeal-1@example.com>',
      references: ['<appeal-1@example.com>'],
    });
    expect(sent.messageId).toBe('<openhotline.7.1@luzhou.example>');
    const mail = smtp.mails.at(-1)!;
    expect(mail.user).toBe('hotline');
    expect(mail.rcptTo).toEqual(['citizen@example.com']);
    expect(mail.parsed.subject).toBe('您的来信已受理 𠮷 😀');
    expect(mail.parsed.text?.trim()).toBe('工单号 20260302000001，路灯 𠮷 修好了 😀');
    expect(mail.parsed.inReplyTo).toBe('<appeal-1@example.com>');
    expect(mail.parsed.from?.value[0]).toEqual({
      address: '12345@luzhou.example',
      name: '泸州12345',
    });
    // The subject travels encoded (RFC 2047), never as raw 8-bit bytes in the header.
    const subjectLine = mail.raw.toString('latin1').match(/^Subject: (.*)$/m)?.[1] ?? '';
    expect(subjectLine).toMatch(/^=\?UTF-8\?[BQ]\?/i);
  });

  it('says which failures are worth a retry', async () => {
    configure();
    const refused = await failure(
      sender.send({ to: 'nobody@example.com', subject: 's', text: 't' }),
    );
    expect([refused.retryable, refused.message]).toEqual([false, expect.any(String)]);
    expect(refused.message).not.toContain('nobody@');

    configure({ password: 'wrong' });
    const login = await failure(sender.send({ to: 'a@example.com', subject: 's', text: 't' }));
    expect([login.code, login.retryable]).toEqual(['SMTP_AUTH_FAILED', true]);

    configure({ port: 9 });
    const away = await failure(sender.send({ to: 'a@example.com', subject: 's', text: 't' }));
    expect(away.retryable).toBe(true);

    settings = null;
    const none = await failure(sender.send({ to: 'a@example.com', subject: 's', text: 't' }));
    expect([none.code, none.retryable]).toEqual(['NOT_CONFIGURED', true]);
  });
});
