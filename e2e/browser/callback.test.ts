import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface QueueItem {
  id: number;
  number: string;
  parentId: number | null;
  leadUnitId: number | null;
}
interface Ticket {
  id: number;
  status: string;
  leadUnitId: number | null;
  reopenCount: number;
  citizenPhone: string | null;
  resolution: string | null;
}

describe.runIf(browserAvailable)('the callback desk in a browser', () => {
  const journey = useJourney();
  const question = (page: Page, name: RegExp) => page.getByRole('group', { name });

  it('records a satisfied callback that closes a ticket and an unresolved one that reopens another', async () => {
    const page = await journey.staff('callback', '/callback');
    const queue = page.getByRole('list', { name: '待回访工单' });
    await queue.getByRole('button').first().waitFor();
    const { items } = await journey.getJson<{ items: QueueItem[] }>(
      page,
      '/callback/queue?pageSize=200',
    );
    const [first, second] = items.filter((item) => item.parentId === null);
    if (!first || !second) throw new Error('the demo needs two replied tickets to call back');

    // 1. Satisfied: the ticket closes and leaves the queue.
    await queue.getByRole('button', { name: new RegExp(first.number) }).click();
    await page.waitForURL(new RegExp(`ticket=${first.id}`));
    await page.getByRole('heading', { name: new RegExp(first.number) }).waitFor();
    const detail = await journey.getJson<Ticket>(page, `/tickets/${first.id}`);
    // The desk sees the citizen's number in full, ready to dial.
    const phone = page.getByRole('link', { name: /^1\d\d \d{4} \d{4}$/ });
    expect(await phone.getAttribute('href')).toBe(`tel:${detail.citizenPhone}`);
    await question(page, /是否与您联系/)
      .getByRole('radio', { name: '是' })
      .check();
    await question(page, /是否已解决/)
      .getByRole('radio', { name: '是' })
      .check();
    await question(page, /是否满意/)
      .getByRole('radio', { name: '满意', exact: true })
      .check();
    await page.getByLabel('回访记录').fill('市民表示井盖已更换，感谢。');
    await page.getByRole('button', { name: '提交回访并办结' }).click();
    await page.getByText(`工单 ${first.number} 回访完成，已办结。`).waitFor();
    await expect
      .poll(() => queue.getByRole('button', { name: new RegExp(first.number) }).count())
      .toBe(0);
    const closed = await journey.getJson<Ticket>(page, `/tickets/${first.id}`);
    expect(closed.status).toBe('closed');
    expect(closed.resolution).toBe('callback');
    const after = await journey.getJson<{ items: QueueItem[] }>(
      page,
      '/callback/queue?pageSize=200',
    );
    expect(after.items.map((item) => item.id)).not.toContain(first.id);

    // 2. Unresolved and dissatisfied: the agent sends it back to the same unit.
    await queue.getByRole('button', { name: new RegExp(second.number) }).click();
    await page.waitForURL(new RegExp(`ticket=${second.id}`));
    await page.getByRole('heading', { name: new RegExp(second.number) }).waitFor();
    await question(page, /是否与您联系/)
      .getByRole('radio', { name: '是' })
      .check();
    await question(page, /是否已解决/)
      .getByRole('radio', { name: '否' })
      .check();
    await question(page, /是否满意/)
      .getByRole('radio', { name: '不满意' })
      .check();
    // Unresolved: reopening is the default judgement, which the agent can see and change.
    const reopen = question(page, /重办判断/).getByRole('radio', { name: /重办$/ });
    expect(await reopen.isChecked()).toBe(true);
    await page.getByLabel('回访记录').fill('市民反映问题仍未处理。');
    await screenshot(page, 'callback.zh-CN');
    await page.getByRole('button', { name: '提交回访并重办' }).click();
    await page.getByText(new RegExp(`工单 ${second.number} 回访完成，已退回 .+ 重办`)).waitFor();
    const reopened = await journey.getJson<Ticket>(page, `/tickets/${second.id}`);
    expect(reopened.status).toBe('in_progress');
    expect(reopened.leadUnitId).toBe(second.leadUnitId);
    expect(reopened.reopenCount).toBe(1);
    await expect
      .poll(() => queue.getByRole('button', { name: new RegExp(second.number) }).count())
      .toBe(0);
    await page.context().close();
  }, 120_000);

  it('refuses an incomplete callback next to the unanswered question, in English too', async () => {
    const page = await journey.staff('callback', '/callback', { locale: 'en' });
    await page.waitForURL(/ticket=\d+/);
    await page.getByRole('heading', { name: 'Callback result' }).waitFor();
    await question(page, /contact you/)
      .getByRole('radio', { name: 'Yes' })
      .check();
    await page.getByRole('button', { name: 'Record and close' }).click();
    await expect
      .poll(() =>
        question(page, /resolved/)
          .getByRole('alert')
          .textContent(),
      )
      .toBe("Choose the citizen's answer");
    await question(page, /resolved/)
      .getByRole('radio', { name: 'Yes' })
      .check();
    await question(page, /satisfied with/)
      .getByRole('radio', { name: 'Dissatisfied' })
      .check();
    // Resolved but dissatisfied: the agent must judge, nothing is preselected.
    await page.getByRole('button', { name: 'Record and close' }).click();
    await expect
      .poll(() =>
        question(page, /Reopen\?/)
          .getByRole('alert')
          .textContent(),
      )
      .toBe('Decide whether to reopen');
    await screenshot(page, 'callback.en');
    await page.context().close();
  }, 120_000);
});
