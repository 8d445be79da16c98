import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../test-support/databases.js';
import {
  startFakeHttpGateway,
  startFakeSmtpServer,
  type FakeHttpGateway,
  type FakeSmtpServer,
} from '../../../test-support/fake-gateways.js';
import { FIXTURE_PASSWORD } from '../../../test-support/fixtures.js';
import { createSupervisionHarness, MONDAY_0900, type SupervisionHarness } from '../test-harness.js';

const MINUTE = 60_000;
const WORKSPACE = 'https://12345.luzhou.example/';

interface SmsBody {
  to: string;
  text: string;
  reference: string;
}

describe.each(TEST_DIALECTS)('supervision notices by e-mail and SMS (%s)', (dialect) => {
  let h: SupervisionHarness;
  let gateway: FakeHttpGateway;
  let smtp: FakeSmtpServer;
  let admin: string;
  /** Handlers of 南城街道: the fixture's, one who opted out of overdue notices, one without contacts. */
  let people: { handler: number; optedOut: number; noContact: number; editor: number };

  const put = async (cookie: string, url: string, payload: unknown) => {
    const response = await h.app.inject({
      method: 'PUT',
      url: `/api/v1${url}`,
      headers: { cookie },
      payload: payload as Record<string, unknown>,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Record<string, unknown>>();
  };
  const newStaff = async (username: string, roles: string[]) =>
    (
      await h.services.auth.users.createUser('system', {
        username,
        displayName: `${username} 𠮷`,
        password: FIXTURE_PASSWORD,
        unitId: h.fixture.units.nanchengStreet,
        roles,
      })
    ).id;
  const texts = () => gateway.jsonTo('/sms').map((body) => body as SmsBody);
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.rcptTo.includes(address));
  const drain = () => h.services.messaging.outbox.drain();
  const scan = () => h.services.supervision.scanner.scan();

  beforeAll(async () => {
    h = await createSupervisionHarness(dialect);
    gateway = await startFakeHttpGateway();
    smtp = await startFakeSmtpServer();
    admin = await h.login(h.fixture.users.admin.username);
    await put(admin, '/admin/channels/sms', {
      gateway_url: `${gateway.url}/sms`,
      api_key: 'gateway-key-1',
      signature: '【泸州12345】',
    });
    await put(admin, '/admin/channels/email', {
      centre_address: '12345@luzhou.example',
      smtp_host: '127.0.0.1',
      smtp_port: String(smtp.port),
      smtp_security: 'none',
      timeout_seconds: '5',
    });
    await put(admin, '/admin/channels/staff_notices', { workspace_url: WORKSPACE });

    people = {
      handler: h.fixture.users.handler.id,
      optedOut: await newStaff('h-nancheng-2', ['handler']),
      noContact: await newStaff('h-nancheng-3', ['handler']),
      // In the unit, with contacts, but not a handler: unit notices are not theirs.
      editor: await newStaff('kb-nancheng', ['kb_editor']),
    };
    await put(admin, `/users/${people.handler}/contact`, {
      email: 'h-nancheng@nancheng.example.gov.cn',
      mobile: '13800000001',
    });
    await put(admin, `/users/${people.optedOut}/contact`, {
      email: 'h2@nancheng.example.gov.cn',
      mobile: '+8613800000002',
    });
    await put(admin, `/users/${people.editor}/contact`, {
      email: 'kb@nancheng.example.gov.cn',
      mobile: '13800000004',
    });
    // The second handler reads in English and wants no overdue notices by e-mail or SMS.
    const optedOut = await h.login('h-nancheng-2');
    await put(optedOut, '/notice-settings', {
      language: 'en',
      topics: [{ topic: 'overdue', email: false, sms: false }],
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await smtp?.close();
    await h?.close();
  });

  it('tells the handling unit’s staff by e-mail and SMS as they chose, once, retrying a failed text', async () => {
    h.clock.set(MONDAY_0900);
    // Urgent: 2 h to sign for; near at 90 minutes, overdue at 2 h.
    const id = await h.dispatched({ urgency: 'urgent', title: '路灯不亮 𠮷 🚧' });
    const ticketNumber = (
      await h.testDb.database.db
        .selectFrom('tickets')
        .select('number')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).number;
    const link = `https://12345.luzhou.example/tickets/${id}`;

    // Near: by e-mail only (the default), to both handlers with an e-mail.
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 90 * MINUTE));
    await scan();
    await drain();
    expect(texts()).toEqual([]);
    const [nearZh] = mailsTo('h-nancheng@nancheng.example.gov.cn');
    expect(nearZh?.parsed.subject).toBe(`【临期提醒】工单${ticketNumber}「路灯不亮 𠮷 🚧」`);
    expect(nearZh?.parsed.text).toContain(`查看工单：${link}`);
    const [nearEn] = mailsTo('h2@nancheng.example.gov.cn');
    expect(nearEn?.parsed.subject).toBe(
      `[12345] Deadline near: ticket ${ticketNumber} 路灯不亮 𠮷 🚧`,
    );
    expect(nearEn?.parsed.text).toContain(`Open the ticket: ${link}`);
    expect(mailsTo('kb@nancheng.example.gov.cn')).toEqual([]);

    // Overdue: e-mail and SMS to the handler; the gateway fails once, the text is tried again.
    gateway.answers.push({ status: 503 });
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 120 * MINUTE));
    await scan();
    expect(await drain()).toMatchObject({ sent: 1, retrying: 1, failed: 0 });
    expect(texts()).toHaveLength(1);
    expect(await drain()).toMatchObject({ sent: 0, retrying: 0 });
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 121 * MINUTE));
    expect(await drain()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    const sms = texts();
    expect(sms).toHaveLength(2);
    // The same message both times: the gateway may drop a repeat by its reference.
    expect(sms[1]).toEqual(sms[0]);
    expect(sms[1]?.reference).toMatch(/^openhotline-\d+$/);
    expect(sms[1]).toMatchObject({
      to: '13800000001',
      from: null,
      text: `【泸州12345】【超期提醒】工单${ticketNumber}「路灯不亮 𠮷 🚧」已超过办理时限，请立即办理。查看：${link}`,
    });
    const overdue = mailsTo('h-nancheng@nancheng.example.gov.cn');
    expect(overdue.map((m) => m.parsed.subject)).toEqual([
      `【临期提醒】工单${ticketNumber}「路灯不亮 𠮷 🚧」`,
      `【超期提醒】工单${ticketNumber}「路灯不亮 𠮷 🚧」`,
    ]);
    // The second handler opted out of overdue notices; the editor is no handler.
    expect(mailsTo('h2@nancheng.example.gov.cn')).toHaveLength(1);
    expect(texts().filter((t) => t.to !== '13800000001')).toEqual([]);

    // Scanning and delivering again (and from a second instance) sends nothing more.
    await scan();
    const other = await h.secondInstance();
    try {
      await other.services.supervision.scanner.scan();
    } finally {
      await other.close();
    }
    await drain();
    expect(texts()).toHaveLength(2);
    expect(smtp.mails).toHaveLength(3);

    // The outbox shows the staff notices (no recipient, no content) and ties none to the ticket,
    // so a reply to the centre's address is never threaded in as the citizen's.
    const rows = await h.testDb.database.db
      .selectFrom('messaging_outbox')
      .select(['channel', 'kind', 'status', 'attempts', 'ticket_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { channel: 'email', kind: 'staff_sv_near', status: 'sent', attempts: 1, ticket_id: null },
      { channel: 'email', kind: 'staff_sv_near', status: 'sent', attempts: 1, ticket_id: null },
      { channel: 'email', kind: 'staff_sv_overdue', status: 'sent', attempts: 1, ticket_id: null },
      { channel: 'sms', kind: 'staff_sv_overdue', status: 'sent', attempts: 2, ticket_id: null },
    ]);
  });

  it('words a hand reminder (催办) and sends it by e-mail only, as the default says', async () => {
    const id = await h.dispatched({ title: '井盖缺失' });
    const supervisor = await h.actor('supervisor');
    await h.services.supervision.reminders.remind(supervisor, id, {
      unitId: h.fixture.units.nanchengStreet,
      note: '请今天处理',
    });
    await drain();
    const reminder = mailsTo('h-nancheng@nancheng.example.gov.cn').at(-1);
    expect(reminder?.parsed.subject).toMatch(/^【催办】工单\d+「井盖缺失」$/);
    // Reminders go by e-mail only unless the user asks for texts.
    expect(texts().filter((t) => t.text.includes('井盖缺失'))).toEqual([]);
  });
});
