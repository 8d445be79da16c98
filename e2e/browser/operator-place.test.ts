import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

// The operator types an address and an appeal; the form suggests the district and street
// (confirmed with one key) and, for a danger, shows why and offers the matching referral.

interface Ticket {
  id: number;
  status: string;
  districtId: number | null;
  streetId: number | null;
}

describe.runIf(browserAvailable)('place and emergency suggestions on the operator form', () => {
  const journey = useJourney();

  it('suggests the district and street of an address, filled only once confirmed', async () => {
    const page = await journey.staff('operator', '/operator', { locale: 'zh-CN' });
    await page.getByRole('textbox', { name: '诉求内容', exact: true }).fill('小区门口的路灯不亮了');
    await page.getByLabel('详细地址').fill('泸州市纳溪区永宁街道云溪西路18号');
    const suggestion = page.getByRole('group', { name: '智能识别地点' });
    await suggestion.getByText('纳溪区 › 永宁街道').waitFor();
    expect(await suggestion.textContent()).toMatch(/可信度 \d+%/);
    // Nothing is filled before the operator confirms.
    const district = page.getByRole('combobox', { name: '区县' });
    const street = page.getByRole('combobox', { name: '街道/乡镇' });
    expect(await district.locator('option:checked').textContent()).not.toBe('纳溪区');
    await screenshot(page, 'operator-place-suggestion.zh-CN');
    await page.keyboard.press('Alt+P');
    await expect.poll(() => district.locator('option:checked').textContent()).toBe('纳溪区');
    expect(await street.locator('option:checked').textContent()).toBe('永宁街道');
    await suggestion.getByRole('button', { name: /已确认/ }).waitFor();
    await page.context().close();
  }, 120_000);

  it('shows the emergency banner for a gas leak and refers the call to 119', async () => {
    const page = await journey.staff('operator', '/operator', { locale: 'zh-CN' });
    const phone = '13700007119';
    await page
      .getByRole('textbox', { name: '诉求内容', exact: true })
      .fill('家里煤气泄漏了，味道很大');
    await page.getByLabel('联系电话').fill(phone);
    const banner = page.getByRole('alert', { name: '疑似紧急情况' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('“煤气泄漏”（燃气泄漏）');
    await screenshot(page, 'operator-emergency-banner.zh-CN');
    await banner.getByRole('button', { name: '转 119' }).click();
    const target = page.getByRole('combobox', { name: '转办去向' });
    expect(await target.inputValue()).toBe('119');
    expect(await page.getByLabel('转办原因').inputValue()).toContain('煤气泄漏');
    await page.getByRole('button', { name: /确认转办/ }).click();
    await page.getByRole('status').filter({ hasText: '已转办' }).waitFor();

    const operator = await journey.api('operator');
    const tickets = await journey.getJson<{ items: Ticket[] }>(
      operator,
      `/tickets?citizenPhone=${phone}`,
    );
    expect(tickets.items).toHaveLength(1);
    expect(tickets.items[0]!.status).toBe('closed');
    await page.context().close();
  }, 120_000);
});
