// The supervision module (督办): warnings on deadlines turning near or overdue, reminders (催办)
// automatic and by hand, escalation (提级) to the district's coordinators and the centre,
// supervision orders (督办单), and units' exemption (核减) and objection (申诉) requests.
import type { AuditLog } from '../../platform/audit.js';
import { every, type BackgroundWork } from '../../platform/background.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { EvaluationService } from './evaluation.service.js';
import type { NoticeSender } from './notices.js';
import { SupervisionOrderService } from './orders.service.js';
import { ReminderService } from './reminders.service.js';
import { SupervisionScanner } from './scanner.service.js';
import { SupervisionSettingsService } from './settings.service.js';
import { supervisionRoutes } from './supervision.routes.js';
import { WatchService } from './watch.service.js';
import { measuresRoutes } from './measures/measures.routes.js';
import { MeasuresService } from './measures/measures.service.js';
import { RankingService } from './measures/rankings.service.js';
import { RollupService } from './measures/rollup.service.js';

export type { EvaluationService } from './evaluation.service.js';
export {
  exemptedSql,
  type EvaluationAdjustment,
  type EvaluationAspect,
  type EvaluationRequest,
  type EvaluationRequestKind,
} from './evaluation.repository.js';
export type { NoticeKind, NoticeSender, SupervisionNotice } from './notices.js';
export { createStaffNoticesModule, type StaffNoticesModule } from './delivery/index.js';
export { createReportsModule, type ReportsModule } from './reports/index.js';
export type { ScanResult, SupervisionScanner } from './scanner.service.js';
export type { SupervisionOrderService, SupervisionOrderView } from './orders.service.js';
export type { ReminderService } from './reminders.service.js';
export type { SupervisionSettingsService } from './settings.service.js';
export type { WatchItem, WatchService } from './watch.service.js';
export type { MeasuresService, MeasureRow } from './measures/measures.service.js';
export type { Ranking, RankingService } from './measures/rankings.service.js';
export type { RollupService } from './measures/rollup.service.js';
export {
  DEFAULT_SETTINGS as DEFAULT_SUPERVISION_SETTINGS,
  type SupervisionSettings,
} from './supervision-rules.js';

export interface SupervisionModule {
  /** The admin's supervision rules. */
  settings: SupervisionSettingsService;
  /** Finds deadlines turning near or overdue and takes the automatic steps (idempotent). */
  scanner: SupervisionScanner;
  /** Reminders by hand and the record of every reminder and escalation. */
  reminders: ReminderService;
  /** Supervision orders (督办单). */
  orders: SupervisionOrderService;
  /**
   * Exemption (核减) and objection (申诉) requests and their decisions; `isExempted(ticketId,
   * unitId)` and `adjustments(…)` are what the evaluation measures read.
   */
  evaluation: EvaluationService;
  /** The overdue and near lists, and a ticket's supervision record. */
  watch: WatchService;
  /** The evaluation measures (考核指标) from the rollups, and their drill-down. */
  measures: MeasuresService;
  /** Monthly rankings within each unit type; publishing freezes a month. */
  rankings: RankingService;
  /** Keeps the measures' rollups current (`drain`), or rebuilds them (`rebuild`). */
  rollups: RollupService;
  routes: RouteRegistrar;
  /** The scanner every minute on every instance (each step is taken once, whoever runs it). */
  background: BackgroundWork;
}

/** How often the scanner looks for deadlines turning near or overdue. */
export const SCAN_INTERVAL_MS = 60_000;

/** How often the measures' rollups take in marked tickets. */
export const ROLLUP_INTERVAL_MS = 5_000;

/**
 * Builds the supervision module. Notices go to the in-app notifications and then to each of
 * `senders` (e-mail, SMS…), all inside the transaction of the step that causes them.
 */
export function createSupervisionModule(
  deps: ModuleDeps,
  extra: {
    audit: AuditLog;
    tickets: TicketsModule;
    catalogue: CatalogueModule;
    organisation: OrganisationService;
    notifications: NotificationService;
    senders?: readonly NoticeSender[];
  },
): SupervisionModule {
  const { database, clock } = deps;
  const inApp: NoticeSender = {
    send: (trx, notice) =>
      extra.notifications.notify(trx, {
        unitId: notice.recipient.unitId,
        userId: notice.recipient.userId,
        kind: notice.kind,
        message: notice.message,
        subjectType: 'ticket',
        subjectId: notice.ticket.id,
        dedupeKey: notice.dedupeKey,
      }),
  };
  const inner = {
    database,
    clock,
    tickets: extra.tickets,
    catalogue: extra.catalogue,
    organisation: extra.organisation,
    senders: [inApp, ...(extra.senders ?? [])],
  };
  const settings = new SupervisionSettingsService(database, clock, extra.audit);
  const scanner = new SupervisionScanner(inner, settings);
  const reminders = new ReminderService(inner);
  const orders = new SupervisionOrderService(inner);
  const evaluation = new EvaluationService(inner);
  const watch = new WatchService(inner, settings);
  const rollups = new RollupService(database, clock, deps.config.timeZone);
  const weights = async () => (await settings.current()).compositeWeights;
  const measures = new MeasuresService(database, weights);
  const rankings = new RankingService({
    database,
    clock,
    audit: extra.audit,
    timeZone: deps.config.timeZone,
    weights,
    drain: () => rollups.drain(),
  });
  const scan = every('supervision scan', SCAN_INTERVAL_MS, () => scanner.scan());
  const rollup = every('measures rollup', ROLLUP_INTERVAL_MS, () => rollups.drain());
  return {
    settings,
    scanner,
    reminders,
    orders,
    evaluation,
    watch,
    measures,
    rankings,
    rollups,
    routes: (app) => {
      supervisionRoutes({ watch, reminders, orders, evaluation, settings })(app);
      measuresRoutes({ measures, rankings })(app);
    },
    background: {
      async start(log) {
        const stops = [await scan.start(log), await rollup.start(log)];
        return async () => {
          for (const stop of stops) await stop();
        };
      },
    },
  };
}
