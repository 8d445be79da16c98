import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, parseCsvTable, UTF8_BOM, writeCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  const awkward = [
    ['code', 'name', 'note'],
    ['01', '城乡建设', 'plain'],
    ['02', '𠮷野家, 分店', 'a "quoted" word'],
    ['03', '路灯 💡 不亮', 'two\r\nlines'],
    ['04', '', 'line\nfeed only'],
    ['05', ' leading space', 'trailing space '],
    ['06', '"', ',,,'],
  ];

  it('round-trips Chinese, 𠮷, emoji, commas, quotes, line breaks and spaces', () => {
    expect(parseCsv(writeCsv(awkward))).toEqual(awkward);
  });

  it('quotes only the fields that need it and ends every record with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', '𠮷']])).toBe('a,"b,c","say ""hi""",𠮷\r\n');
  });

  it('reads LF, CRLF and CR line ends, a BOM, blank lines and a missing final line end', () => {
    const text = `${UTF8_BOM}code,name\n01,路灯\r\n\r\n02,噪音\r03,"多\n行"`;
    expect(parseCsv(text)).toEqual([
      ['code', 'name'],
      ['01', '路灯'],
      ['02', '噪音'],
      ['03', '多\n行'],
    ]);
  });

  it('keeps empty fields, including a quoted empty last field', () => {
    expect(parseCsv('a,,c\n,,\nx,""')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['x', ''],
    ]);
  });

  it.each([
    ['an unclosed quote', 'a,b\n"open,c\n', 2],
    ['a quote inside an unquoted field', 'a,b\nx"y,c\n', 2],
    ['text after a closing quote', 'a\n\n"x"y\n', 3],
  ])('refuses %s and says which row', (_what, text, row) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    try {
      parseCsv(text);
    } catch (error) {
      expect((error as CsvSyntaxError).row).toBe(row);
    }
  });

  it('numbers table rows as a spreadsheet does (header row 1, blank lines counted)', () => {
    const { rows, missing } = parseCsvTable('Code,Name\n01,"two\nlines"\n\n02,路灯\n', [
      'code',
      'name',
      'keywords',
    ]);
    expect(missing).toEqual(['keywords']);
    expect(rows).toEqual([
      { row: 2, cells: { code: '01', name: 'two\nlines' } },
      { row: 4, cells: { code: '02', name: '路灯' } },
    ]);
  });
});
