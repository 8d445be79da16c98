import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/platform/password.js';
import { createTestDatabase, type TestDatabase } from '../src/test-support/databases.js';
import { createFixture } from '../src/test-support/fixtures.js';
import { seedTicket } from '../src/test-support/tickets.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

describe('npm run cli', () => {
  let testDb: TestDatabase;
  let dir: string;
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: testDb.url, DATA_DIR: dir, LOG_LEVEL: 'silent' },
    });

  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    await createFixture(testDb.database);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-cli-'));
    await seedTicket(testDb.database, {
      description: '𠮷野路口路灯不亮, "quoted"',
      citizen_name: '王小明',
      citizen_phone: '13912345678',
    });
  });
  afterAll(async () => {
    await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates an up-to-date database without changing it', async () => {
    const { stdout } = await cli('migrate');
    expect(stdout).toContain('schema is up to date');
  });

  it('creates a user who can log in, and resets a password', async () => {
    const { stdout } = await cli(
      'create-user',
      'night-op',
      'first-pass-1',
      'centre',
      'operator,dispatcher',
      '夜班话务员',
    );
    expect(stdout).toMatch(/created user night-op/);
    const user = await testDb.database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'night-op')
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe('夜班话务员');
    const roles = await testDb.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', user.id)
      .execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['dispatcher', 'operator']);
    await cli('reset-password', 'night-op', 'second-pass-2');
    const after = await testDb.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('second-pass-2', after.password_hash)).toBe(true);
  });

  it('refuses an unknown role and says which', async () => {
    await expect(
      cli('create-user', 'x', 'pass-word-1', 'centre', 'operator,wizard'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown role(s): wizard') as unknown,
    });
  });

  it('exports tickets as CSV with the citizen masked, and as JSON lines', async () => {
    const out = path.join(dir, 'tickets.csv');
    await cli('export-tickets', '--format', 'csv', '--out', out);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFnumber,status,')).toBe(true);
    expect(csv).toContain('"𠮷野路口路灯不亮, ""quoted"""');
    expect(csv).toContain('139****5678');
    expect(csv).not.toContain('13912345678');
    const { stdout } = await cli('export-tickets', '--format', 'json');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { description: string; citizenName: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      description: '𠮷野路口路灯不亮, "quoted"',
      citizenName: '王**',
    });
  });
  it('reminds owner units of knowledge articles due for review, once per review date', async () => {
    const db = testDb.database;
    const unit = await db.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'water')
      .executeTakeFirstOrThrow();
    const user = await db.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    const at = '2026-01-01T00:00:00.000Z';
    const content = {
      title: '水费缴纳',
      body: '微信缴纳。',
      category_ids: '[]',
      keywords: '[]',
      synonyms: '[]',
      owner_unit_id: unit.id,
      audience: 'public',
      effective_from: '2026-01-01',
      expires_on: null,
      review_by: '2026-01-02',
    };
    await db.write(async (trx) => {
      const { id } = await trx
        .insertInto('knowledge_articles')
        .values({
          ...content,
          state: 'published',
          version: 1,
          published_version: 1,
          rejection_reason: null,
          rejected_by: null,
          rejected_at: null,
          created_at: at,
          created_by: user.id,
          updated_at: at,
          updated_by: user.id,
          published_at: at,
          retired_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('knowledge_versions')
        .values({
          ...content,
          article_id: id,
          version: 1,
          note: null,
          changed_by: user.id,
          changed_at: at,
          published_at: at,
          published_by: user.id,
          approval_note: null,
        })
        .execute();
    });
    expect((await cli('knowledge:remind')).stdout).toContain('1 new review reminder(s)');
    expect((await cli('knowledge:remind')).stdout).toContain('0 new review reminder(s)');
    const notices = await db.db.selectFrom('notifications').selectAll().execute();
    expect(notices).toEqual([
      expect.objectContaining({ unit_id: unit.id, kind: 'kb_review_due', read_at: null }),
    ]);
  });

  it('exports the knowledge base as Markdown files and loads them back', async () => {
    const source = path.join(dir, 'kb-in');
    fs.mkdirSync(source, { recursive: true });
    fs.writeFileSync(
      path.join(source, 'water.md'),
      '---\ntitle: 停水了怎么查询 𠮷\nkeywords: [停水, 断水]\naudience: public\n---\n\n计划停水提前 **24 小时** 公告 🚰\n',
    );
    fs.writeFileSync(path.join(source, 'bad.md'), '---\naudience: nobody\n---\n\nno title\n');
    // All or none: one bad file refuses both, naming the file.
    const refused = await cli(
      'knowledge:import',
      '--as',
      'kb1',
      path.join(source, 'water.md'),
      path.join(source, 'bad.md'),
    ).catch((error: { code: number; stderr: string; stdout: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('bad.md');

    const loaded = await cli('knowledge:import', '--as', 'kb1', path.join(source, 'water.md'));
    expect(loaded.stdout).toContain('created 1, updated 0');
    const out = path.join(dir, 'kb-out');
    expect((await cli('knowledge:export', '--as', 'kb1', '--dir', out)).stdout).toMatch(
      /wrote [1-9]\d* articles/,
    );
    const exported = fs
      .readdirSync(out)
      .map((name) => fs.readFileSync(path.join(out, name), 'utf8'))
      .find((text) => text.includes('停水了怎么查询 𠮷'));
    expect(exported).toContain('计划停水提前 **24 小时** 公告 🚰');
    expect(exported).toMatch(/^---\n/);

    const nobody = await cli('knowledge:export', '--as', 'nobody', '--dir', out).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(nobody).toMatchObject({ code: 2 });
  });
});
