// CONTRACT (to be implemented by the demo module): the Luzhou demo city.
import type { Services } from '../../composition.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';

/** The demo logins, one per role, printed at start. */
export interface DemoLogin {
  username: string;
  role: string;
  unit: string;
}
export declare const DEMO_PASSWORD: string;
export declare const DEMO_LOGINS: readonly DemoLogin[];

/** Seeds Luzhou (organisation, categories, catalogue, users, six months of history) into an empty database; null when it already has data. */
export declare function seedDemoIfEmpty(
  database: Database,
  services: Services,
  clock: Clock,
): Promise<{ tickets: number } | null>;
