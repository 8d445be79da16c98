// Use cases of the reports: the monthly report (HTML, PDF) and the exports of the dashboard's
// tables (CSV, XLSX), for the roles that watch the measures. A coordinator's are their district's.
import { hasRole, requireRoles, type Actor, type Role } from '../../../platform/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { ValidationError } from '../../../platform/errors.js';
import type { OrganisationService } from '../../organisation/index.js';
import {
  COUNT_NAMES,
  MEASURE_DIMENSIONS,
  type CountName,
  type MeasureDimension,
  type MeasureFilters,
} from './contract.js';
import { measuresTable, rankingsTable, ticketsTable } from './export-tables.js';
import { assembleMonthlyReport, checkMonth } from './monthly-report.js';
import { renderReportHtml } from './report-html.js';
import { htmlToPdf } from './report-pdf.js';
import { measuresReaderFor, type MeasuresSource } from './service-reader.js';
import type { ReportLang } from './report-text.js';
import { tableToCsv, type Table } from './table.js';
import { tablesToXlsx, XLSX_TYPE } from './xlsx.js';

/** Who may read the reports and exports (../shared/DOMAIN.md: supervision and analysis). */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'analyst', 'admin', 'coordinator'];

export const EXPORT_TABLES = ['measures', 'rankings', 'tickets'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The most tickets one drill-down export holds (the list is read 500 at a time). */
export const MAX_EXPORT_TICKETS = 20_000;
const TICKET_PAGE = 500;

export interface ExportQuery extends MeasureFilters {
  from?: string;
  to?: string;
  by?: string;
  month?: string;
  count?: string;
  key?: string;
}

export interface FileAnswer {
  fileName: string;
  contentType: string;
  body: string | Buffer;
}

export class ReportsService {
  constructor(
    private readonly deps: {
      clock: Clock;
      organisation: OrganisationService;
      measures: MeasuresSource;
      timeZone: string;
      chromiumPath: string;
    },
  ) {}

  /** The filters a viewer's reports hold: a coordinator's always their district. */
  private scopeOf(actor: Actor, districtId: number | undefined): MeasureFilters {
    requireRoles(actor, REPORT_ROLES, 'Reports are for supervisors, analysts and coordinators');
    const onlyCoordinator =
      hasRole(actor, 'coordinator') && !hasRole(actor, 'supervisor', 'analyst', 'admin');
    if (onlyCoordinator) {
      if (actor.districtId === null)
        throw new ValidationError('districtId', 'Your unit has no district', 'NO_DISTRICT', {
          rule: 'required',
        });
      return { districtId: actor.districtId };
    }
    return districtId === undefined ? {} : { districtId };
  }

  private async scopeLabel(filters: MeasureFilters) {
    if (filters.districtId !== undefined) {
      const unit = await this.deps.organisation.getUnit(filters.districtId);
      return { label: unit.name, labelEn: unit.nameEn };
    }
    const [centre] = await this.deps.organisation.listUnits({ type: 'centre' });
    return centre
      ? { label: centre.name, labelEn: centre.nameEn }
      : { label: '12345', labelEn: '12345' };
  }

  /** The month's report as a printable HTML page. */
  async reportHtml(
    actor: Actor,
    input: { month: string; lang: ReportLang; districtId?: number },
  ): Promise<string> {
    const filters = this.scopeOf(actor, input.districtId);
    const reader = measuresReaderFor(this.deps.measures, actor);
    const month = checkMonth(input.month);
    const report = await assembleMonthlyReport(reader, {
      month,
      scope: await this.scopeLabel(filters),
      filters,
      now: this.deps.clock.now(),
    });
    return renderReportHtml(report, input.lang, this.deps.timeZone);
  }

  /** The same report printed to PDF by Chromium (PDF_UNAVAILABLE when it is not installed). */
  async reportPdf(
    actor: Actor,
    input: { month: string; lang: ReportLang; districtId?: number },
  ): Promise<Buffer> {
    return htmlToPdf(await this.reportHtml(actor, input), this.deps.chromiumPath);
  }

  /** One of the dashboard's tables as a CSV or XLSX file. */
  async exportTable(
    actor: Actor,
    table: ExportTable,
    format: ExportFormat,
    lang: ReportLang,
    query: ExportQuery,
  ): Promise<FileAnswer> {
    const filters = this.scopeOf(actor, query.districtId);
    const reader = measuresReaderFor(this.deps.measures, actor);
    const { from, to, by, month, count, key, ...rest } = query;
    const base = { ...rest, ...filters };
    let data: Table;
    if (table === 'rankings') {
      data = rankingsTable(await reader.rankings(checkMonth(month ?? '')), lang);
    } else if (table === 'measures') {
      const dimension = checkDimension(by);
      data = measuresTable(
        await reader.measures({ ...base, from: from ?? '', to: to ?? '', by: dimension }),
        lang,
      );
    } else {
      const countName = checkCount(count);
      const drill = {
        ...base,
        count: countName,
        from: from ?? '',
        to: to ?? '',
        ...(by === undefined ? {} : { by: checkDimension(by), key }),
      };
      const items = [];
      let total = 0;
      for (let offset = 0; offset < MAX_EXPORT_TICKETS; offset += TICKET_PAGE) {
        const page = await reader.tickets({ ...drill, limit: TICKET_PAGE, offset });
        items.push(...page.items);
        total = page.total;
        if (page.items.length < TICKET_PAGE || items.length >= total) break;
      }
      data = ticketsTable({ items, total }, lang, `tickets-${countName}-${from}-${to}`);
    }
    const stem = data.name.replace(/[^\w.-]+/g, '_');
    return format === 'csv'
      ? { fileName: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', body: tableToCsv(data) }
      : { fileName: `${stem}.xlsx`, contentType: XLSX_TYPE, body: tablesToXlsx([data]) };
  }
}

function checkDimension(value: string | undefined): MeasureDimension {
  if (!value || !(MEASURE_DIMENSIONS as readonly string[]).includes(value))
    throw new ValidationError('by', 'Group by one of the dimensions', 'VALIDATION_FAILED', {
      rule: 'enum',
      allowed: [...MEASURE_DIMENSIONS],
    });
  return value as MeasureDimension;
}

function checkCount(value: string | undefined): CountName {
  if (!value || !(COUNT_NAMES as readonly string[]).includes(value))
    throw new ValidationError('count', 'Name one of the counts', 'VALIDATION_FAILED', {
      rule: 'enum',
      allowed: [...COUNT_NAMES],
    });
  return value as CountName;
}
