import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface Ticket {
  id: number;
  number: string;
  title: string;
  description: string;
  status: string;
}

/** The demo handler works at 南城街道. */
const HANDLER_UNIT_NAME = '南城街道';

/** The score a badge of the advice shows ("42 分"). */
const scoreOf = async (advice: Locator, kind: string): Promise<number> => {
  const text = (await advice.locator(`[data-score="${kind}"]`).textContent()) ?? '';
  const match = /^(\d+) 分$/.exec(text.trim());
  return match ? Number(match[1]) : NaN;
};

describe.runIf(browserAvailable)('reply quality (答复质量) in a browser', () => {
  const journey = useJourney();
  let ticket: Ticket;

  beforeAll(async () => {
    // A fresh dispatch to the handler's unit, whatever the demo's queue holds today.
    const dispatcher = await journey.api('dispatcher');
    const units = await journey.getJson<{ items: Array<{ id: number; name: string }> }>(
      dispatcher,
      `/units?q=${HANDLER_UNIT_NAME}`,
    );
    const unit = units.items.find((u) => u.name === HANDLER_UNIT_NAME)!;
    const pending = await journey.getJson<{ items: Array<{ id: number }> }>(
      dispatcher,
      '/dispatch/queue?pageSize=1',
    );
    const response = await dispatcher.post(
      journey.apiUrl(`/tickets/${pending.items[0]!.id}/dispatch`),
      { data: { leadUnitId: unit.id } },
    );
    expect(response.status()).toBe(200);
    ticket = await journey.getJson<Ticket>(dispatcher, `/tickets/${pending.items[0]!.id}`);
  }, 180_000);

  it('advises the handler while typing: a vague reply scores low, a complete one higher', async () => {
    const page = await journey.staff('handler', '/handling');
    await page.getByRole('heading', { name: '承办工作台' }).waitFor();
    const table = page.getByRole('tabpanel').getByRole('table');
    await table
      .getByRole('row')
      .filter({ hasText: ticket.number })
      .getByRole('button', { name: ticket.title })
      .click();
    const detail = page.getByRole('complementary', { name: '工单详情与办理' });
    await detail.getByRole('heading', { name: ticket.title }).waitFor();
    await detail.getByRole('button', { name: '签收', exact: true }).click();
    await detail.getByText('已签收，请办理并答复。').waitFor();
    const signed = await journey.getJson<Ticket>(page, `/tickets/${ticket.id}`);
    expect(signed.status).toBe('in_progress');

    // A vague reply: low scores, and hints saying what is missing.
    await detail.getByRole('button', { name: '答复办结', pressed: true }).waitFor();
    const reply = detail.getByLabel('办理情况');
    await reply.fill('已处理');
    const advice = detail.getByRole('region', { name: '答复质量建议' });
    await advice.locator('[data-score="overall"]').waitFor();
    await advice.getByText('仅供参考，不影响提交').waitFor();
    const vague = await scoreOf(advice, 'overall');
    expect(vague).toBeLessThan(55);
    await expect
      .poll(() => advice.locator('[data-score="overall"]').getAttribute('class'))
      .toContain('badge-danger');
    await advice.getByText('答复太短，请说明办理情况').waitFor();
    await advice.getByText(/^请写明依据/).waitFor();
    await advice.getByText(/^请写明完成时限/).waitFor();
    await advice.getByText(/^等级 [CD]$/).waitFor();
    await page.setViewportSize({ width: 1440, height: 1300 });
    await screenshot(page, 'reply-quality-vague.zh-CN');

    // A complete reply: what the appeal asks, what was done, on what basis, by when, by whom.
    const complete =
      `经核实，市民反映的“${ticket.title}”问题：${ticket.description}` +
      `我单位已安排工作人员到现场处理，依据《城市市容和环境卫生管理条例》相关规定整改，` +
      `将于3个工作日内完成复查，责任单位为${HANDLER_UNIT_NAME}，联系电话0830-3123456。`;
    await reply.fill(complete);
    await expect.poll(() => scoreOf(advice, 'overall'), { timeout: 15_000 }).toBeGreaterThan(vague);
    for (const kind of ['relevance', 'completeness', 'explanation'])
      expect(await scoreOf(advice, kind)).toBeGreaterThanOrEqual(55);
    expect(await advice.getByText('答复太短，请说明办理情况').count()).toBe(0);
    expect(await advice.getByText(/^请写明依据/).count()).toBe(0);
    expect(await advice.getByText(/^请写明完成时限/).count()).toBe(0);
    await screenshot(page, 'reply-quality-complete.zh-CN');

    // Advice only: the reply is sent as written.
    await detail.getByRole('button', { name: '提交答复' }).click();
    await detail.getByText('已答复，工单转入回访。').waitFor();
    await page.context().close();
  }, 180_000);

  it('shows the supervisor the scores per unit, the handler’s unit among them', async () => {
    // The reply just sent is scored in the background within seconds.
    const supervisor = await journey.api('supervisor');
    await expect
      .poll(
        async () =>
          (
            await journey.getJson<{ items: Array<{ overall: number }> }>(
              supervisor,
              `/intelligence/reply-quality/tickets/${ticket.id}`,
            )
          ).items.length,
        { timeout: 30_000 },
      )
      .toBe(1);

    const page = await journey.staff('supervisor', '/supervision?tab=quality');
    const table = page.getByRole('table', { name: '答复质量（按单位）' });
    await page.getByRole('heading', { name: '答复质量（按单位）' }).waitFor();
    await page.getByLabel('低分线').waitFor();
    const unitRow = table.getByRole('row').filter({
      has: page.getByRole('button', { name: `查看 ${HANDLER_UNIT_NAME} 的工单` }),
    });
    await unitRow.waitFor();
    // Today only: the reply just sent is among the unit's replies of the day.
    const panel = page.getByRole('region', { name: '答复质量（按单位）' });
    await panel.getByLabel('开始日期').fill(await panel.getByLabel('结束日期').inputValue());
    await unitRow.waitFor();
    await table.getByRole('columnheader', { name: '相关性' }).waitFor();
    await table.getByRole('columnheader', { name: '低于 60 分占比' }).waitFor();
    const cells = await unitRow.getByRole('cell').allTextContents();
    expect(Number(cells[1])).toBeGreaterThanOrEqual(1);
    for (const score of cells.slice(2, 6)) expect(Number(score)).toBeGreaterThanOrEqual(0);
    expect(cells[6]).toMatch(/%$/);

    // The unit opens its replies, each linking to its ticket.
    await unitRow.getByRole('button', { name: `查看 ${HANDLER_UNIT_NAME} 的工单` }).click();
    await page.getByRole('table', { name: `${HANDLER_UNIT_NAME} 的答复（低分在前）` }).waitFor();
    await page.getByRole('link', { name: ticket.number }).waitFor();
    await screenshot(page, 'supervision-quality.zh-CN');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('table', { name: 'Reply quality by unit' }).waitFor();
    await screenshot(page, 'supervision-quality.en');
    await page.context().close();
  }, 120_000);
});
