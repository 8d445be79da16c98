// The demo module: the city of Luzhou (泸州) with its organisation, categories, dispatch
// catalogue, one login per role and six months of history made by the platform's own services.
import { createServices, type Services } from '../../composition.js';
import { loadConfig, type Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { planHistory } from './history-plan.js';
import { playHistory } from './history.js';
import { Random } from './random.js';
import { StepScheduler } from './scheduler.js';
import { catalogueRules, seedCategories, type SeededLeaf } from './seed-categories.js';
import { seedKnowledge } from './seed-knowledge.js';
import { seedOrganisation, type SeededOrganisation } from './seed-organisation.js';
import {
  DEMO_LOGIN_SPECS,
  DEMO_PASSWORD as PASSWORD,
  PLACE_NAMES,
  seedUsers,
  type Staff,
} from './seed-users.js';
import { runAt, simulatedClock, simulatedDatabase, simulatedNow } from './sim-time.js';
import { DAY } from './timing.js';

/** The demo logins, one per role, printed at start. */
export interface DemoLogin {
  username: string;
  role: string;
  unit: string;
}

/** The password of every demo account. */
export const DEMO_PASSWORD: string = PASSWORD;

export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_LOGIN_SPECS.map((spec) => ({
  username: spec.username,
  role: spec.role,
  unit: PLACE_NAMES[spec.place],
}));

export interface SeedOptions {
  /** Appeals in the history (default 3000). */
  tickets?: number;
  /** Months of history ending now (default 6). */
  months?: number;
  /** Seed of the random choices: the same seed builds the same city (default 12345). */
  seed?: number;
  /** The configuration the services run with (time zone, data folder); default: the environment's. */
  config?: Config;
  /** Life-cycles played at once (default 50): SQLite's group commit batches their writes. */
  concurrency?: number;
}

export interface SeedResult {
  tickets: number;
  /** Steps the platform refused during the history (each ends one life-cycle early); normally none. */
  refusedSteps: string[];
}

/** Seeds Luzhou (organisation, categories, catalogue, users, six months of history) into an empty database; null when it already has data. */
export async function seedDemoIfEmpty(
  database: Database,
  services: Services,
  clock: Clock,
  options: SeedOptions = {},
): Promise<SeedResult | null> {
  return seedDemo(database, services, clock, options);
}

/**
 * Seeds the demo city into an empty database (null when units or users exist already). The
 * history runs through a second set of services (`createServices` on a simulated clock; the
 * app's own `services` are not needed), from `months` ago up to `clock.now()`, so every ticket,
 * event, dispatch and callback is exactly what the platform writes.
 */
export async function seedDemo(
  database: Database,
  _services: Services,
  clock: Clock,
  options: SeedOptions = {},
): Promise<SeedResult | null> {
  if (!(await isEmpty(database))) return null;
  const end = clock.now().getTime();
  const start = monthsBefore(end, options.months ?? 6);
  const seed = options.seed ?? 12345;
  const rng = new Random(seed);
  const config = options.config ?? loadConfig();
  const simulated = createServices(
    simulatedDatabase(database),
    config,
    simulatedClock(() => clock.now()),
  );
  // The city exists the day before its history starts.
  const { org, leaves, staff } = await runAt(start - DAY, () =>
    seedCity(database, simulated, rng.fork(1)),
  );
  const plans = planHistory(org, leaves, { tickets: options.tickets ?? 3000, start, end, seed });
  const unitNames = new Map(
    (await database.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const deps = {
    services: simulated,
    database,
    scheduler: new StepScheduler(options.concurrency ?? 50),
    end,
    staff,
    org,
    unitNames,
    refused: [],
  };
  const result = await playHistory(deps, plans, seed);
  await seedKnowledge({
    database,
    services: simulated,
    leaves,
    operators: staff.operators,
    start,
    end,
    timeZone: config.timeZone,
  });
  // The measures' rollups of the whole history at once (the worker then keeps them current).
  await createServices(database, config, clock).supervision.rollups.rebuild();
  return { tickets: result.tickets, refusedSteps: result.refused };
}

async function isEmpty(database: Database): Promise<boolean> {
  const unit = await database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  const user = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !unit && !user;
}

function monthsBefore(at: number, months: number): number {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}

/** Organisation and categories in one write, then the users, then catalogue version 1. */
async function seedCity(
  database: Database,
  services: Services,
  rng: Random,
): Promise<{ org: SeededOrganisation; leaves: SeededLeaf[]; staff: Staff }> {
  const at = new Date(simulatedNow()).toISOString();
  const { org, leaves } = await database.write(async (trx) => ({
    org: await seedOrganisation(trx, at),
    leaves: await seedCategories(trx),
  }));
  const staff = await seedUsers(services.auth.users, database, org, rng, at);
  await services.catalogue.catalogue.publish(staff.admin, {
    note: '泸州市12345派单目录（第1版）',
    rules: catalogueRules(leaves, org),
  });
  return { org, leaves, staff };
}
