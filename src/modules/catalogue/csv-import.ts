import { ValidationError } from '../../platform/errors.js';
import { CsvSyntaxError, parseCsvTable } from '../../platform/csv.js';

/** One problem of an imported CSV: its row (the header is row 1, as in a spreadsheet) and column. */
export interface CsvProblem {
  row: number;
  field: string;
  message: string;
}

/** A CSV import refused as a whole: every problem found, and nothing changed. */
export class CsvImportError extends ValidationError {
  override readonly details: { field: string; errors: CsvProblem[] };

  constructor(readonly problems: CsvProblem[]) {
    const first = problems[0] ?? { row: 1, field: 'csv', message: 'the file is empty' };
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    const field = `row ${first.row}.${first.field}`;
    super(
      field,
      `Nothing was imported: row ${first.row}, ${first.field}: ${first.message}${more}`,
      'CSV_INVALID',
    );
    this.details = { field, errors: problems.length > 0 ? problems : [first] };
  }
}

/** Parses an uploaded CSV table; syntax errors, missing columns and non-UTF-8 text are CSV_INVALID. */
export function readCsvUpload(text: string, columns: readonly string[]) {
  if (text.includes('\uFFFD')) {
    throw new CsvImportError([
      { row: 1, field: 'csv', message: 'the file is not UTF-8 (in Excel, save as "CSV UTF-8")' },
    ]);
  }
  let table: ReturnType<typeof parseCsvTable>;
  try {
    table = parseCsvTable(text, columns);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new CsvImportError([{ row: error.row, field: 'csv', message: error.message }]);
    }
    throw error;
  }
  if (table.missing.length > 0) {
    throw new CsvImportError([
      { row: 1, field: 'header', message: `missing columns: ${table.missing.join(', ')}` },
    ]);
  }
  return table.rows;
}
