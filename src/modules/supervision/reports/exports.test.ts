import { describe, expect, it } from 'vitest';
import { parseCsv, UTF8_BOM } from '../../../platform/csv.js';
import { measuresTable, rankingsTable, ticketsTable } from './export-tables.js';
import { sampleMeasures, sampleRankings } from './sample-data.js';
import { neutraliseFormula, tableToCsv, type Table } from './table.js';
import { columnLetter, tablesToXlsx } from './xlsx.js';
import { readZip } from '../../../test-support/zip-reader.js';
import { crc32, writeZip } from './zip.js';

const TRICKY = '𠮷 路灯 🚧 <b>&"x"</b>';

/** The cells of a worksheet XML as { A1: text-or-number }, read back from the XML text. */
function readSheet(xml: string): Record<string, string | number> {
  const cells: Record<string, string | number> = {};
  const unescape = (text: string) =>
    text
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&');
  for (const match of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
    const [, ref, attributes, inner] = match;
    if (attributes!.includes('t="inlineStr"')) {
      cells[ref!] = unescape(/<t[^>]*>(.*?)<\/t>/s.exec(inner!)![1]!);
    } else {
      cells[ref!] = Number(/<v>(.*?)<\/v>/.exec(inner!)![1]);
    }
  }
  return cells;
}

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('reads back what it wrote, names and contents in full Unicode', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello') },
      { name: '目录/𠮷.xml', data: Buffer.from(`<x>${'重复 '.repeat(500)}😀</x>`) },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const zip = writeZip(entries);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const back = readZip(zip);
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    back.forEach((entry, i) => expect(Buffer.from(entry.data)).toEqual(entries[i]!.data));
    // Deflated: the repeated text takes far less room than it would stored.
    expect(zip.length).toBeLessThan(entries[1]!.data.length);
  });

  it('refuses a damaged archive', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello hello hello') }]);
    const broken = Buffer.from(zip);
    broken[14] = broken[14]! ^ 0xff; // the local header's CRC is not what is read; the central one is
    const central = broken.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    broken[central + 16] = broken[central + 16]! ^ 0xff;
    expect(() => readZip(broken)).toThrow(/CRC/);
    expect(() => readZip(Buffer.from('not a zip'))).toThrow(/not a ZIP/);
  });
});

describe('CSV export', () => {
  const table: Table = {
    name: 't',
    columns: [
      { header: '名称', format: 'text' },
      { header: '满意率', format: 'percent' },
      { header: '超期', format: 'integer' },
    ],
    rows: [
      [TRICKY, 0.875, 3],
      ['=HYPERLINK("http://x")', null, -2],
      ['+1', 0, 0],
      ['-1 回访', 1, 10],
      ['@SUM(A1)', 0.5, 1],
      ['a,b\n"c"', 0.25, 2],
    ],
  };

  it('starts with a BOM, and reads back cell for cell with formulas neutralised', () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toContain('\r\n');
    expect(parseCsv(csv)).toEqual([
      ['名称', '满意率', '超期'],
      [TRICKY, '0.875', '3'],
      [`'=HYPERLINK("http://x")`, '', '-2'],
      [`'+1`, '0', '0'],
      [`'-1 回访`, '1', '10'],
      [`'@SUM(A1)`, '0.5', '1'],
      ['a,b\n"c"', '0.25', '2'],
    ]);
  });

  it('neutralises only text a spreadsheet would run', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('路灯=坏')).toBe('路灯=坏');
    expect(neutraliseFormula('')).toBe('');
  });

  it('writes the measures with a total row, the ranking per unit type and a drill-down list', () => {
    const measures = parseCsv(tableToCsv(measuresTable(sampleMeasures('unit'), 'zh-CN')));
    expect(measures[0]).toContain('满意率');
    expect(measures[0]).toContain('平均办理时长（小时）');
    const satisfaction = measures[0]!.indexOf('满意率');
    expect(measures[1]![1]).toBe('江阳区𠮷');
    expect(measures[1]![satisfaction]).toBe('0.8');
    expect(measures.at(-1)![1]).toBe('合计');
    const english = parseCsv(tableToCsv(measuresTable(sampleMeasures('unit'), 'en')));
    expect(english[0]).toContain('Satisfaction rate');
    expect(english[1]![1]).toBe('Jiangyang 😀');

    const ranking = parseCsv(tableToCsv(rankingsTable(sampleRankings(), 'zh-CN')));
    expect(ranking[0]!.slice(0, 4)).toEqual(['单位类型', '排名', '单位', '综合得分']);
    expect(ranking.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['区县', '1', '江阳区𠮷'],
      ['区县', '2', '纳溪区'],
      ['街道/乡镇', '', '南城街道'],
    ]);

    const tickets = parseCsv(
      tableToCsv(
        ticketsTable(
          {
            total: 1,
            items: [
              {
                id: 7,
                number: '2026110300001',
                title: '=cmd|路灯 🚧',
                status: 'in_progress',
                channel: 'phone',
                categoryName: '路灯',
                districtName: '江阳区',
                unitName: null,
                createdAt: '2026-11-03T01:00:00.000Z',
              },
            ],
          },
          'zh-CN',
          'tickets',
        ),
      ),
    );
    expect(tickets[1]).toEqual([
      '2026110300001',
      "'=cmd|路灯 🚧",
      'in_progress',
      'phone',
      '路灯',
      '江阳区',
      '',
      '2026-11-03T01:00:00.000Z',
    ]);
  });
});

describe('XLSX export', () => {
  it('names columns like Excel', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('is a SpreadsheetML package holding the exact values, 𠮷 and emoji included', () => {
    const measures = measuresTable(sampleMeasures('unit'), 'zh-CN');
    const ranking = rankingsTable(sampleRankings(), 'zh-CN');
    const extra: Table = {
      name: 'a/b:c*d?[e] 超过三十一个字符的工作表名称会被截断吧一定会的对吧',
      columns: [{ header: '文本', format: 'text' }],
      rows: [[TRICKY], ['=1+1'], ['bad \u0001 control']],
    };
    const xlsx = tablesToXlsx([measures, ranking, extra]);
    const parts = new Map(readZip(xlsx).map((e) => [e.name, Buffer.from(e.data).toString('utf8')]));
    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
    ]);
    for (const [name, xml] of parts) {
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"'), name).toBe(true);
    }
    expect(parts.get('[Content_Types].xml')).toContain('/xl/worksheets/sheet3.xml');
    const workbook = parts.get('xl/workbook.xml')!;
    const sheetNames = [...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]!);
    expect(sheetNames).toHaveLength(3);
    for (const name of sheetNames) {
      expect([...name].length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }

    const sheet1 = readSheet(parts.get('xl/worksheets/sheet1.xml')!);
    const columns = measures.columns.map((c) => c.header);
    const col = (header: string) => columnLetter(columns.indexOf(header));
    expect(sheet1.A1).toBe('键');
    expect(sheet1.B2).toBe('江阳区𠮷');
    expect(sheet1[`${col('满意率')}2`]).toBe(0.8);
    expect(sheet1[`${col('来电/来件量')}2`]).toBe(120);
    expect(sheet1[`${col('平均办理时长（小时）')}2`]).toBe(30.5);
    // A rate without a denominator is an empty cell, not 0.
    expect(sheet1[`${col('直接答复率')}3`]).toBeUndefined();
    expect(sheet1[`B${measures.rows.length + 1}`]).toBe('合计');

    const sheet3 = readSheet(parts.get('xl/worksheets/sheet3.xml')!);
    expect(sheet3).toEqual({ A1: '文本', A2: TRICKY, A3: '=1+1', A4: 'bad  control' });
    // Text is an inline string, never a formula.
    expect(parts.get('xl/worksheets/sheet3.xml')).not.toContain('<f>');
    // Rates carry the percent style.
    expect(parts.get('xl/worksheets/sheet1.xml')).toMatch(
      new RegExp(`<c r="${col('满意率')}2" s="2"><v>0.8</v></c>`),
    );
  });

  it('writes the same bytes for the same tables', () => {
    const table = rankingsTable(sampleRankings(), 'en');
    expect(tablesToXlsx([table]).equals(tablesToXlsx([table]))).toBe(true);
  });
});
