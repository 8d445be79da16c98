// Hot spots and early warning (热点/预警) and the monthly key problem (每月一题): alerts on unusual
// rises of a category in a district against a seasonal baseline, hot issues clustered from the
// appeals' text and place and ranked by a heat index, and key problems tracked before and after.
import { every, type BackgroundWork } from '../../../platform/background.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { RouteRegistrar } from '../../../platform/http/routes.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { NotificationService } from '../../notifications/index.js';
import { EarlyWarningService } from './early-warning.service.js';
import { HotIssueService } from './hot-issues.service.js';
import { hotspotsRoutes } from './hotspots.routes.js';
import { recordSupport } from './hotspots.repository.js';
import { KeyProblemService } from './key-problems.service.js';

export {
  DEFAULT_CLUSTERING,
  findHotIssues,
  heatIndex,
  type ClusterInput,
  type ClusterOptions,
  type HeatParts,
  type HotIssue,
} from './clustering.js';
export type { EarlyWarningService, WarningScanResult } from './early-warning.service.js';
export type { HotIssueService, HotIssueView } from './hot-issues.service.js';
export type { KeyProblemService, KeyProblemView } from './key-problems.service.js';

export interface HotspotsModule {
  /** The early-warning scan, and the alerts' list and acknowledgement. */
  warning: EarlyWarningService;
  hotIssues: HotIssueService;
  keyProblems: KeyProblemService;
  /**
   * Records a ticket's public support (likes, dislikes) from a channel that has it (a Weibo or
   * message-board post), in the caller's transaction; the heat index reads it.
   */
  recordSupport(
    trx: Transaction<DB>,
    support: { ticketId: number; likes: number; dislikes: number },
  ): Promise<void>;
  routes: RouteRegistrar;
  /** The early-warning scan every 15 minutes (one instance at a time, by a lease row). */
  background: BackgroundWork;
}

/** How often an instance tries the early-warning scan. */
export const WARNING_SCAN_INTERVAL_MS = 15 * 60_000;

/** Builds the hotspots module; alerts go to the district coordinators' in-app notifications. */
export function createHotspotsModule(
  deps: ModuleDeps,
  extra: { notifications: NotificationService },
): HotspotsModule {
  const inner = {
    database: deps.database,
    clock: deps.clock,
    timeZone: deps.config.timeZone,
    notifications: extra.notifications,
  };
  const warning = new EarlyWarningService(inner);
  const hotIssues = new HotIssueService(inner);
  const keyProblems = new KeyProblemService(inner);
  return {
    warning,
    hotIssues,
    keyProblems,
    recordSupport: (trx, support) =>
      recordSupport(trx, { ...support, at: deps.clock.now().toISOString() }),
    routes: hotspotsRoutes({ warning, hotIssues, keyProblems }),
    background: every('early warning scan', WARNING_SCAN_INTERVAL_MS, () => warning.scan()),
  };
}
