import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Transaction } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';

// Simulated time for the seed. Many ticket life-cycles run at once (so SQLite's group commit
// batches their writes), each at its own moment of the past six months: "now" is kept per
// async call chain, and the services built for the seed read it through an ordinary Clock.

interface Moment {
  at: number;
  /** Called for each write of this call chain, once it is sure to be ordered after the earlier ones. */
  onWrite?: () => void;
}

const storage = new AsyncLocalStorage<Moment>();

/** A Clock that answers the simulated time of the life-cycle calling it. */
export function simulatedClock(fallback: () => Date): Clock {
  return {
    now: () => {
      const moment = storage.getStore();
      return moment ? new Date(moment.at) : fallback();
    },
  };
}

/** Runs `work` at the simulated time `at`; `onWrite` hears of each of its writes. */
export function runAt<T>(at: number, work: () => Promise<T>, onWrite?: () => void): Promise<T> {
  return storage.run({ at, onWrite }, work);
}

export function simulatedNow(): number {
  const moment = storage.getStore();
  if (!moment) throw new Error('simulatedNow outside a simulated life-cycle');
  return moment.at;
}

/**
 * The same database, but each write runs in the simulated time of its caller: group commit
 * executes queued writes from whichever call chain flushes, so each is re-bound to its own.
 */
export function simulatedDatabase(database: Database): Database {
  return {
    dialect: database.dialect,
    db: database.db,
    migrationDb: database.migrationDb,
    nextCounterValue: (trx, key) => database.nextCounterValue(trx, key),
    write: (work) => {
      const written = database.write(
        AsyncLocalStorage.bind(async (trx: Transaction<DB>) => {
          // The seed acknowledges nothing to anyone: on PostgreSQL its commits need not wait
          // for the disk (a crash mid-seed leaves a partial demo either way).
          if (database.dialect === 'postgres')
            await sql`SET LOCAL synchronous_commit = off`.execute(trx);
          return work(trx);
        }),
      );
      // SQLite's group commit runs queued writes in order; PostgreSQL runs transactions side by
      // side, so there a write counts once it is done.
      const onWrite = storage.getStore()?.onWrite;
      if (onWrite && database.dialect === 'sqlite') onWrite();
      else if (onWrite) void written.finally(onWrite).catch(() => undefined);
      return written;
    },
    // The seed borrows the database; its owner closes it.
    close: async () => undefined,
  };
}
