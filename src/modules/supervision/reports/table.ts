// A table as the exports write it: named, typed columns and rows of cells. Pure: no I/O.
import { UTF8_BOM, writeCsvRecord } from '../../../platform/csv.js';

export type Cell = string | number | null;

/** How a column's numbers read: counts, decimals (hours, scores) or rates (0..1 shown as %). */
export type ColumnFormat = 'text' | 'integer' | 'decimal' | 'percent';

export interface Column {
  header: string;
  format: ColumnFormat;
}

export interface Table {
  /** The sheet's name (XLSX) and the file's name stem. */
  name: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
}

// A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
// Sheets (OWASP "CSV Injection"): text that does is prefixed with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet will show as text, never run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return neutraliseFormula(cell);
}

/**
 * The table as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * the local code page), CRLF line ends, numbers as they are, text neutralised against formulas.
 */
export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((column) => neutraliseFormula(column.header))];
  for (const row of table.rows) lines.push(row.map(csvCell));
  return UTF8_BOM + lines.map((line) => writeCsvRecord(line) + '\r\n').join('');
}
