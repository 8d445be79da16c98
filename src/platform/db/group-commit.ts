import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const MAX_BATCH = 256;

/**
 * Group commit for SQLite: the writes of many requests run in one transaction, each inside its
 * own savepoint (a failing write rolls back alone), and every caller is answered only after the
 * one durable COMMIT. With synchronous=FULL that keeps "committed before acknowledged" without
 * paying one fsync per request (docs/decisions.md). A batch first runs without savepoints; only
 * when one of its works fails is it run again with one savepoint per work, so a work may run
 * twice and must have no effect outside its transaction.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(
    private readonly writer: Kysely<DB>,
    private readonly windowMs: number,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Waits until every queued write has been committed or refused. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.scheduled) {
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    const go = (): void => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.windowMs > 0) setTimeout(go, this.windowMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const outcomes = (await this.runTogether(batch)) ?? (await this.runIsolated(batch));
      batch.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) item.resolve(outcome.value);
        else item.reject(outcome?.error);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /**
   * The common case: every work succeeds, so the batch runs as one plain transaction. If any
   * work fails, the whole transaction rolls back and null sends the batch to runIsolated.
   */
  private async runTogether(batch: Pending[]): Promise<Outcome[] | null> {
    if (batch.length === 1) return null;
    try {
      return await this.writer.transaction().execute(async (trx) => {
        const outcomes: Outcome[] = [];
        for (const item of batch) outcomes.push({ ok: true, value: await item.work(trx) });
        return outcomes;
      });
    } catch {
      return null;
    }
  }

  /** Each work in its own savepoint, so a failing one rolls back alone. */
  private async runIsolated(batch: Pending[]): Promise<Outcome[]> {
    return this.writer.transaction().execute(async (trx) => {
      const outcomes: Outcome[] = [];
      for (const item of batch) {
        await sql`SAVEPOINT w`.execute(trx);
        try {
          const value = await item.work(trx);
          await sql`RELEASE w`.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sql`ROLLBACK TO w`.execute(trx);
          await sql`RELEASE w`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }
}
