// The supervision reports: the monthly report (月度督办考核报告) as printable HTML and as PDF,
// and every dashboard table as CSV and XLSX. They read the measures and rankings of
// `../measures/` through its services, as the requesting person may see them.
import type { RouteRegistrar } from '../../../platform/http/routes.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { OrganisationService } from '../../organisation/index.js';
import { reportsRoutes } from './reports.routes.js';
import { ReportsService } from './reports.service.js';
import type { MeasuresSource } from './service-reader.js';

export type { ReportsService } from './reports.service.js';
export type { MeasuresReader } from './contract.js';

export interface ReportsModule {
  /** The monthly report and the exports, for supervisors, analysts, admins and coordinators. */
  service: ReportsService;
  routes: RouteRegistrar;
}

/** Builds the reports; PDFs are printed by the Chromium at `config.chromiumPath`. */
export function createReportsModule(
  deps: ModuleDeps,
  extra: { organisation: OrganisationService; supervision: MeasuresSource },
): ReportsModule {
  const service = new ReportsService({
    clock: deps.clock,
    organisation: extra.organisation,
    measures: extra.supervision,
    timeZone: deps.config.timeZone,
    chromiumPath: deps.config.chromiumPath,
  });
  return { service, routes: reportsRoutes(service) };
}
