import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, json, screenshot, useJourney } from '../../src/test-support/browser.js';
import { ariCallEvents, FakeAriServer } from '../../src/test-support/fake-pbx.js';

// The phone switch on the real server and demo data: the admin connects the hotline's Asterisk
// (here a local server speaking ARI's event WebSocket) and seats the operator at extension 8001;
// a call rings there, and the operator's screen pops the caller's history without a keystroke;
// the call's contact is the one the switch recorded; supervisors read the call measures.

interface Ticket {
  id: number;
  number: string;
}
interface Contact {
  id: number;
  channel: string;
  operatorId: number | null;
  answeredAt: string | null;
  ticketId: number | null;
  outcome: string;
}

const ARI = { user: 'openhotline', password: 'ari-journey-Secret', app: 'openhotline' };
const CALLER = '19900003333';
const EXTENSION = '8001';

describe.runIf(browserAvailable)('the phone switch in a browser', () => {
  const journey = useJourney({ context: { viewport: { width: 1366, height: 768 } } });
  let ari: FakeAriServer;
  let operator: APIRequestContext;
  let earlier: Ticket;

  beforeAll(async () => {
    ari = await FakeAriServer.start(ARI);
    const admin = await journey.api('admin');
    operator = await journey.api('operator');
    const users = await journey.getJson<{
      items: Array<{ id: number; username: string; displayName: string }>;
    }>(admin, '/users?role=operator&pageSize=500');
    const me = users.items.find((u) => u.username === 'operator')!;
    // The admin connects the switch and seats the operator, on the admin's screen.
    const page = await journey.staff('admin', '/calls', { locale: 'zh-CN' });
    const settings = page.getByRole('region', { name: '电话交换机' });
    await settings.getByRole('combobox', { name: '交换机' }).selectOption('asterisk');
    await settings.getByLabel('ARI 地址').fill(ari.url);
    await settings.getByLabel('ARI 用户').fill(ARI.user);
    await settings.getByLabel('ARI 密码').fill(ARI.password);
    await settings.getByLabel(/录音链接模板/).fill('https://recordings.example/{day}/{callId}.wav');
    await settings.getByRole('button', { name: '保存' }).click();
    await settings.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    // The password is kept, never shown again.
    expect(await settings.getByLabel('ARI 密码').inputValue()).toBe('');
    await settings.getByText('已设置；留空则保持不变').waitFor();
    const seats = page.getByRole('region', { name: '分机与话务员' });
    await seats.getByLabel('分机号').fill(EXTENSION);
    await seats
      .getByRole('combobox', { name: '话务员' })
      .selectOption({ label: `${me.displayName} (operator)` });
    await seats.getByRole('button', { name: '分配' }).click();
    await seats.getByRole('cell', { name: EXTENSION, exact: true }).waitFor();
    await screenshot(page, 'cti-admin.zh-CN');
    await page.context().close();
    const stored = await journey.getJson<{
      items: Array<{
        channel: string;
        settings: Array<{ key: string; value: string | null; set: boolean }>;
      }>;
    }>(admin, '/admin/channels');
    expect(
      stored.items.find((c) => c.channel === 'cti')?.settings.find((s) => s.key === 'ari_password'),
    ).toMatchObject({ value: null, set: true });
    // The caller has called before.
    earlier = await json<Ticket>(
      operator.post(journey.apiUrl('/tickets'), {
        data: {
          channel: 'phone',
          appealType: 'enquiry',
          urgency: 'normal',
          description: '咨询社保卡补办需要带什么材料 𠮷',
          citizenPhone: CALLER,
          disposition: 'dispatch',
        },
      }),
      201,
    );
    // Every app instance reads the switch settings every few seconds.
    await ari.waitForClients(1);
  }, 120_000);

  afterAll(async () => {
    await ari?.close();
  });

  const openOperator = async (locale: 'zh-CN' | 'en'): Promise<Page> => {
    const page = await journey.staff('operator', '/operator', { locale });
    await page.waitForURL(/\/operator$/);
    // The screen listens for calls once it is open.
    await page
      .getByRole('heading', { name: locale === 'zh-CN' ? '诉求登记' : 'New appeal' })
      .waitFor();
    return page;
  };

  const contactsOf = async (number: string) =>
    (await journey.getJson<{ contacts: Contact[] }>(operator, `/contacts?caller=${number}`))
      .contacts;

  it("pops the caller's history when a call rings at the operator's extension", async () => {
    const page = await openOperator('zh-CN');
    // Should the phone ring before the screen's event stream is connected, the stream starts
    // with the call in progress.
    const now = Date.now();
    const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
    const events = ariCallEvents({
      callId: `${Math.floor(now / 1000)}.77`,
      callerNumber: CALLER,
      offeredAt: at(0),
      ring: {
        legId: `${Math.floor(now / 1000)}.78`,
        extension: EXTENSION,
        at: at(2),
        answeredAt: at(6),
      },
      endedAt: at(120),
    });
    const ringing = events.findIndex((e) => e.type === 'Dial' && e.dialstatus === 'RINGING') + 1;
    const answered = events.findIndex((e) => e.type === 'Dial' && e.dialstatus === 'ANSWER') + 1;
    ari.send(...events.slice(0, ringing));

    // The banner rings, and the idle screen has taken the call: number and history.
    const banner = page.getByRole('alert').filter({ hasText: `来电 ${CALLER}` });
    await banner.waitFor();
    await expect.poll(() => page.getByLabel('来电号码').inputValue()).toBe(CALLER);
    const earlierLink = page.getByRole('link', { name: earlier.number });
    await earlierLink.waitFor();
    expect(await earlierLink.getAttribute('href')).toBe(`/tickets/${earlier.id}`);
    await expect.poll(() => page.getByLabel('联系电话').inputValue()).toBe(CALLER);
    await screenshot(page, 'cti-ringing.zh-CN');

    // The operator picks up: the switch records the contact in their name.
    ari.send(...events.slice(ringing, answered));
    await page
      .getByRole('alert')
      .filter({ hasText: `通话中 ${CALLER}` })
      .waitFor();
    await page.getByText(/\d{2}:\d{2} 接入/).waitFor();
    const recorded = (await contactsOf(CALLER)).filter((c) => c.answeredAt !== null);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ channel: 'phone', outcome: 'pending', ticketId: null });

    // Answered on the spot: the ticket takes the switch's contact, no second contact is made.
    await page.getByRole('textbox', { name: '诉求内容', exact: true }).fill('社保卡补办进度查询');
    await page.getByRole('button', { name: '直接答复', exact: true }).click();
    await page.getByLabel('答复内容').fill('补办的社保卡 10 个工作日内可在原网点领取。');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: '已直接答复' }).waitFor();
    const contacts = await contactsOf(CALLER);
    // The earlier ticket's contact and this call's, now the direct answer's: nothing else.
    expect(contacts).toHaveLength(2);
    const mine = contacts.find((c) => c.id === recorded[0]!.id);
    expect(mine?.ticketId).not.toBeNull();
    expect(mine?.outcome).toBe('direct_answer');

    // The caller hangs up: the banner goes.
    ari.send(...events.slice(answered));
    await expect.poll(() => page.getByRole('alert').filter({ hasText: CALLER }).count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('rings on a busy screen without taking it over, until the operator accepts (English)', async () => {
    const page = await openOperator('en');
    const description = page.getByRole('textbox', { name: 'Appeal', exact: true });
    await description.fill('Someone is still typing about another matter');
    const now = Date.now();
    const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
    const second = '19900004444';
    const events = ariCallEvents({
      callId: `${Math.floor(now / 1000)}.91`,
      callerNumber: second,
      offeredAt: at(0),
      ring: { legId: `${Math.floor(now / 1000)}.92`, extension: EXTENSION, at: at(1) },
      endedAt: at(30),
    });
    const ringing = events.findIndex((e) => e.type === 'Dial' && e.dialstatus === 'RINGING') + 1;
    ari.send(...events.slice(0, ringing));
    const banner = page.getByRole('alert').filter({ hasText: `Incoming call ${second}` });
    await banner.waitFor();
    await screenshot(page, 'cti-ringing.en');
    expect(await page.getByLabel('Caller number').inputValue()).toBe('');
    await banner.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.getByLabel('Caller number').inputValue()).toBe(second);
    // The caller gives up: the switch records an abandoned contact for this operator.
    ari.send(...events.slice(ringing));
    await expect.poll(() => banner.count()).toBe(0);
    await expect
      .poll(async () => (await contactsOf(second)).map((c) => c.outcome))
      .toEqual(['abandoned']);
    await page.context().close();
  }, 120_000);

  it('shows the supervisor the call measures of the day', async () => {
    const page = await journey.staff('supervisor', '/calls', { locale: 'zh-CN' });
    await page.getByRole('heading', { name: '话务统计' }).waitFor();
    const days = page.getByRole('region', { name: '每日话务' });
    await days.waitFor();
    const total = days.locator('tfoot tr');
    // Two calls offered today: one answered within 15 s, one abandoned.
    await expect
      .poll(() => total.locator('td').allTextContents())
      .toEqual([
        '2',
        '1',
        '50%',
        '50%',
        '1',
        '0',
        expect.stringMatching(/秒$/) as unknown as string,
      ]);
    const records = page.getByRole('region', { name: '通话记录' });
    await records.getByRole('link', { name: '收听' }).waitFor();
    // Beside the calls, every channel compared: the two calls are among the phone's contacts.
    const channels = page.getByRole('region', { name: '各渠道受理' });
    const phoneRow = channels.getByRole('row', { name: /^电话/ });
    await phoneRow.waitFor();
    const contacts = Number(
      (await phoneRow.locator('td').first().textContent())?.replace(/,/g, ''),
    );
    expect(contacts).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'cti-calls.zh-CN');
    await page.context().close();
  }, 120_000);
});
