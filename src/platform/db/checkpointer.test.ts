import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/databases.js';
import { openDatabase } from './database.js';

const run = promisify(execFile);

// The WAL header's checkpoint sequence number (bytes 12-15) goes up each time SQLite restarts the
// log from its beginning, which it does on the first write after a complete checkpoint.
const checkpointSequence = (walFile: string): number => {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(walFile, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.readUInt32BE(12);
};

describe('background checkpoints on SQLite', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('copy the WAL into the database without a checkpoint inside any commit', async () => {
    const { database } = testDb;
    const walFile = `${testDb.url.slice('sqlite:'.length)}-wal`;
    const write = (prefix: string, count: number) =>
      database.write(async (trx) => {
        for (let i = 0; i < count; i++) {
          await trx
            .insertInto('calendar_days')
            .values({ date: `${prefix}-${i}`, kind: 'workday', name: 'x'.repeat(500) })
            .execute();
        }
      });
    await write('a', 2000);
    const before = checkpointSequence(walFile);
    let after = before;
    for (let attempt = 0; attempt < 100 && after === before; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      await write(`b${attempt}`, 1);
      after = checkpointSequence(walFile);
    }
    expect(after).toBeGreaterThan(before);
    const rows = await database.db
      .selectFrom('calendar_days')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeGreaterThan(2000);
  });
});

describe('the WAL under writes that never pause', () => {
  it('stays bounded although no background checkpoint catches up with the writer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-wal-'));
    const file = path.join(dir, 'busy.db');
    const maxWalBytes = 256 * 1024;
    const database = openDatabase({ url: `sqlite:${file}`, maxWalBytes });
    try {
      await sql`create table notes (id integer primary key, body text not null)`.execute(
        database.migrationDb,
      );
      // Each commit appends while the last passive checkpoint is still copying, so none of
      // them completes and SQLite never restarts the WAL by itself.
      const sizes: number[] = [];
      const insert = sql`insert into notes (body) values (${'x'.repeat(20_000)})`;
      for (let step = 0; step < 400; step++) {
        await database.write((trx) => insert.execute(trx));
        sizes.push(fs.statSync(`${file}-wal`).size);
      }
      // 8 MB went through the WAL; over the second half it stayed near its limit.
      expect(Math.max(...sizes.slice(200))).toBeLessThan(4 * maxWalBytes);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('closing a SQLite database', () => {
  it('finishes before a script that ends with the close exits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-close-'));
    const database = pathToFileURL(path.resolve('src/platform/db/database.ts')).href;
    // A script whose last step is closing the database: nothing else keeps the process alive.
    const script = `
      const { openDatabase } = await import(${JSON.stringify(database)});
      const db = openDatabase({ url: ${JSON.stringify(`sqlite:${dir}/t.db`)} });
      await db.write((trx) => trx.selectFrom('sqlite_master').select('name').execute());
      await db.close();
      console.log('closed');`;
    try {
      const { stdout } = await run(process.execPath, [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ]);
      expect(stdout.trim()).toBe('closed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
