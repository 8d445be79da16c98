import net from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../composition.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { PNG } from '../../test-support/http.js';
import {
  CENTRE_ADDRESS,
  createMessagingTest,
  type MessagingTest,
} from './messaging-test-support.js';
import { enqueueMessage } from './outbox.repository.js';
import { SmtpListener } from './smtp-listener.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]);

describe.each(TEST_DIALECTS)('the e-mail channel (%s)', (dialect) => {
  let t: MessagingTest;
  let listener: SmtpListener;
  let port: number;
  const MAX_BYTES = 200_000;

  beforeAll(async () => {
    t = await createMessagingTest(dialect);
    listener = new SmtpListener(
      { host: '127.0.0.1', port: 0, maxBytes: MAX_BYTES },
      t.services.messaging.email,
    );
    port = await listener.start();
  });
  afterAll(async () => {
    await listener.stop();
    await t.close();
  });

  /** A real SMTP session from a citizen's mail client to the centre's listener. */
  const send = (mail: SendMailOptions) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
      .sendMail({ from: '"李𠮷" <citizen@example.com>', to: CENTRE_ADDRESS, ...mail });

  const ticketOfMessage = async (messageId: string) =>
    (
      await t.testDb.database.db
        .selectFrom('messaging_inbound')
        .select('ticket_id')
        .where('channel', '=', 'email')
        .where('external_id', '=', messageId)
        .executeTakeFirstOrThrow()
    ).ticket_id!;

  const attachmentsOf = (ticketId: number) =>
    t.testDb.database.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();

  it('files a mail to the centre with its attachments and acknowledges it by mail', async () => {
    const messageId = `<appeal-1.${dialect}@example.com>`;
    const mail = {
      messageId,
      subject: '路灯坏了 𠮷 😀',
      text: '滨江路 18 号门口路灯坏了一周 𠮷 😀\n请尽快修理。',
      attachments: [
        { filename: '现场照片𠮷.png', content: PNG, contentType: 'image/png' },
        { filename: 'report.pdf', content: PDF, contentType: 'application/pdf' },
        {
          filename: '说明.docx',
          content: DOCX,
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
      ],
    };
    const sent = await send(mail);
    expect(sent.accepted).toEqual([CENTRE_ADDRESS]);

    const ticketId = await ticketOfMessage(messageId);
    expect(await t.ticketRow(ticketId)).toMatchObject({
      channel: 'email',
      status: 'received',
      title: '路灯坏了 𠮷 😀',
      description: '滨江路 18 号门口路灯坏了一周 𠮷 😀\n请尽快修理。',
      citizen_name: '李𠮷',
    });
    const contact = await t.testDb.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({
      channel: 'email',
      caller_number: 'citizen@example.com',
      external_id: messageId,
    });
    const files = await attachmentsOf(ticketId);
    expect(files.map((f) => [f.name, f.mime, f.uploaded_by])).toEqual([
      ['现场照片𠮷.png', 'image/png', null],
      ['report.pdf', 'application/pdf', null],
    ]);
    // Staff download the citizen's file as sent.
    const cookie = await t.login(t.fixture.users.operator.username);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketId}/attachments/${files[0]!.id}`,
      headers: { cookie },
    });
    expect(download.rawPayload.equals(PNG)).toBe(true);

    // The acknowledgement: by SMTP, threaded under the citizen's mail, number and code inside.
    await t.deliver();
    const ack = t.smtp.mails.find((m) => m.parsed.inReplyTo === messageId)!;
    const { number } = (await t.ticketRow(ticketId)) as { number: string };
    expect(ack.rcptTo).toEqual(['citizen@example.com']);
    expect(ack.parsed.subject).toBe(`Re: 路灯坏了 𠮷 😀 [工单号 ${number}] 您的来信已受理`);
    expect(ack.parsed.from?.value[0]?.address).toBe(CENTRE_ADDRESS);
    const code = /查询码 (\w+)/.exec(ack.parsed.text ?? '')?.[1];
    const tracked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/appeals/${number}?code=${code}`,
    });
    expect(tracked.statusCode).toBe(200);
    expect(ack.parsed.text).toContain('说明.docx');

    // Delivered again (the sender did not see our 250): nothing more is filed or stored.
    const tickets = await t.count('tickets');
    await send(mail);
    expect(await t.count('tickets')).toBe(tickets);
    expect(await attachmentsOf(ticketId)).toHaveLength(2);
    await t.deliver();
    expect(t.smtp.mails.filter((m) => m.parsed.inReplyTo === messageId)).toHaveLength(1);

    // The reply goes out by mail too; the citizen's answer to it joins the ticket.
    await t.bringToReply(ticketId, '路灯已修复 𠮷 😀');
    await t.deliver();
    const answer = t.smtp.mails.at(-1)!;
    expect(answer.parsed.subject).toBe(`Re: 路灯坏了 𠮷 😀 [工单号 ${number}] 答复`);
    expect(answer.parsed.text).toContain('路灯已修复 𠮷 😀');
    await send({
      messageId: `<follow-up.${dialect}@example.com>`,
      inReplyTo: answer.parsed.messageId,
      references: [messageId, answer.parsed.messageId!],
      subject: `Re: ${answer.parsed.subject}`,
      text: '谢谢，但隔壁那盏也坏了',
      attachments: [{ filename: 'next.png', content: Buffer.concat([PNG, Buffer.from([1])]) }],
    });
    expect(await ticketOfMessage(`<follow-up.${dialect}@example.com>`)).toBe(ticketId);
    expect(await t.count('tickets')).toBe(tickets);
    expect(await attachmentsOf(ticketId)).toHaveLength(3);
  });

  it('runs as the server’s background work: listens on SMTP_LISTEN_PORT and sends on its own', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const services = createServices(
      t.testDb.database,
      { ...t.config, smtpListenPort: free, smtpListenHost: '127.0.0.1' },
      t.clock,
    );
    const lines: string[] = [];
    const log = {
      info: (detail: Record<string, unknown>, message: string) =>
        lines.push(`${message} ${JSON.stringify(detail)}`),
      error: (_detail: { err: unknown }, message: string) => lines.push(message),
    };
    const stop = await services.messaging.background.start(log);
    try {
      const messageId = `<background.${dialect}@example.com>`;
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: free, secure: false, ignoreTLS: true })
        .sendMail({
          from: 'someone@example.com',
          to: CENTRE_ADDRESS,
          messageId,
          subject: '后台',
          text: '测试 😀',
        });
      await expect
        .poll(() => t.smtp.mails.some((m) => m.parsed.inReplyTo === messageId), {
          timeout: 20_000,
        })
        .toBe(true);
    } finally {
      await stop();
    }
    expect(lines).toContain(`SMTP listener ready {"host":"127.0.0.1","port":${free}}`);
    // The settings' secrets never reach the log.
    expect(lines.join('\n')).not.toMatch(/sms-inbound-secret|weibo-app-secret|sms-api-key/);
  });

  it('refuses other recipients at RCPT TO and mail beyond the size limit', async () => {
    const refused = await send({ to: 'someone-else@luzhou.example', text: 'hi' }).catch(
      (error: { responseCode?: number }) => error,
    );
    expect(refused).toMatchObject({ responseCode: 550 });
    const big = await send({
      text: '大附件',
      attachments: [{ filename: 'big.pdf', content: Buffer.alloc(MAX_BYTES, 0x25) }],
    }).catch((error: { responseCode?: number }) => error);
    expect(big).toMatchObject({ responseCode: 552 });
  });

  it('turns an HTML-only mail into text, and files nothing for automatic mail', async () => {
    const messageId = `<html-only.${dialect}@example.com>`;
    await send({
      messageId,
      subject: '噪音',
      html: '<p>楼下<b>夜间施工</b>噪音很大 😀</p><p>请处理</p>',
    });
    const ticketId = await ticketOfMessage(messageId);
    const description = ((await t.ticketRow(ticketId)) as { description: string }).description;
    expect(description).toContain('夜间施工噪音很大 😀');
    expect(description).not.toContain('<');

    const tickets = await t.count('tickets');
    const outbox = await t.count('messaging_outbox');
    await send({
      subject: 'Out of office',
      text: 'I am away',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({ envelope: { from: '', to: CENTRE_ADDRESS }, subject: 'bounce', text: 'failed' });
    expect(await t.count('tickets')).toBe(tickets);
    await t.deliver();
    // Never answered either: an auto-reply answered by an acknowledgement could loop.
    expect(await t.count('messaging_outbox')).toBe(outbox);
  });

  it('files nothing for a reply to a staff notice, and tells its sender once where to act', async () => {
    // A reminder e-mailed to a handler, as the staff notices send it (no ticket on the row).
    await t.testDb.database.write((trx) =>
      enqueueMessage(
        trx,
        {
          channel: 'email',
          kind: 'staff_sv_reminder',
          ticketId: null,
          recipient: 'handler@nancheng.example.gov.cn',
          subject: '催办：工单 20260301000001',
          body: '请尽快办理。',
          dedupeKey: `staff-reply-test:${dialect}`,
        },
        t.clock.now().toISOString(),
      ),
    );
    await t.deliver();
    const notice = t.smtp.mails.find((m) => m.parsed.subject === '催办：工单 20260301000001')!;
    const tickets = await t.count('tickets');
    const reply = {
      from: '"王𠮷" <handler@nancheng.example.gov.cn>',
      messageId: `<staff-reply.${dialect}@nancheng.example.gov.cn>`,
      inReplyTo: notice.parsed.messageId,
      references: [notice.parsed.messageId!],
      subject: `Re: ${notice.parsed.subject}`,
      text: '收到，今天处理 😀',
    };
    await send(reply);
    await send(reply);
    expect(await t.count('tickets')).toBe(tickets);
    const contacts = await t.testDb.database.db
      .selectFrom('contacts')
      .select('id')
      .where('caller_number', '=', 'handler@nancheng.example.gov.cn')
      .execute();
    expect(contacts).toEqual([]);
    await t.deliver();
    const answers = t.smtp.mails.filter((m) => m.parsed.inReplyTo === reply.messageId);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.rcptTo).toEqual(['handler@nancheng.example.gov.cn']);
    expect(answers[0]!.parsed.text).toContain('通知中的链接');
  });
});
