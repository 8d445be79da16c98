import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 256;

/**
 * Group commit for SQLite: the writes of many requests run in one transaction, each inside its
 * own savepoint (a failing write rolls back alone), and every caller is answered only after the
 * one durable COMMIT. With synchronous=FULL that keeps "committed before acknowledged" without
 * paying one fsync per request (docs/decisions.md).
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
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.writer.transaction().execute(async (trx) => {
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
      });
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
}
