import { describe, expect, it } from 'vitest';
import type { MeasuresQuery, MeasuresReader } from './contract.js';
import {
  assembleMonthlyReport,
  checkMonth,
  monthRange,
  previousMonth,
  type MonthlyReport,
} from './monthly-report.js';
import { formatChange, renderReportHtml } from './report-html.js';
import { sampleMeasures, sampleRankings, sampleRow } from './sample-data.js';

/** A reader answering from the sample data, remembering what it was asked. */
function fakeReader(state: 'draft' | 'published' = 'draft') {
  const asked: MeasuresQuery[] = [];
  const reader: MeasuresReader = {
    measures(query) {
      asked.push(query);
      const result = sampleMeasures(query.by, query.from, query.to);
      if (query.by === 'day')
        result.rows = [1, 2, 3].map((day) =>
          sampleRow(`${query.from.slice(0, 8)}0${day}`, `${day}日`, null, {
            contacts: day * 10,
            evaluated: 10,
            contacted: 9,
            resolved: 8,
            satisfied: 7 + (day % 2),
            due: 5,
            onTime: 4,
          }),
        );
      if (query.by === 'category')
        result.rows = [
          sampleRow('1', '供水<script>alert(1)</script>', 'Water', { contacts: 5 }),
          sampleRow('2', '路灯 🚧', 'Street lights', {
            contacts: 40,
            overdue: 2,
            due: 8,
            onTime: 6,
          }),
        ];
      if (query.by === 'month' && query.from.startsWith('2026-10'))
        result.total = sampleRow('2026-10', '10月', null, {
          contacts: 100,
          evaluated: 50,
          contacted: 45,
          resolved: 40,
          satisfied: 35,
          overdue: 5,
        });
      return Promise.resolve(result);
    },
    tickets: () => Promise.resolve({ items: [], total: 0 }),
    rankings: (month) => Promise.resolve({ ...sampleRankings(state), month }),
  };
  return { reader, asked };
}

const assemble = (state: 'draft' | 'published' = 'draft') => {
  const fake = fakeReader(state);
  return {
    ...fake,
    report: assembleMonthlyReport(fake.reader, {
      month: '2026-11',
      scope: { label: '泸州市', labelEn: 'Luzhou' },
      filters: { districtId: 11 },
      now: new Date('2026-12-01T03:00:00.000Z'),
    }),
  };
};

describe('months', () => {
  it('spans whole months, leap years and year ends included', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });

  it('refuses what is not YYYY-MM, naming the field and the rule', () => {
    for (const bad of ['2026-13', '2026-1', '26-11', '2026-11-01', ''])
      expect(() => checkMonth(bad)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: { field: 'month', rule: 'pattern' },
        }),
      );
  });
});

describe('the monthly report', () => {
  it("gathers the month by day, the previous month, categories, units and the month's ranking", async () => {
    const { report, asked } = assemble();
    const data: MonthlyReport = await report;
    expect(asked).toEqual(
      expect.arrayContaining([
        { districtId: 11, from: '2026-11-01', to: '2026-11-30', by: 'day' },
        { districtId: 11, from: '2026-10-01', to: '2026-10-31', by: 'month' },
        { districtId: 11, from: '2026-11-01', to: '2026-11-30', by: 'category' },
        { districtId: 11, from: '2026-11-01', to: '2026-11-30', by: 'unit' },
      ]),
    );
    expect(data.trend.map((row) => row.key)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(data.previous.counts.contacts).toBe(100);
    // Categories with the most contacts first; units with overdue tickets, most first.
    expect(data.categories.map((row) => row.key)).toEqual(['2', '1']);
    expect(data.overdueUnits.map((row) => [row.label, row.counts.overdue])).toEqual([
      ['纳溪区', 9],
      ['江阳区𠮷', 6],
    ]);
    expect(data.rankings.month).toBe('2026-11');
  });

  it('renders a self-contained printable page in Chinese, with SVG charts and a draft mark', async () => {
    const html = renderReportHtml(await assemble().report, 'zh-CN', 'Asia/Shanghai');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('泸州市 2026-11 月度督办考核报告');
    expect(html).toContain('生成于 2026/12/01 11:00');
    // No script, no outside resource: it prints the same anywhere.
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('@page { size: A4');
    expect(html.match(/class="break"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html.match(/<svg /g)).toHaveLength(2);
    // Key figures with the previous month and the change.
    const satisfaction =
      /<th scope="row">满意率<\/th><td class="num">(.*?)<\/td><td class="num">(.*?)<\/td><td class="num">(.*?)<\/td>/.exec(
        html,
      );
    expect(satisfaction?.slice(1)).toEqual(['80.0%', '70.0%', '+10.0个百分点']);
    const overdue =
      /<th scope="row">超期工单<\/th><td class="num">(.*?)<\/td><td class="num">(.*?)<\/td><td class="num">(.*?)<\/td>/.exec(
        html,
      );
    expect(overdue?.slice(1)).toEqual(['15', '5', '+200.0%']);
    // The ranking per unit type, marked a draft.
    expect(html).toContain('草稿：尚未发布');
    expect(html).toContain('<h3>区县</h3>');
    expect(html).toContain('<h3>街道/乡镇</h3>');
    expect(html).toContain('权重：响应率 30%，解决率 35%，满意率 35%');
    expect(html).toContain('<td>江阳区𠮷</td><td class="num">86.2</td>');
    expect(html).toContain('路灯 🚧');
  });

  it('renders in English with the published state', async () => {
    const html = renderReportHtml(await assemble('published').report, 'en', 'Asia/Shanghai');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Luzhou: monthly supervision report, 2026-11');
    expect(html).toContain('Published (12/01/2026, 10:00)');
    expect(html).not.toContain('Draft');
    expect(html).toContain('Street lights');
    expect(html).toContain('<td>Jiangyang 😀</td>');
    expect(html).toContain('+10.0 pp');
  });

  it('says the change in points for rates and relatively for counts', () => {
    expect(formatChange('rate', 0.8, 0.85, 'en')).toBe('−5.0 pp');
    expect(formatChange('count', 10, 0, 'en')).toBe('—');
    expect(formatChange('count', 0, 0, 'en')).toBe('±0');
    expect(formatChange('rate', null, 0.5, 'zh-CN')).toBe('—');
    expect(formatChange('score', 80, 82.5, 'zh-CN')).toBe('−2.5');
  });
});
