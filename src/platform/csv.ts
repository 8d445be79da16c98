// RFC 4180 CSV, read and written without a dependency (https://www.rfc-editor.org/rfc/rfc4180).
// Pure: no I/O. Strings are handled per UTF-16 code unit, which is safe because every delimiter
// is ASCII: a surrogate pair (𠮷, emoji) never contains one.

/** A syntax error in a CSV text; `row` counts records from 1 (the header is row 1). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`row ${row}: ${message}`);
  }
}

export const UTF8_BOM = '\uFEFF';

/**
 * Parses CSV text into records of fields. Accepts CRLF, LF or CR line ends, a leading BOM,
 * quoted fields with embedded commas, quotes ("") and line breaks. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  return readRecords(text).filter((record) => !isBlank(record));
}

const isBlank = (record: readonly string[]): boolean => record.length === 1 && record[0] === '';

/** Every record, blank lines included (as ['']), so record numbers match a spreadsheet's rows. */
function readRecords(text: string): string[][] {
  const input = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        const next = input[i + 1];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvSyntaxError(records.length + 1, 'a closing quote must end the field');
        }
      } else {
        field += char;
      }
      i += 1;
      continue;
    }
    if (char === ',') {
      endField();
    } else if (char === '\r' || char === '\n') {
      endRecord();
      if (char === '\r' && input[i + 1] === '\n') i += 1;
    } else if (char === '"') {
      if (field !== '' || wasQuoted) {
        throw new CsvSyntaxError(records.length + 1, 'a quote inside an unquoted field');
      }
      quoted = true;
      wasQuoted = true;
    } else {
      field += char;
    }
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, 'a quoted field is never closed');
  if (field !== '' || record.length > 0 || wasQuoted) endRecord();
  return records;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted only when it needs to be (a quote, comma, line break or edge space). */
export function writeCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record's fields joined by commas, without a line end (for a writer that streams). */
export function writeCsvRecord(record: readonly string[]): string {
  return record.map(writeCsvField).join(',');
}

/** Writes records as CSV with CRLF line ends (RFC 4180), quoting only fields that need it. */
export function writeCsv(records: readonly (readonly string[])[]): string {
  return records.map((record) => writeCsvRecord(record) + '\r\n').join('');
}

/** The records of a CSV as objects keyed by its header row; the header must hold `columns`. */
export function parseCsvTable(
  text: string,
  columns: readonly string[],
): { rows: { row: number; cells: Record<string, string> }[]; missing: string[] } {
  const records = readRecords(text);
  const headerIndex = records.findIndex((record) => !isBlank(record));
  const names = (records[headerIndex] ?? []).map((name) => name.trim().toLowerCase());
  const missing = columns.filter((column) => !names.includes(column));
  const rows: { row: number; cells: Record<string, string> }[] = [];
  records.forEach((record, index) => {
    if (index <= headerIndex || isBlank(record)) return;
    const cells: Record<string, string> = {};
    names.forEach((name, column) => {
      cells[name] = record[column] ?? '';
    });
    rows.push({ row: index + 1, cells });
  });
  return { rows, missing };
}
