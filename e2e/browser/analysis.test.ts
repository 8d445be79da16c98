import { describe, expect, it } from 'vitest';
import { browserAvailable, json, screenshot, useJourney } from '../../src/test-support/browser.js';

describe.runIf(browserAvailable)('the analyst’s hot spots and key problems', () => {
  const journey = useJourney();

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`sees hot issues on the demo city, opens one and makes it a key problem (${locale})`, async () => {
      const page = await journey.staff('analyst', '/', { locale });
      await page.waitForURL(/\/analysis/);
      const zh = locale === 'zh-CN';
      const hot = page.getByRole('region', { name: zh ? '热点问题' : 'Hot issues' });
      // The district map is drawn: its canvas exists and has a size.
      const map = page.getByRole('img', {
        name: zh ? /泸州市区县地图/ : /Map of Luzhou’s districts/,
      });
      await expect
        .poll(
          async () => {
            const box = await map.locator('canvas').first().boundingBox();
            return box ? Math.min(box.width, box.height) : 0;
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(100);
      // The demo's water outages rising in 龙马潭区 lately are the early warning it opens on.
      const alerts = page.getByRole('region', { name: zh ? '预警' : 'Alerts' });
      await alerts
        .getByText(zh ? /停水 · 龙马潭区/ : /Longmatan/)
        .first()
        .waitFor();
      const first = hot.locator('table.an-hot tbody tr').first().getByRole('button').first();
      await first.waitFor();
      // An issue's appeals are collapsed until it is opened.
      expect(await first.getAttribute('aria-expanded')).toBe('false');
      expect(await hot.getByRole('link').count()).toBe(0);
      await first.click();
      await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
      await hot.getByRole('link').first().waitFor();
      await hot
        .getByRole('button', { name: zh ? '设为每月一题' : 'Make it the key problem' })
        .click();
      const form = page.getByRole('form', { name: zh ? '新建每月一题' : 'New key problem' });
      await form.getByLabel(zh ? '牵头单位' : 'Lead unit').selectOption({ index: 1 });
      await form.getByLabel(zh ? '采取的措施' : 'Measures taken').fill('专项排查 𠮷');
      await form.getByRole('button', { name: zh ? '保存' : 'Save' }).click();
      const listed = page.locator('ul.an-key > li').filter({ hasText: '专项排查 𠮷' });
      await listed.first().waitFor();
      expect(await listed.first().textContent()).toMatch(
        zh ? /前4周 \d+ 件/ : /4 weeks before: \d+/,
      );
      await screenshot(page, `analysis.${locale}`);
      await page.context().close();
    }, 120_000);
  }
  it('shows 南城街道 the key problem it leads, where its handler records the measures taken', async () => {
    const analyst = await journey.api('analyst');
    const units = await journey.getJson<{ items: Array<{ id: number; name: string }> }>(
      analyst,
      '/units?q=南城街道',
    );
    const street = units.items.find((unit) => unit.name === '南城街道')!;
    const created = await json<{ id: number }>(
      analyst.post(journey.apiUrl('/analysis/key-problems'), {
        data: {
          month: new Date().toISOString().slice(0, 7),
          title: '南城街道路灯夜间不亮 𠮷',
          leadUnitId: street.id,
          keywords: ['路灯'],
          measures: '',
          startDate: new Date().toISOString().slice(0, 10),
          weeks: 4,
        },
      }),
      201,
    );

    const page = await journey.staff('handler', '/handling');
    const panel = page.getByRole('region', { name: '本单位牵头的每月一题' });
    const card = panel.getByRole('listitem').filter({ hasText: '南城街道路灯夜间不亮 𠮷' });
    await card.getByRole('button', { name: '更新措施' }).click();
    const form = card.getByRole('form', { name: '更新措施' });
    await form.getByLabel('采取的措施').fill('更换老化线路 36 处，夜间巡查每周两次 😀');
    await form.getByRole('button', { name: '保存' }).click();
    await card.getByText('更换老化线路 36 处，夜间巡查每周两次 😀').waitFor();
    await screenshot(page, 'handling-key-problem.zh-CN');

    const kept = await journey.getJson<{ measures: string; history: Array<{ action: string }> }>(
      analyst,
      `/analysis/key-problems/${created.id}`,
    );
    expect(kept.measures).toBe('更换老化线路 36 处，夜间巡查每周两次 😀');
    expect(kept.history.map((h) => h.action)).toEqual(['created', 'updated']);
    await page.context().close();
  }, 120_000);
});
