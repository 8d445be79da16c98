import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface ListedTicket {
  id: number;
  number: string;
  status: string;
  leadUnitId: number | null;
}

interface FullTicket extends ListedTicket {
  citizenPhone: string | null;
  citizenVisibility: string;
  confidential: boolean;
}

/** The demo handler works at 南城街道 (Nancheng Subdistrict, unit 3 of the Luzhou seed). */
const HANDLER_UNIT = 3;

describe.runIf(browserAvailable)('the dispatch desk and the ticket page in a browser', () => {
  const journey = useJourney({ context: { timezoneId: 'America/New_York' } });

  /** The numbers of the queue rows that have a catalogue suggestion (their one-click is enabled). */
  const suggestedNumbers = async (page: Page): Promise<string[]> => {
    const rows = page.locator('table.dsp-table tbody tr');
    await rows.first().waitFor();
    const numbers: string[] = [];
    for (const row of await rows.all()) {
      if (await row.getByRole('button', { name: /^按建议派单/ }).isEnabled())
        numbers.push((await row.getByRole('link').first().textContent()) ?? '');
    }
    return numbers;
  };

  const queueRow = (page: Page, number: string) =>
    page.locator('table.dsp-table tbody tr').filter({ hasText: number });

  it('dispatches to the suggestion in one click, in bulk, and a second desk sees it live', async () => {
    const desk = await journey.staff('dispatcher', '/dispatch');
    const other = await journey.staff('dispatcher', '/dispatch', { locale: 'en' });
    await desk.waitForURL(/\/dispatch$/);
    await desk.getByRole('heading', { name: /待派单工单/ }).waitFor();
    await other.getByRole('heading', { name: /Tickets awaiting dispatch/ }).waitFor();

    const numbers = await suggestedNumbers(desk);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = numbers as [string, string, string];
    await queueRow(other, first).waitFor();
    await screenshot(desk, 'dispatch-queue.zh-CN');
    await screenshot(other, 'dispatch-queue.en');

    // j/k move the active row; Enter opens its dispatch form with the suggestion filled in.
    await desk.locator('body').press('j');
    await desk.locator('body').press('k');
    await desk.locator('body').press('Enter');
    const panel = desk.getByRole('region', { name: /^派单：/ });
    await panel.getByLabel('主办单位').waitFor();
    await panel.getByText(/^目录建议 主办/).waitFor();
    await panel.getByRole('button', { name: '取消' }).click();
    await panel.waitFor({ state: 'detached' });

    // One click: the ticket leaves this queue, and the other dispatcher's, with no reload.
    await desk.getByRole('button', { name: `按建议派单 ${first}` }).click();
    await expect
      .poll(() => desk.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining(`${first} 已派单`));
    await expect.poll(() => queueRow(desk, first).count()).toBe(0);
    await expect.poll(() => queueRow(other, first).count(), { timeout: 15_000 }).toBe(0);

    // Bulk: two selected rows, each to its suggestion.
    await desk.getByRole('checkbox', { name: `选择 ${second}` }).check();
    await desk.getByRole('checkbox', { name: `选择 ${third}` }).check();
    await desk.getByRole('button', { name: '批量按建议派单' }).click();
    await expect
      .poll(() => desk.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('已派出 2 张'));
    await expect.poll(() => queueRow(desk, second).count()).toBe(0);
    await expect.poll(() => queueRow(desk, third).count()).toBe(0);
    await expect.poll(() => queueRow(other, third).count(), { timeout: 15_000 }).toBe(0);

    // The dispatched ticket's page names the unit the catalogue suggested.
    const dispatcher = await journey.api('dispatcher');
    const [found] = (
      await journey.getJson<{ items: ListedTicket[] }>(dispatcher, `/tickets?q=${first}`)
    ).items;
    expect(found?.status).toBe('dispatched');
    await desk.context().close();
    await other.context().close();
  }, 180_000);

  it('reviews a return: accepted, dispatched to another unit, both in the timeline', async () => {
    const handler = await journey.api('handler');
    const mine = await journey.getJson<{ items: ListedTicket[] }>(
      handler,
      `/tickets?leadUnitId=${HANDLER_UNIT}&status=dispatched&status=in_progress&pageSize=5`,
    );
    const ticket = mine.items[0]!;
    const asked = await handler.post(journey.apiUrl(`/tickets/${ticket.id}/return-request`), {
      data: { reason: '不属于本街道辖区，请改派相关部门' },
    });
    expect(asked.status()).toBe(200);

    const desk = await journey.staff('dispatcher', '/dispatch?tab=requests');
    const review = desk.getByRole('button', { name: `审核 ${ticket.number} 的申请` });
    await review.click();
    await desk.getByLabel('审核意见').fill('同意退单，改派江阳区');
    await desk.getByRole('button', { name: '同意并重新派单' }).click();

    // Back in the queue with its dispatch form open; the returned suggestion is not pre-filled.
    const panel = desk.getByRole('region', { name: `派单：${ticket.number}` });
    const lead = panel.getByLabel('主办单位');
    await lead.waitFor();
    expect(await lead.inputValue()).toBe('');
    await lead.fill('江阳区');
    await panel
      .getByRole('option', { name: /^江阳区/ })
      .first()
      .waitFor();
    await lead.press('Enter');
    expect(await lead.inputValue()).toBe('江阳区');
    await panel.getByRole('button', { name: '派单', exact: true }).click();
    await expect
      .poll(() => desk.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining(`${ticket.number} 已派单`));

    await desk.goto(`${journey.baseUrl()}/tickets/${ticket.id}`);
    const history = desk.getByRole('region', { name: '办理记录' });
    await history.getByText('申请退单').waitFor();
    await history.getByText('同意退单', { exact: true }).waitFor();
    await history.getByText('改派（退单后重新派单）').waitFor();
    await history.getByText('不属于本街道辖区，请改派相关部门').waitFor();
    const handling = desk.getByRole('region', { name: '承办单位' });
    await handling.getByRole('cell', { name: '江阳区' }).first().waitFor();
    expect(await handling.getByRole('cell', { name: '已撤回' }).count()).toBeGreaterThan(0);
    await screenshot(desk, 'ticket-page.zh-CN');
    await desk.getByRole('button', { name: '切换到英文' }).click();
    await desk.getByRole('region', { name: 'History' }).getByText('Return accepted').waitFor();
    await screenshot(desk, 'ticket-page.en');
    await desk.context().close();
  }, 180_000);

  it('shows the citizen masked: on screen for the operator, in the API for roles without the need', async () => {
    const dispatcher = await journey.api('dispatcher');
    const list = await journey.getJson<{ items: ListedTicket[] }>(
      dispatcher,
      '/tickets?status=in_progress&pageSize=20',
    );
    let full: FullTicket | undefined;
    for (const item of list.items) {
      const ticket = await journey.getJson<FullTicket>(dispatcher, `/tickets/${item.id}`);
      if (ticket.citizenPhone && ticket.citizenVisibility === 'full' && !ticket.confidential) {
        full = ticket;
        break;
      }
    }
    const phone = full!.citizenPhone!;

    // The operator's desk may see the caller, but the screen shows the number masked until asked.
    const operator = await journey.staff('operator', `/tickets/${full!.id}`);
    const citizen = operator.getByRole('region', { name: '市民信息' });
    await citizen.getByText(/\*{4}/).waitFor();
    expect(await citizen.textContent()).not.toContain(phone);
    await citizen.getByRole('button', { name: '显示' }).click();
    await citizen.getByText(phone).waitFor();
    await operator.context().close();

    // An analyst has no need for the caller: the API answer itself carries the number masked.
    const analyst = await journey.staff('analyst', '/tickets', { locale: 'en' });
    const answer = analyst.waitForResponse((response) =>
      response.url().endsWith(`/api/v1/tickets/${full!.id}`),
    );
    await analyst.goto(`${journey.baseUrl()}/tickets/${full!.id}`);
    const body = await (await answer).text();
    expect(body).not.toContain(phone);
    expect(JSON.parse(body)).toMatchObject({ citizenVisibility: 'masked' });
    const masked = analyst.getByRole('region', { name: 'Citizen' });
    await masked.getByText(/\*{4}/).waitFor();
    expect(await masked.getByRole('button', { name: 'Show' }).count()).toBe(0);
    await analyst.context().close();
  }, 120_000);

  it('finds tickets by Chinese words and filters, and opens one from the list', async () => {
    const page = await journey.staff('supervisor', '/tickets');
    await page.getByLabel('关键词').fill('停水');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/q=%E5%81%9C%E6%B0%B4/);
    const rows = page.locator('table.tk-table tbody tr');
    await rows.first().waitFor();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/^共 [\d,]+ 条/);

    await page.getByLabel('状态').selectOption('closed');
    await page.waitForURL(/status=closed/);
    await expect
      .poll(async () => new Set(await rows.locator('td:nth-child(3)').allTextContents()))
      .toEqual(new Set(['已办结']));
    await page.getByLabel('状态').selectOption('');
    await page.getByLabel('关键词').fill('');
    await page.getByRole('button', { name: '清除' }).click();
    await page.getByLabel('只看超期').check();
    await page.waitForURL(/overdue=true/);
    await rows.first().waitFor();
    await screenshot(page, 'tickets-list.zh-CN');

    const number = (await rows.first().getByRole('link').textContent()) ?? '';
    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByText(number).first().waitFor();
    await page.goBack();
    await page.waitForURL(/overdue=true/);
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await rows.first().waitFor();
    await screenshot(page, 'tickets-list.en');
    await page.context().close();
  }, 120_000);
});
