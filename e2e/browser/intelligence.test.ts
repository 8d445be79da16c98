import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

describe.runIf(browserAvailable)('category suggestions in the browser', () => {
  const journey = useJourney();

  it('suggests a category while the operator types, taken with one click', async () => {
    const page = await journey.staff('operator', '/operator', { locale: 'zh-CN' });
    await page
      .getByLabel('诉求内容')
      .fill('我家小区门口的路灯已经坏了一个星期，晚上一片漆黑，老人出门很危险，希望尽快维修。');
    const suggestions = page.getByRole('group', { name: '智能分类建议' });
    const best = suggestions.getByRole('button').first();
    await best.waitFor();
    expect(await best.textContent()).toMatch(/路灯 \d+%/);
    await screenshot(page, 'operator-category-suggestion.zh-CN');
    await best.click();
    await expect
      .poll(() => page.getByRole('combobox', { name: '诉求分类' }).inputValue())
      .toBe('城乡建设 › 市政设施 › 路灯');
    expect(await best.getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  });

  it('shows the dispatcher each queued ticket’s suggested category with its confidence', async () => {
    const page = await journey.staff('dispatcher', '/dispatch', { locale: 'en' });
    // The queue's rows also carry other suggestions (routing, likely duplicates): find this one.
    const line = page.getByText(/^(Suggested: .+|Matches the suggestion \()\d+%/).first();
    await line.waitFor();
    expect(await line.textContent()).toMatch(/(Suggested: .+|Matches the suggestion \()\d+%/);
    await screenshot(page, 'dispatch-category-suggestion.en');
    await page.context().close();
  });
});
