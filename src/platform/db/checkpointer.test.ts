import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/databases.js';

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
