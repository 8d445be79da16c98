import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface RoutingSettings {
  enabled: boolean;
  threshold: number;
}

/** A reason of the router as the desk words it in Chinese (catalogue rule, history, evidence). */
const CHINESE_REASON = /目录规则|同类工单|退单|改派|样本较少|尚无历史数据/;

describe.runIf(browserAvailable)('routing suggestions (智能派单) in a browser', () => {
  const journey = useJourney();

  it('shows the dispatcher the suggested unit, its confidence and why, in Chinese', async () => {
    const desk = await journey.staff('dispatcher', '/dispatch');
    await desk.getByRole('heading', { name: /待派单工单/ }).waitFor();
    const rows = desk.locator('table.dsp-table tbody tr');
    await rows.first().waitFor();

    // A queued ticket's row carries the router's suggestion: "主办 <unit> <n>%", and why.
    const row = rows.filter({ has: desk.locator('.rt-line') }).first();
    const line = row.locator('.rt-line');
    await line.waitFor();
    const number = ((await row.getByRole('link').first().textContent()) ?? '').trim();
    expect(number).not.toBe('');
    const badge = (await line.locator('.badge').first().textContent()) ?? '';
    const [, unit, value] = /^主办 (.+?) (\d{1,3})%/.exec(badge) ?? [];
    expect(unit).toBeTruthy();
    expect(Number(value)).toBeGreaterThan(0);
    expect(Number(value)).toBeLessThanOrEqual(100);
    expect(await line.locator('.rt-why').textContent()).toMatch(CHINESE_REASON);
    await row.getByRole('button', { name: `按智能派单建议派出 ${number}` }).waitFor();

    // The ticket's dispatch form shows the same lead unit with its reasons.
    const ticket = (
      await journey.getJson<{ items: Array<{ id: number; number: string }> }>(
        desk,
        `/tickets?q=${number}`,
      )
    ).items.find((t) => t.number === number)!;
    const routing = await journey.getJson<{
      suggestions: Array<{ unitId: number; unitName: string; role: string }>;
    }>(desk, `/intelligence/tickets/${ticket.id}/routing`);
    expect(routing.suggestions.find((s) => s.role === 'lead')?.unitName).toBe(unit);
    await screenshot(desk, 'dispatch-routing.zh-CN');

    // Its dispatch form carries the same suggestion with its reasons, and uses it in one click.
    await row.getByRole('button', { name: `打开派单 ${number}` }).click();
    const box = desk.getByRole('region', { name: '智能派单建议' });
    // The same lead unit; its confidence may have moved meanwhile, as the router keeps learning.
    await expect
      .poll(() => box.locator('strong').first().textContent())
      .toMatch(new RegExp(`^主办 ${unit} \\d{1,3}%$`));
    await expect.poll(() => box.locator('p.muted').first().textContent()).toMatch(CHINESE_REASON);
    await box.getByRole('button', { name: `按智能派单建议派出 ${number}` }).click();
    await expect
      .poll(() => desk.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining(`${number} 已派单：${unit}`));
    await expect.poll(() => rows.filter({ hasText: number }).count()).toBe(0);
    const after = await journey.getJson<{ status: string; leadUnitId: number | null }>(
      desk,
      `/tickets/${ticket.id}`,
    );
    expect(after.status).toBe('dispatched');
    expect(after.leadUnitId).toBe(routing.suggestions.find((s) => s.role === 'lead')?.unitId);
    await desk.context().close();
  }, 120_000);

  it('lets the admin read the return-rate report and save a threshold', async () => {
    const page = await journey.staff('admin', '/admin?tab=routing');
    const settings = page.getByRole('form', { name: '自动派单' });
    await settings.waitFor();
    await settings.getByRole('checkbox', { name: '启用自动派单' }).waitFor();
    const threshold = settings.getByLabel('置信度阈值');
    await threshold.waitFor();
    expect(Number(await threshold.inputValue())).toBeGreaterThanOrEqual(0.5);

    // The report: its figures (per week, per unit, a total row) and the weekly chart.
    const report = page.getByRole('region', { name: '退单率（采用智能派单前后）' });
    await report.getByRole('columnheader', { name: '退单率' }).first().waitFor();
    await report.getByRole('rowheader', { name: '合计' }).waitFor();
    await report.getByRole('img', { name: '每周退单率曲线' }).waitFor();
    const total = report
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: '合计' }) });
    await expect.poll(async () => (await total.getByRole('cell').allTextContents()).length).toBe(9);
    const dispatches = Number((await total.getByRole('cell').nth(6).textContent()) ?? 'NaN');
    expect(dispatches).toBeGreaterThan(0);
    expect(await total.getByRole('cell').nth(8).textContent()).toMatch(/^\d+(\.\d)?%$/);

    // Saving a new threshold: the page confirms it, and the server keeps it.
    await threshold.fill('0.93');
    await settings.getByRole('button', { name: '保存' }).click();
    await settings.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await settings.getByText(/^最近修改：/).waitFor();
    await expect
      .poll(
        async () =>
          (await journey.getJson<RoutingSettings>(page, '/intelligence/routing/settings'))
            .threshold,
      )
      .toBe(0.93);
    await page.reload();
    await expect.poll(() => page.getByLabel('置信度阈值').inputValue()).toBe('0.93');
    await page.getByRole('img', { name: '每周退单率曲线' }).waitFor();
    await screenshot(page, 'admin-routing.zh-CN');

    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('checkbox', { name: 'Dispatch automatically' }).waitFor();
    await page.getByRole('img', { name: 'Weekly return rate' }).waitFor();
    await screenshot(page, 'admin-routing.en');
    await page.context().close();
  }, 120_000);
});
