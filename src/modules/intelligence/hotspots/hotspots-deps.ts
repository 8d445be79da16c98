import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import type { NotificationService } from '../../notifications/index.js';

/** What the hotspots services share. */
export interface HotspotsDeps {
  database: Database;
  clock: Clock;
  /** The centre's time zone: days and weeks are local. */
  timeZone: string;
  notifications: NotificationService;
}
