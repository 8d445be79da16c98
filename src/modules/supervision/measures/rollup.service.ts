import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import { computeFacts, contributions, dayFunction, type Fact } from './measure-facts.js';
import {
  addToAllCounters,
  claimDirty,
  clearDirty,
  countersFromFacts,
  createFactIndexes,
  dropFactIndexes,
  insertFacts,
  loadSnapshotRange,
  loadSnapshots,
  markDeadlinesPassed,
  nextTicketBound,
  readFacts,
  readState,
  replaceFacts,
  writeState,
} from './rollup.repository.js';

/** Tickets recomputed per transaction by the worker. */
const BATCH = 200;
/** Tickets read per batch by the full recomputation. */
const REBUILD_BATCH = 5000;
const DEADLINES_KEY = 'deadlines_until';

/**
 * Keeps the measures' rollups current. Every ticket event marks its ticket (rollup_dirty, same
 * transaction); `drain` claims marked tickets, recomputes their facts from the current rows and
 * adds the difference to the counters, in one transaction per batch. Every app instance may run
 * it: PostgreSQL's SKIP LOCKED gives each batch to one of them.
 */
export class RollupService {
  private readonly day: (iso: string) => string;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    timeZone: string,
  ) {
    this.day = dayFunction(timeZone);
  }

  /** Marks tickets whose deadline passed since the last run, then recomputes every marked one. */
  async drain(): Promise<number> {
    await this.markPassedDeadlines();
    let total = 0;
    for (;;) {
      const done = await this.processBatch(BATCH);
      total += done;
      if (done === 0) return total;
    }
  }

  /** One batch: the number of tickets recomputed (0 when nothing is marked). */
  async processBatch(limit: number): Promise<number> {
    const { database } = this;
    return database.write(async (trx) => {
      const ids = await claimDirty(trx, database.dialect, limit);
      if (ids.length === 0) return 0;
      const before = await readFacts(trx, ids);
      const now = this.clock.now();
      const after = (await loadSnapshots(trx, ids)).flatMap((t) => computeFacts(t, now, this.day));
      await replaceFacts(trx, database.dialect, ids, after);
      const delta = contributions(before, -1, contributions(after));
      await addToAllCounters(trx, [...delta.values()]);
      await clearDirty(trx, ids);
      return ids.length;
    });
  }

  /**
   * A ticket unreplied past its feedback deadline becomes due (and overdue) with time alone: the
   * deadlines passed since the last run are marked. (Tickets older than the rollups were marked
   * by their migration.)
   */
  private async markPassedDeadlines(): Promise<void> {
    const now = this.clock.now().toISOString();
    const last = await readState(this.database.db, DEADLINES_KEY);
    if (last !== null && last >= now) return;
    await this.database.write(async (trx) => {
      if (last !== null) await markDeadlinesPassed(trx, last, now);
      await writeState(trx, DEADLINES_KEY, now, now);
    });
  }

  /**
   * The full recomputation: every ticket's facts from scratch, then the counters from the facts
   * in one set query. For the CLI (`measures:rebuild`), the demo seed, and after bulk loads.
   * Writes made while it runs are marked and recomputed by the next `drain`.
   */
  async rebuild(): Promise<{ tickets: number; facts: number }> {
    const { database } = this;
    const startedAt = this.clock.now();
    // The facts' day indexes are dropped while the table fills (one sort per index afterwards
    // instead of 5 index updates per row), and created again whatever happens.
    await database.write(async (trx) => {
      await trx
        .deleteFrom('rollup_dirty')
        .where('marked_at', '<=', startedAt.toISOString())
        .execute();
      await dropFactIndexes(trx);
      await trx.deleteFrom('measure_facts').execute();
    });
    let tickets = 0;
    let facts = 0;
    try {
      let lastId = 0;
      for (;;) {
        const upTo = await nextTicketBound(database.db, lastId, REBUILD_BATCH);
        if (upTo === null) break;
        const snapshots = await loadSnapshotRange(database.db, lastId, upTo);
        lastId = upTo;
        const batch: Fact[] = [];
        for (const snapshot of snapshots)
          for (const fact of computeFacts(snapshot, startedAt, this.day)) batch.push(fact);
        await database.write((trx) => insertFacts(trx, database.dialect, batch));
        tickets += snapshots.length;
        facts += batch.length;
      }
    } finally {
      await database.write((trx) => createFactIndexes(trx));
    }
    await database.write(async (trx) => {
      await countersFromFacts(trx);
      const at = startedAt.toISOString();
      await writeState(trx, DEADLINES_KEY, at, at);
    });
    return { tickets, facts };
  }
}
