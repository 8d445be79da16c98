import type { APIRequestContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface Unit {
  id: number;
  name: string;
  districtId: number | null;
}

interface WatchItem {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  unitId: number;
  role: 'lead' | 'co' | null;
  kind: 'sign' | 'reply' | 'order';
  secondsLeft: number;
}

interface Order {
  id: number;
  ticketId: number;
  state: string;
  replyText: string | null;
  steps: Array<{ action: string }>;
}

describe.runIf(browserAvailable)('supervision (督办) in a browser', () => {
  const journey = useJourney();
  let supervisorApi: APIRequestContext;
  let unit: Unit;
  let target: WatchItem;

  beforeAll(async () => {
    supervisorApi = await journey.api('supervisor');
    const units = await journey.getJson<{ items: Unit[] }>(supervisorApi, '/units?q=南城街道');
    unit = units.items.find((each) => each.name === '南城街道')!;
    expect(unit).toBeDefined();
    // The demo keeps some of 南城街道's tickets late: one of them, handled by it as lead unit.
    const overdue = await journey.getJson<{ items: WatchItem[] }>(
      supervisorApi,
      `/supervision/watch?state=overdue&unitId=${unit.id}&pageSize=200`,
    );
    const candidates = overdue.items.filter(
      (item) => item.role === 'lead' && item.kind !== 'order',
    );
    expect(candidates.length).toBeGreaterThan(0);
    target = candidates[0]!;
    expect(target.secondsLeft).toBeLessThan(0);
  }, 180_000);

  it('the supervisor sees an overdue ticket and issues a supervision order; the handler sees it live and replies; the supervisor closes it', async () => {
    // The handler is at work with the notification list open before anything happens.
    const handler = await journey.staff('handler', '/handling');
    await handler.getByRole('heading', { name: '承办工作台' }).waitFor();
    const bell = handler.getByRole('button', { name: /^通知（/ });
    await bell.click();
    const handlerNotices = handler.getByRole('region', { name: '通知' });
    await handlerNotices.waitFor();

    const page = await journey.staff('supervisor', '/');
    await page.waitForURL(/\/supervision$/);
    await page.getByRole('heading', { name: '督办考核' }).waitFor();
    const overdue = page.getByRole('table', { name: '超期' });
    await overdue.locator('tbody tr').first().waitFor();
    expect(await overdue.locator('tbody .badge-danger').count()).toBeGreaterThan(0);
    await screenshot(page, 'supervision-overdue.zh-CN');

    // Narrowed to the unit, the ticket is there with its time over; the order is issued in place.
    await page.getByLabel('承办单位').selectOption({ label: unit.name });
    const row = overdue.getByRole('row').filter({ hasText: target.number });
    await row.waitFor();
    expect(await row.locator('.badge-danger').first().textContent()).toMatch(/^超期 /);
    await row.getByRole('button', { name: `对工单 ${target.number} 下督办单` }).click();
    const form = page.getByRole('form', { name: `对工单 ${target.number} 下督办单` });
    await form.getByLabel('督办事由').fill('市民多次来电反映，超期未办理 𠮷');
    await form.getByLabel('办理要求').fill('两个工作日内到现场处置并答复 🚧');
    await form.getByLabel('督办时限').fill('2');
    await form.getByRole('button', { name: '下发督办单' }).click();
    await page.getByText(`已对工单 ${target.number} 下督办单`).waitFor();
    const orders = await journey.getJson<{ items: Order[] }>(
      supervisorApi,
      `/supervision/orders?ticketId=${target.ticketId}`,
    );
    const order = orders.items.find((each) => each.state === 'open')!;
    expect(order).toBeDefined();

    // The handler's bell shows it at once (server push), and so does the workspace.
    await handlerNotices
      .getByRole('listitem')
      .filter({ hasText: target.number })
      .filter({ hasText: '督办单' })
      .first()
      .waitFor();
    await screenshot(handler, 'supervision-bell.zh-CN');
    await handler.keyboard.press('Escape');
    const panel = handler.getByRole('region', { name: /督办与催办/ });
    const card = panel.getByRole('article', { name: `督办单 #${order.id}` });
    await card.waitFor();
    await card.getByText('两个工作日内到现场处置并答复 🚧').waitFor();
    await card.getByLabel('督办答复').fill('已于今日到现场处置完毕，并电话告知市民');
    await card.getByRole('button', { name: '提交督办答复' }).click();
    await expect
      .poll(async () => {
        const fresh = await journey.getJson<{ items: Order[] }>(
          supervisorApi,
          `/supervision/orders?ticketId=${target.ticketId}`,
        );
        return fresh.items.find((each) => each.id === order.id)?.state;
      })
      .toBe('replied');

    // Back at the supervisor: the reply is on the order, which is closed with a note.
    await page.getByRole('tab', { name: '督办单' }).click();
    await page.getByRole('button', { name: '待审核' }).click();
    const replied = page.getByRole('article', { name: `督办单 #${order.id}` });
    await replied.getByText('已于今日到现场处置完毕，并电话告知市民').waitFor();
    await replied.getByLabel('办结意见').fill('处置到位');
    await replied.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('督办单已办结').waitFor();
    await screenshot(page, 'supervision-orders.zh-CN');

    // The ticket's timeline tells every step.
    await page.goto(`${journey.baseUrl()}/tickets/${target.ticketId}`);
    const history = page.getByRole('region', { name: '办理记录' });
    await history.getByText('下发督办单', { exact: true }).waitFor();
    await history.getByText('答复督办单', { exact: true }).waitFor();
    await history.getByText('督办单办结', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: '督办' })
      .getByText('督办单 #', { exact: false })
      .first()
      .waitFor();
    await screenshot(page, 'supervision-ticket.zh-CN');
    const closed = await journey.getJson<Order>(supervisorApi, `/supervision/orders/${order.id}`);
    expect(closed.steps.map((step) => step.action)).toEqual(['issue', 'reply', 'close']);
    await handler.context().close();
    await page.context().close();
  }, 180_000);

  it('the coordinator chases a late ticket of the district; the unit hears of it', async () => {
    const page = await journey.staff('coordinator', '/coordination');
    await page.getByRole('heading', { name: /江阳区/ }).waitFor();
    const table = page.getByRole('table', { name: '已超期' });
    const chase = table.getByRole('button', { name: /^催办工单 / }).first();
    await chase.waitFor();
    const number = (await chase.getAttribute('aria-label'))!.replace('催办工单 ', '');
    await chase.click();
    await page.getByLabel('催办意见').fill('请今日内处理完毕');
    await page.getByRole('button', { name: '发送催办' }).click();
    await page.getByText(`已催办工单 ${number}`).waitFor();
    const reminders = await journey.getJson<{
      items: Array<{ ticketNumber: string; note: string | null; stage: string }>;
    }>(page.request, '/supervision/reminders?stage=manual&pageSize=20');
    expect(reminders.items).toContainEqual(
      expect.objectContaining({ ticketNumber: number, note: '请今日内处理完毕', stage: 'manual' }),
    );
    await page.context().close();
  }, 120_000);

  it('shows the supervision workspace and the admin’s rules in English', async () => {
    const page = await journey.staff('supervisor', '/supervision?tab=near', { locale: 'en' });
    await page.getByRole('heading', { name: 'Supervision' }).waitFor();
    await page.getByRole('tab', { name: 'Near deadline', selected: true }).waitFor();
    await screenshot(page, 'supervision-near.en');
    await page.getByRole('tab', { name: 'Exemptions and objections' }).click();
    await page.getByRole('button', { name: 'Pending' }).waitFor();
    await page.context().close();

    const admin = await journey.staff('admin', '/admin?tab=supervision', { locale: 'en' });
    await admin.getByRole('heading', { name: 'Supervision rules' }).waitFor();
    expect(await admin.getByLabel('Near share (%)').inputValue()).toBe('75');
    // A category's own reply limit: 5 working days for normal tickets.
    const categories = await journey.getJson<{ items: Array<{ id: number }> }>(
      admin,
      '/categories',
    );
    const category = categories.items[0]!;
    await admin.getByRole('combobox', { name: /^Category/ }).selectOption(String(category.id));
    await admin.getByLabel('Reply · Normal', { exact: true }).fill('5');
    await admin.getByLabel('Unit of Reply · Normal').selectOption('working_days');
    await admin.getByRole('button', { name: 'Save' }).last().click();
    await admin.getByText(/^Time limits of .* saved$/).waitFor();
    const limits = await journey.getJson<{
      rules: Array<{ categoryId: number; stage: string; urgency: string; limit: object }>;
    }>(admin, '/time-limits');
    expect(limits.rules).toEqual([
      expect.objectContaining({
        categoryId: category.id,
        stage: 'feedback',
        urgency: 'normal',
        limit: { unit: 'working_days', amount: 5 },
      }),
    ]);
    await admin.setViewportSize({ width: 1440, height: 1400 });
    await screenshot(admin, 'admin-supervision.en');
    await admin.context().close();
  }, 120_000);
});
