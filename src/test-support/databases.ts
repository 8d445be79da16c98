import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

/** The PostgreSQL that tests use: TEST_POSTGRES_URL, else the local server's database "test". */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Three tries: on a busy machine one connection can take longer than its timeout. */
async function postgresReachable(): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) if (await postgresAnswers()) return true;
  return false;
}

const postgresUp = await postgresReachable();
if (!postgresUp) {
  const message = `PostgreSQL is not reachable at ${TEST_POSTGRES_URL}`;
  if (process.env.CI === 'true')
    throw new Error(`${message}: under CI=true every dialect must run`);
  console.warn(`${message}: the PostgreSQL variants of the tests are skipped`);
}

/** The dialects every database test runs on: SQLite always, PostgreSQL when reachable. */
export const TEST_DIALECTS: DialectName[] = postgresUp ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  database: Database;
  /** The URL (and schema) another process can open to see the same data. */
  url: string;
  searchPath?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-test-'));
    const url = `sqlite:${path.join(dir, 'test.db')}`;
    const database = openDatabase({ url });
    await migrateToLatest(database);
    return {
      database,
      url,
      async drop() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ url: TEST_POSTGRES_URL, searchPath: schema, poolSize: 5 });
  await migrateToLatest(database);
  return {
    database,
    url: TEST_POSTGRES_URL,
    searchPath: schema,
    async drop() {
      await database.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
