import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';

/** What every module is built from; the composition root passes the same instance to all. */
export interface ModuleDeps {
  readonly database: Database;
  readonly config: Config;
  readonly clock: Clock;
}
