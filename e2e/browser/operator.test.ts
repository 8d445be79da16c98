import type { APIRequestContext, Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, json, screenshot, useJourney } from '../../src/test-support/browser.js';

// The operator's day on the real server and demo data: a call comes in, the caller's history
// pops, the appeal is classified by keyboard and becomes a ticket; or it is answered from the
// knowledge base; or it joins an open ticket about the same matter and place.

interface Ticket {
  id: number;
  number: string;
  status: string;
  categoryId: number | null;
  districtId: number | null;
  streetId: number | null;
  description: string;
  citizenPhone: string | null;
  citizenVisibility: string;
}
interface Unit {
  id: number;
  name: string;
}

const CALLER = '19900001111';
const REPEAT_CALLER = '19900002222';
const ARTICLE_TITLE = '路灯不亮的报修办法';

describe.runIf(browserAvailable)('the operator workspace in a browser', () => {
  const journey = useJourney({ context: { viewport: { width: 1366, height: 768 } } });
  let operator: APIRequestContext;
  let streetLight: number;
  let jiangyang: Unit;
  let nancheng: Unit;
  let naxi: Unit;
  let naxiStreet: Unit;
  let earlier: Ticket;

  beforeAll(async () => {
    operator = await journey.api('operator');
    const categories = await journey.getJson<{
      items: Array<{ id: number; name: string; path: string[] }>;
    }>(operator, '/categories');
    streetLight = categories.items.find((c) => c.path.join('/') === '城乡建设/市政设施/路灯')!.id;
    const districts = await journey.getJson<{ items: Unit[] }>(operator, '/units?type=district');
    jiangyang = districts.items.find((u) => u.name === '江阳区')!;
    naxi = districts.items.find((u) => u.name === '纳溪区')!;
    const streets = (districtId: number) =>
      journey.getJson<{ items: Unit[] }>(operator, `/units?type=street&districtId=${districtId}`);
    nancheng = (await streets(jiangyang.id)).items.find((u) => u.name === '南城街道')!;
    naxiStreet = (await streets(naxi.id)).items[0]!;

    // The knowledge base's centre editor publishes one answer (write, submit, approve).
    const editor = await journey.api('kbeditor');
    const draft = await json<{ id: number; version: number }>(
      editor.post(journey.apiUrl('/knowledge/articles'), {
        data: {
          title: ARTICLE_TITLE,
          body: '市政**路灯不亮**的，由所在区住建局负责维修，一般 3 个工作日内修复。\n\n1. 记下路灯位置或灯杆编号\n2. 告知市民维修时限',
          categoryIds: [streetLight],
          keywords: ['路灯', '不亮'],
          audience: 'internal',
        },
      }),
      201,
    );
    const submitted = await json<{ version: number }>(
      editor.post(journey.apiUrl(`/knowledge/articles/${draft.id}/submit`), {
        data: { expectedVersion: draft.version },
      }),
    );
    await json(
      editor.post(journey.apiUrl(`/knowledge/articles/${draft.id}/approve`), {
        data: { expectedVersion: submitted.version },
      }),
    );

    // The caller of the first journey has called before.
    earlier = await json<Ticket>(
      operator.post(journey.apiUrl('/tickets'), {
        data: {
          channel: 'phone',
          appealType: 'enquiry',
          urgency: 'normal',
          description: '咨询公积金提取需要哪些材料',
          citizenPhone: CALLER,
          disposition: 'dispatch',
        },
      }),
      201,
    );
  }, 120_000);

  const openOperator = async (locale: 'zh-CN' | 'en'): Promise<Page> => {
    const page = await journey.staff('operator', '/operator', { locale });
    await page.waitForURL(/\/operator$/);
    return page;
  };

  const chooseCategory = async (page: Page, name: string, query: string, path: string) => {
    const combobox = page.getByRole('combobox', { name });
    await combobox.click();
    await page.keyboard.type(query);
    const option = page.getByRole('option', { name: path });
    await option.waitFor();
    expect(await combobox.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => combobox.inputValue()).toBe(path);
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');
  };

  const ticketByNumber = (number: string) =>
    journey.getJson<Ticket>(operator, `/tickets/by-number/${number}`);

  it('pops the caller history, classifies by keyboard and creates a ticket', async () => {
    const page = await openOperator('zh-CN');
    const callerNumber = page.getByLabel('来电号码');
    await callerNumber.fill(CALLER);
    await callerNumber.press('Enter');

    const earlierLink = page.getByRole('link', { name: earlier.number });
    await earlierLink.waitFor();
    expect(await earlierLink.getAttribute('href')).toBe(`/tickets/${earlier.id}`);
    await expect.poll(() => page.getByLabel('联系电话').inputValue()).toBe(CALLER);

    const description = '南城街道澄溪路口的路灯不亮，晚上很黑，希望尽快修好';
    await page.getByRole('textbox', { name: '诉求内容', exact: true }).fill(description);
    await chooseCategory(page, '诉求分类', '路灯', '城乡建设 › 市政设施 › 路灯');

    // The street list follows the district.
    const district = page.getByRole('combobox', { name: '区县', exact: true });
    const street = page.getByRole('combobox', { name: '街道/乡镇' });
    await district.selectOption({ label: naxi.name });
    expect(await street.locator('option').allTextContents()).not.toContain(nancheng.name);
    await district.selectOption({ label: jiangyang.name });
    expect(await street.locator('option').allTextContents()).toContain(nancheng.name);
    await street.selectOption({ label: nancheng.name });

    // The knowledge panel suggests the published answer while the operator types.
    const knowledge = page.getByRole('region', { name: '知识库' });
    await knowledge.getByRole('button', { name: ARTICLE_TITLE }).waitFor();
    await screenshot(page, 'operator.zh-CN');

    await page.keyboard.press('Control+Enter');
    const notice = page.getByRole('status').filter({ hasText: '已创建' });
    await notice.waitFor();
    const number = /工单 (\d+) 已创建/.exec((await notice.textContent()) ?? '')?.[1];
    expect(number).toBeDefined();

    const created = await ticketByNumber(number!);
    expect(['pending_dispatch', 'dispatched']).toContain(created.status);
    expect(created).toMatchObject({
      description,
      categoryId: streetLight,
      districtId: jiangyang.id,
      streetId: nancheng.id,
    });
    // The form is clear for the next call, with the caller number in focus.
    await expect
      .poll(() => page.getByRole('textbox', { name: '诉求内容', exact: true }).inputValue())
      .toBe('');
    const callerId = await callerNumber.getAttribute('id');
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe(callerId);
    await page.context().close();
  }, 120_000);

  it("puts the server's refusal of an appeal without description next to the field and creates nothing", async () => {
    const page = await openOperator('zh-CN');
    const phone = '13700009999';
    await page.getByLabel('联系电话').fill(phone);
    await page.getByRole('button', { name: '创建工单' }).click();

    const description = page.getByRole('textbox', { name: '诉求内容', exact: true });
    await expect.poll(() => description.getAttribute('aria-invalid')).toBe('true');
    const messageId = await description.getAttribute('aria-describedby');
    const message = page.locator(`[id="${messageId}"]`);
    // The rule the server names (a required text), said in the screen's language.
    expect(await message.textContent()).toBe('必填');

    const tickets = await journey.getJson<{ total: number }>(
      operator,
      `/tickets?citizenPhone=${phone}`,
    );
    expect(tickets.total).toBe(0);
    await page.context().close();
  }, 120_000);

  it('highlights the referral for an emergency and refers the call to 119', async () => {
    const page = await openOperator('zh-CN');
    const phone = '13700008888';
    await page.getByRole('textbox', { name: '诉求内容', exact: true }).fill('楼下商铺起火冒烟');
    await page.getByLabel('联系电话').fill(phone);
    await page.getByRole('combobox', { name: '紧急程度' }).selectOption({ label: '特急' });
    await page.getByRole('note').filter({ hasText: '110 / 119 / 120 / 122' }).waitFor();
    const refer = page.getByRole('button', { name: '转办', exact: true });
    expect(await refer.getAttribute('class')).toContain('op-refer-alert');
    await refer.click();
    await page.getByRole('combobox', { name: '转办去向' }).selectOption('119');
    await page.getByLabel('转办原因').fill('火情，已三方通话转 119');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: '已转办' }).waitFor();

    const tickets = await journey.getJson<{ items: Ticket[] }>(
      operator,
      `/tickets?citizenPhone=${phone}`,
    );
    expect(tickets.items).toHaveLength(1);
    expect(tickets.items[0]!.status).toBe('closed');
    await page.context().close();
  }, 120_000);

  it('warns of an open ticket about the same matter and place and attaches the call to it', async () => {
    const open = await json<Ticket>(
      operator.post(journey.apiUrl('/tickets'), {
        data: {
          channel: 'phone',
          appealType: 'complaint',
          urgency: 'normal',
          description: '纳溪区这条路的路灯整排不亮',
          categoryId: streetLight,
          districtId: naxi.id,
          streetId: naxiStreet.id,
          citizenPhone: '13500001234',
          citizenName: '张三丰',
          disposition: 'dispatch',
        },
      }),
      201,
    );
    const page = await openOperator('zh-CN');
    const lists: unknown[] = [];
    page.on('response', (response: Response) => {
      const url = new URL(response.url());
      if (
        url.pathname === '/api/v1/tickets' ||
        url.pathname === '/api/v1/contacts' ||
        url.pathname === '/api/v1/intelligence/duplicates'
      )
        lists.push(response.json().catch(() => null));
    });
    const callerNumber = page.getByLabel('来电号码');
    await callerNumber.fill(REPEAT_CALLER);
    await callerNumber.press('Enter');
    await page.getByText('该号码没有历史来电和工单').waitFor();
    await page
      .getByRole('textbox', { name: '诉求内容', exact: true })
      .fill('路灯还是不亮，已经一个星期了');
    await chooseCategory(page, '诉求分类', '路灯', '城乡建设 › 市政设施 › 路灯');
    await page
      .getByRole('combobox', { name: '区县', exact: true })
      .selectOption({ label: naxi.name });
    await page
      .getByRole('combobox', { name: '街道/乡镇' })
      .selectOption({ label: naxiStreet.name });

    const warning = page.getByRole('region', { name: /可能重复/ });
    await warning.getByRole('link', { name: open.number }).waitFor();
    await warning.getByRole('button', { name: `并入此工单 ${open.number}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `来电已并入工单 ${open.number}` })
      .waitFor();

    const history = await journey.getJson<{
      contacts: Array<{ ticketId: number | null; outcome: string }>;
      tickets: unknown[];
    }>(operator, `/contacts?caller=${REPEAT_CALLER}`);
    expect(history.contacts).toHaveLength(1);
    expect(history.contacts[0]).toMatchObject({ ticketId: open.id, outcome: 'ticket' });
    expect(history.tickets).toHaveLength(0); // no new ticket for this caller
    const events = await journey.getJson<{ items: Array<{ type: string }> }>(
      operator,
      `/tickets/${open.id}/events`,
    );
    expect(events.items.map((e) => e.type)).toContain('contact_attached');

    // Lists reach the operator's browser with other citizens masked, never in full.
    const bodies = (await Promise.all(lists)) as Array<{
      items?: Ticket[];
      tickets?: Ticket[];
      candidates?: Ticket[];
    } | null>;
    const rows = bodies.flatMap((body) => [
      ...(body?.items ?? []),
      ...(body?.tickets ?? []),
      ...(body?.candidates ?? []),
    ]);
    expect(rows.map((row) => row.number)).toContain(open.number);
    for (const row of rows) {
      expect(row.citizenVisibility).not.toBe('full');
      expect(row.citizenPhone ?? '').not.toContain('13500001234');
    }
    expect(JSON.stringify(bodies)).not.toContain('张三丰');
    await page.context().close();
  }, 120_000);

  it('suggests a published article while typing, answers the call with it, and records a gap', async () => {
    const page = await openOperator('en');
    const appeal = page.getByRole('textbox', { name: 'Appeal', exact: true });
    await appeal.fill('我们小区门口的路灯不亮好几天了');
    const knowledge = page.getByRole('region', { name: 'Knowledge' });
    const title = knowledge.getByRole('button', { name: ARTICLE_TITLE });
    await title.waitFor();
    expect(await knowledge.locator('mark').count()).toBeGreaterThan(0);
    await screenshot(page, 'operator.en');

    // The article opens in the panel, with its body as the server rendered it.
    await title.click();
    await knowledge.getByRole('heading', { name: ARTICLE_TITLE }).waitFor();
    expect(await knowledge.locator('strong').first().textContent()).toBe('路灯不亮');
    await knowledge.getByRole('button', { name: 'Answer with this' }).click();

    const notice = page.getByRole('status').filter({ hasText: 'Answered directly' });
    await notice.waitFor();
    const number = /ticket (\d+) is closed/.exec((await notice.textContent()) ?? '')?.[1];
    expect(number).toBeDefined();
    expect((await ticketByNumber(number!)).status).toBe('closed');

    // Nothing in the knowledge base answers the next call: the operator says so, and the
    // editors see the gap in their report.
    const gap = '咨询宠物犬办理养犬登记证的流程';
    await appeal.fill(gap);
    await knowledge.getByRole('button', { name: 'No answer found' }).click();
    await knowledge.getByRole('status').filter({ hasText: 'no answer found' }).waitFor();
    const editor = await journey.api('kbeditor');
    const report = await journey.getJson<{ items: Array<{ examples: string[] }> }>(
      editor,
      '/knowledge/reports/gaps',
    );
    expect(report.items.flatMap((item) => item.examples)).toContain(gap);
    await page.context().close();
  }, 120_000);
});
