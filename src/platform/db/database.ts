import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { BackgroundCheckpointer } from './checkpointer.js';
import { reserveCounterBlock, nextCounter } from './dialect-sql.js';
import { GroupCommitter } from './group-commit.js';
import { withStatementCache } from './statement-cache.js';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  readonly dialect: DialectName;
  /** For reads. Never use it inside a write: take the transaction you are given. */
  readonly db: Kysely<DB>;
  /** Runs `work` in a transaction that is durable on disk when the promise resolves. */
  write<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  /**
   * The next value of a counter (ticket numbers per day), unique across app instances. SQLite
   * takes it inside `trx` (gapless: it rolls back with the write); PostgreSQL reserves blocks in
   * short transactions of their own, so concurrent writes do not queue on one counter row (a
   * rolled-back write or a stopped instance leaves a gap).
   */
  nextCounterValue(trx: Transaction<DB>, key: string): Promise<number>;
  /** PostgreSQL only: the schema in use when not the default one (tests give each file its own). */
  readonly schema?: string;
  /** The writing connection itself, for migrations only. */
  readonly migrationDb: Kysely<DB>;
  /**
   * PostgreSQL only: calls `onNotify` with the payload of every NOTIFY on `channel` (from any
   * app instance), on a connection of its own that reconnects after a failure; `onReconnect`
   * runs after a reconnection (notifications sent meanwhile are lost). Resolves to a stop
   * function.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  groupCommitMs?: number;
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  searchPath?: string;
  poolSize?: number;
  /** SQLite only: the WAL's size past which it is truncated (default 64 MB). */
  maxWalBytes?: number;
}

export function openDatabase(options: DatabaseOptions): Database {
  return options.url.startsWith('sqlite:') ? openSqlite(options) : openPostgres(options);
}

/** The WAL's size past which the writer truncates it (SQLite trims it to this size too). */
const DEFAULT_MAX_WAL_BYTES = 64 * 1024 * 1024;

/**
 * The background thread's passive checkpoints never stop the writer, so while commits follow one
 * another without a pause none of them completes and SQLite never restarts the WAL: it would
 * grow without bound. Past its limit, the writer itself truncates it between two transactions
 * (the one stall, rare, of copying the backlog); a look at its size costs a stat call per write.
 */
function walBound(writer: SQLite.Database, walFile: string, maxWalBytes: number): () => void {
  return () => {
    if (writer.inTransaction) return;
    const size = fs.statSync(walFile, { throwIfNoEntry: false })?.size ?? 0;
    if (size > maxWalBytes) writer.pragma('wal_checkpoint(TRUNCATE)');
  };
}

function openSqlite(options: DatabaseOptions): Database {
  const file = options.url.slice('sqlite:'.length);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const open = (readonly: boolean): SQLite.Database => {
    const handle = new SQLite(file, { readonly: readonly && fs.existsSync(file) });
    handle.pragma('busy_timeout = 5000');
    if (!readonly) handle.pragma('journal_mode = WAL');
    // FULL: a commit is on disk (not only in the OS cache) before we acknowledge it.
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    // A page cache of 32 MB (writer) / 16 MB (reader) keeps index pages of a large database warm.
    handle.pragma(`cache_size = ${readonly ? -16384 : -32768}`);
    return handle;
  };
  const writerHandle = open(false);
  writerHandle.pragma('wal_autocheckpoint = 0');
  const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES;
  // When the WAL restarts from its beginning, its file is trimmed back to this size.
  writerHandle.pragma(`journal_size_limit = ${maxWalBytes}`);
  const checkpointer = new BackgroundCheckpointer(file, (problem) => {
    // Never let the WAL grow without bound: fall back to checkpoints inside commits.
    writerHandle.pragma('wal_autocheckpoint = 1000');
    process.emitWarning(`background checkpoint failed, using automatic checkpoints: ${problem}`);
  });
  const boundWal = walBound(writerHandle, `${file}-wal`, maxWalBytes);
  const writer = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(writerHandle) }),
  });
  // A second connection for reads: WAL lets it read while the writer holds a transaction.
  const reader = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(open(true)) }),
  });
  const committer = new GroupCommitter(writer, options.groupCommitMs ?? 0);
  return {
    dialect: 'sqlite',
    db: reader,
    migrationDb: writer,
    write: async (work) => {
      const result = await committer.run(work);
      boundWal();
      return result;
    },
    nextCounterValue: (trx, key) => nextCounter(trx as unknown as Kysely<never>, key),
    async close() {
      await committer.drain();
      await checkpointer.stop();
      await reader.destroy();
      await writer.destroy();
    },
  };
}

const RETRYABLE = new Set(['40001', '40P01']);

function openPostgres(options: DatabaseOptions): Database {
  const connect = (max: number) =>
    new pg.Pool({
      connectionString: options.url,
      max,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: connect(options.poolSize ?? 10) }),
  });
  // Counter blocks are reserved on a connection of their own: a write that holds a pooled
  // connection never waits for another one from the same pool.
  const counterDb = new Kysely<never>({ dialect: new PostgresDialect({ pool: connect(1) }) });
  const clientOptions = {
    connectionString: options.url,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  };
  return {
    dialect: 'postgres',
    db,
    ...(options.searchPath ? { schema: options.searchPath } : {}),
    migrationDb: db,
    nextCounterValue: counterBlocks(counterDb),
    listen: (channel, onNotify, onReconnect) =>
      listenOn(() => new pg.Client(clientOptions), channel, onNotify, onReconnect),
    async write(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(work);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw error;
        }
      }
    },
    async close() {
      await counterDb.destroy();
      await db.destroy();
    },
  };
}

/** Ticket numbers are taken this many at a time per instance on PostgreSQL. */
const COUNTER_BLOCK = 32;

function counterBlocks(db: Kysely<never>): Database['nextCounterValue'] {
  const blocks = new Map<string, { next: number; end: number }>();
  const reserving = new Map<string, Promise<void>>();
  const take = async (key: string): Promise<number> => {
    for (;;) {
      const block = blocks.get(key);
      if (block && block.next <= block.end) return block.next++;
      let pending = reserving.get(key);
      if (!pending) {
        pending = reserveCounterBlock(db, key, COUNTER_BLOCK)
          .then((end) => void blocks.set(key, { next: end - COUNTER_BLOCK + 1, end }))
          .finally(() => reserving.delete(key));
        reserving.set(key, pending);
      }
      await pending;
    }
  };
  return (_trx, key) => take(key);
}

/** LISTEN on a dedicated client; after an error, reconnects with a growing delay (max 5 s). */
async function listenOn(
  newClient: () => pg.Client,
  channel: string,
  onNotify: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let delay = 100;
  const connect = async (): Promise<void> => {
    const next = newClient();
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    next.on('error', () => void retry(next));
    await next.connect();
    await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    client = next;
    delay = 100;
  };
  const retry = async (failed: pg.Client): Promise<void> => {
    if (stopped || client !== failed) return;
    client = null;
    await failed.end().catch(() => undefined);
    while (!stopped && !client) {
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      delay = Math.min(delay * 2, 5000);
      try {
        await connect();
        onReconnect?.();
      } catch {
        // the database is still away: try again
      }
    }
  };
  await connect();
  return async () => {
    stopped = true;
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
