import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/test-support/zip-reader.js';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

const DISTRICTS = ['江阳区', '纳溪区', '龙马潭区', '泸县', '合江县', '叙永县', '古蔺县'];

/** The file a click on `link` downloads. */
async function download(page: Page, link: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await file.path();
  return fs.readFileSync(saved);
}

/**
 * Clicks the map's districts, from its middle outwards, until one opens its tickets: the map is
 * drawn on a canvas, so a district has no element of its own to click.
 */
async function clickADistrict(page: Page, map: Locator): Promise<Locator> {
  const box = (await map.boundingBox())!;
  const dialog = page.getByRole('dialog');
  for (const [dx, dy] of [
    [0.55, 0.5],
    [0.5, 0.4],
    [0.6, 0.6],
    [0.45, 0.55],
    [0.65, 0.35],
    [0.5, 0.7],
    [0.4, 0.3],
    [0.7, 0.5],
  ] as const) {
    await map.click({ position: { x: box.width * dx, y: box.height * dy } });
    if (await dialog.isVisible()) return dialog;
    await dialog.waitFor({ state: 'visible', timeout: 500 }).catch(() => undefined);
    if (await dialog.isVisible()) return dialog;
  }
  throw new Error('no district of the map opened its tickets');
}

describe.runIf(browserAvailable)('the supervision dashboard in a browser', () => {
  const journey = useJourney();

  it('a supervisor reads the dashboard, drills into the map and the ranking, downloads the tables and opens the report', async () => {
    const page = await journey.staff('supervisor', '/supervision?tab=dashboard');
    await page.getByRole('tab', { name: '数据看板' }).waitFor();
    const figures = page.getByRole('list', { name: '主要指标' });
    await figures.getByRole('button', { name: /^满意率：\d/ }).waitFor();
    const districtTable = page.getByRole('table', { name: '各区县指标' });
    await districtTable.locator('tbody tr').first().waitFor();
    // The demo city's districts are all there, each with its figures.
    for (const name of DISTRICTS)
      await districtTable.getByRole('rowheader', { name, exact: true }).waitFor();
    const ranking = page.getByRole('table', { name: /综合考核排名.*区县/ });
    await ranking.locator('tbody tr').first().waitFor();
    await screenshot(page, 'supervision-dashboard.zh-CN');

    // The map follows the measure chosen for it.
    const map = page.getByRole('img', { name: /各区县综合得分地图/ });
    await map.waitFor();
    await page.locator('#svd-map-measure').selectOption('overdue');
    const overdueMap = page.getByRole('img', { name: /各区县超期工单地图/ });
    await overdueMap.waitFor();
    // A district clicked on the map lists its tickets behind that figure.
    const dialog = await clickADistrict(page, overdueMap);
    const title = (await dialog.getByRole('heading').textContent()) ?? '';
    expect(DISTRICTS.some((name) => title.startsWith(`${name} · 超期工单`))).toBe(true);
    const district = DISTRICTS.find((name) => title.startsWith(name))!;
    const listed = dialog.getByRole('table');
    await listed.locator('tbody tr').first().waitFor();
    const districtCells = await listed.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(new Set(districtCells)).toEqual(new Set([district]));
    expect(await listed.locator('tbody tr a').first().getAttribute('href')).toMatch(
      /^\/tickets\/\d+$/,
    );
    await screenshot(page, 'supervision-dashboard-drill.zh-CN');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A ranking cell lists that unit's tickets behind its figure; a link opens the ticket.
    const first = ranking.locator('tbody tr').first();
    const unit = (await first.getByRole('rowheader').textContent())!;
    await first.getByRole('button', { name: new RegExp(`^${unit}·综合得分`) }).click();
    const unitDialog = page.getByRole('dialog');
    await unitDialog.getByRole('heading', { name: new RegExp(`^${unit} · `) }).waitFor();
    const unitTickets = unitDialog.getByRole('table');
    await unitTickets.locator('tbody tr').first().waitFor();
    const ticketLink = unitTickets.locator('tbody tr a').first();
    const number = (await ticketLink.textContent())!;
    await ticketLink.click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByText(number).first().waitFor();
    await page.goBack();
    await districtTable.locator('tbody tr').first().waitFor();

    // Each table downloads as CSV (with a BOM, for Excel) and as XLSX.
    const csv = await download(
      page,
      page.getByRole('group', { name: '各区县指标：导出' }).getByRole('link', { name: '导出 CSV' }),
    );
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csvText = csv.toString('utf8');
    for (const name of DISTRICTS) expect(csvText).toContain(name);
    const xlsx = await download(
      page,
      page
        .getByRole('group', { name: /综合考核排名.*：导出/ })
        .getByRole('link', { name: '导出 Excel' }),
    );
    const sheet = readZip(xlsx).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(Buffer.from(sheet.data).toString('utf8')).toContain(unit);

    // The monthly report opens as a printable page.
    const [report] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('link', { name: '打印版（HTML）' }).click(),
    ]);
    await report.getByRole('heading', { level: 1, name: /月度督办考核报告/ }).waitFor();
    await report.getByRole('heading', { name: '综合考核排名' }).waitFor();
    expect(await report.locator('svg').count()).toBeGreaterThanOrEqual(2);
    await screenshot(report, 'supervision-report.zh-CN');
    const month = /reports\/(\d{4}-\d{2})\.html/.exec(report.url())![1]!;
    const pdf = await page.request.get(journey.apiUrl(`/supervision/reports/${month}.pdf`));
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(
      (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
    ).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it('reads in English', async () => {
    const page = await journey.staff('supervisor', '/supervision?tab=dashboard', { locale: 'en' });
    const figures = page.getByRole('list', { name: 'Key figures' });
    await figures.getByRole('button', { name: /^Satisfaction rate: \d/ }).waitFor();
    await page
      .getByRole('table', { name: 'Measures by district' })
      .locator('tbody tr')
      .first()
      .waitFor();
    await page.getByRole('img', { name: /Composite score by district map/ }).waitFor();
    await page
      .getByRole('table', { name: /Composite ranking.*Districts and counties/ })
      .locator('tbody tr')
      .first()
      .waitFor();
    await screenshot(page, 'supervision-dashboard.en');
  }, 120_000);

  it("a coordinator's dashboard holds only their district", async () => {
    const page = await journey.staff('coordinator', '/coordination?view=dashboard');
    const units = page.getByRole('table', { name: '各单位指标' });
    await units.locator('tbody tr').first().waitFor();
    // No city map for a district; the ranking lists only the district's own units.
    expect(await page.getByRole('img', { name: /地图/ }).count()).toBe(0);
    const ranked = page.getByRole('table', { name: /综合考核排名.*区县/ });
    await ranked.locator('tbody tr').first().waitFor();
    expect(await ranked.getByRole('rowheader').allTextContents()).toEqual(['江阳区']);
    const csv = await download(
      page,
      page.getByRole('group', { name: '各单位指标：导出' }).getByRole('link', { name: '导出 CSV' }),
    );
    for (const other of DISTRICTS.filter((name) => name !== '江阳区'))
      expect(csv.toString('utf8')).not.toContain(other);
    await screenshot(page, 'coordination-dashboard.zh-CN');
  }, 120_000);
});
