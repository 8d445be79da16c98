import { DuckDBInstance } from '@duckdb/node-api';
import SQLite from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/modules/demo/index.js';
import type { Actor } from '../src/platform/actor.js';
import { FakeClock } from '../src/platform/clock.js';
import { openDatabase, type Database, type DialectName } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { DB } from '../src/platform/db/schema.js';
import { createTestDatabase } from '../src/test-support/databases.js';
import { sql, type Insertable } from 'kysely';

// npm run bench (part "supervision"): the month's ranking and the dashboard queries over the
// measures' rollups at BENCH_SUPERVISION_SIZES tickets (default 1,000,000 and 10,000,000), p50
// and p95; then the same ranking computed by DuckDB over the same tickets exported to Parquet,
// as the reference, with a check that both rankings agree. The tickets are a year of synthetic
// history in the demo city (its units, categories and users), written in bulk; the rollups are
// built by the platform's own full recomputation, whose time is reported too.
// BENCH_SUPERVISION_DIALECTS=sqlite,postgres runs it on the local PostgreSQL as well (in a schema
// of its own, dropped afterwards).

const SIZES = (process.env.BENCH_SUPERVISION_SIZES ?? '1000000,10000000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** BENCH_SUPERVISION_DIALECTS: sqlite (the default), postgres, or both. */
const DIALECTS = (process.env.BENCH_SUPERVISION_DIALECTS ?? 'sqlite')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
/** The history ends here; the ranked month is the last whole month before it. */
const END = Date.parse('2026-11-28T16:00:00Z');
const YEAR = 365 * 86_400_000;
const MONTH = '2026-10';
const WEIGHTS = { response: 30, resolution: 35, satisfaction: 35 };

/** A small, fast, seeded generator (mulberry32): the same history on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS: Array<[string, number]> = [
  ['phone', 0.55],
  ['wechat', 0.2],
  ['web', 0.1],
  ['app', 0.07],
  ['sms', 0.04],
  ['weibo', 0.02],
  ['email', 0.02],
];

function pick<T>(items: Array<[T, number]>, r: number): T {
  let sum = 0;
  for (const [item, weight] of items) {
    sum += weight;
    if (r < sum) return item;
  }
  return items[items.length - 1]![0];
}

const iso = (ms: number) => new Date(ms).toISOString();

interface Org {
  /** Units that lead tickets; a city department (no district) takes tickets in every district. */
  leads: Array<{ id: number; districtId: number | null; quality: number }>;
  leaves: number[];
  districts: number[];
}

async function orgOf(database: Database): Promise<Org> {
  const db = database.db;
  const rnd = random(7);
  const leads = (
    await db
      .selectFrom('units')
      .select(['id', 'type', 'district_id'])
      .where('type', 'in', ['street', 'department', 'enterprise', 'district'])
      .where('active', '=', 1)
      .orderBy('id')
      .execute()
  ).map((u) => ({
    id: u.id,
    districtId: u.type === 'district' ? u.id : u.district_id,
    quality: 0.6 + rnd() * 0.35,
  }));
  const leaves = (
    await db
      .selectFrom('categories as c')
      .select('c.id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('categories as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'),
          ),
        ),
      )
      .orderBy('c.id')
      .execute()
  ).map((c) => c.id);
  const districts = (
    await db.selectFrom('units').select('id').where('type', '=', 'district').orderBy('id').execute()
  ).map((u) => u.id);
  return { leads, leaves, districts };
}

/** One synthetic ticket with the rows the platform would have written for it. */
interface Synthetic {
  ticket: Insertable<DB['tickets']> & { id: number };
  contact: Insertable<DB['contacts']>;
  assignment: Insertable<DB['ticket_assignments']> | null;
  events: Array<Insertable<DB['ticket_events']>>;
  callback: Insertable<DB['ticket_callbacks']> | null;
}

/**
 * `count` tickets of a synthetic year, ids from `firstId`: 30 % answered at intake, the rest
 * dispatched to a unit, signed for, replied (some late, a few still open), called back (three
 * answers that depend on the unit's quality), with the contact, assignment, events and callback
 * the platform itself would have written.
 */
function* synthetic(
  org: Org,
  agent: number,
  firstId: number,
  count: number,
  seed: number,
): Generator<Synthetic> {
  const rnd = random(seed);
  for (let k = 0; k < count; k++) {
    const id = firstId + k;
    const created = END - YEAR + Math.floor(rnd() * YEAR);
    const channel = pick(CHANNELS, rnd());
    const category = org.leaves[Math.floor(rnd() * org.leaves.length)]!;
    const base = {
      id,
      number: `S${String(id).padStart(13, '0')}`,
      appeal_type: 'complaint',
      category_id: category,
      urgency: 'normal',
      title: '合成工单',
      description: '基准测试用的合成工单',
      channel,
      reopen_count: 0,
      return_count: 0,
      confidential: 0,
      contact_required: 0,
      created_at: iso(created),
      version: 1,
    };
    const contact = { channel, started_at: iso(created), outcome: 'ticket', ticket_id: id };
    const createdEvent = { ticket_id: id, seq: 1, type: 'created', at: iso(created) };
    if (rnd() < 0.3) {
      const closed = iso(created + 300_000);
      yield {
        ticket: {
          ...base,
          status: 'closed',
          district_id: org.districts[Math.floor(rnd() * org.districts.length)]!,
          closed_at: closed,
          resolution: 'direct_answer',
          updated_at: closed,
        },
        contact,
        assignment: null,
        events: [createdEvent],
        callback: null,
      };
      continue;
    }
    const lead = org.leads[Math.floor(rnd() * org.leads.length)]!;
    const district = lead.districtId ?? org.districts[Math.floor(rnd() * org.districts.length)]!;
    const dispatched = created + 600_000 + Math.floor(rnd() * 6 * 3_600_000);
    const signDue = dispatched + 2 * 3_600_000;
    const signed = dispatched + Math.floor(-Math.log(1 - rnd()) * 3_600_000 * (1.6 - lead.quality));
    const replyDue = dispatched + 7 * 86_400_000;
    const replied = dispatched + Math.floor((0.2 + rnd() * (9.5 - 6 * lead.quality)) * 86_400_000);
    const open = replied > END;
    const evaluated = !open && replied + 86_400_000 < END && rnd() < 0.92;
    const closed = evaluated ? replied + 86_400_000 : null;
    const events: Synthetic['events'] = [
      createdEvent,
      {
        ticket_id: id,
        seq: 2,
        type: 'dispatch',
        at: iso(dispatched),
        after: JSON.stringify({ signDueAt: iso(signDue) }),
      },
    ];
    if (!open)
      events.push({
        ticket_id: id,
        seq: 3,
        type: 'reply',
        actor_unit_id: lead.id,
        at: iso(replied),
      });
    let callback: Synthetic['callback'] = null;
    if (evaluated) {
      const q = lead.quality;
      const contacted = rnd() < 0.9 + q * 0.1 ? 1 : 0;
      const resolved = rnd() < q ? 1 : 0;
      const s = rnd();
      const satisfaction =
        s < q * 0.8 ? 'satisfied' : s < q * 0.8 + 0.12 ? 'basically_satisfied' : 'dissatisfied';
      callback = {
        ticket_id: id,
        agent_id: agent,
        contacted,
        resolved,
        satisfaction,
        at: iso(closed!),
      };
    }
    yield {
      ticket: {
        ...base,
        status: open ? 'in_progress' : evaluated ? 'closed' : 'replied',
        district_id: district,
        lead_unit_id: lead.id,
        dispatched_at: iso(dispatched),
        sign_due_at: iso(signDue),
        signed_at: signed < END ? iso(signed) : null,
        reply_due_at: iso(replyDue),
        replied_at: open ? null : iso(replied),
        reply_text: open ? null : '已处理',
        closed_at: closed === null ? null : iso(closed),
        resolution: closed === null ? null : 'resolved',
        updated_at: iso(closed ?? replied),
      },
      contact,
      assignment: {
        ticket_id: id,
        unit_id: lead.id,
        role: 'lead',
        state: open ? 'in_progress' : 'replied',
        dispatched_at: iso(dispatched),
        signed_at: signed < END ? iso(signed) : null,
        replied_at: open ? null : iso(replied),
      },
      events,
      callback,
    };
  }
}

const TICKET_COLUMNS = [
  'id',
  'number',
  'status',
  'appeal_type',
  'category_id',
  'urgency',
  'title',
  'description',
  'channel',
  'district_id',
  'lead_unit_id',
  'dispatched_at',
  'sign_due_at',
  'signed_at',
  'reply_due_at',
  'replied_at',
  'reply_text',
  'closed_at',
  'resolution',
  'reopen_count',
  'return_count',
  'confidential',
  'contact_required',
  'created_at',
  'updated_at',
  'version',
] as const;

/** Writes the history into the SQLite file with prepared statements, 50,000 tickets a commit. */
function fillSqlite(file: string, rows: Iterable<Synthetic>): void {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const ticket = db.prepare(
    `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')})
     VALUES (${TICKET_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const contact = db.prepare(
    `INSERT INTO contacts (channel, started_at, outcome, ticket_id)
     VALUES (@channel, @started_at, @outcome, @ticket_id)`,
  );
  const assignment = db.prepare(
    `INSERT INTO ticket_assignments (ticket_id, unit_id, role, state, dispatched_at, signed_at,
       replied_at) VALUES (@ticket_id, @unit_id, @role, @state, @dispatched_at, @signed_at, @replied_at)`,
  );
  const event = db.prepare(
    `INSERT INTO ticket_events (ticket_id, seq, type, actor_id, actor_unit_id, at, after)
     VALUES (@ticket_id, @seq, @type, NULL, @actor_unit_id, @at, @after)`,
  );
  const callback = db.prepare(
    `INSERT INTO ticket_callbacks (ticket_id, agent_id, contacted, resolved, satisfaction, at)
     VALUES (@ticket_id, @agent_id, @contacted, @resolved, @satisfaction, @at)`,
  );
  const full = (row: object, columns: readonly string[]) => ({
    ...Object.fromEntries(columns.map((c) => [c, null])),
    ...row,
  });
  const write = db.transaction((batch: Synthetic[]) => {
    for (const one of batch) {
      ticket.run(full(one.ticket, TICKET_COLUMNS));
      contact.run(one.contact);
      if (one.assignment) assignment.run(one.assignment);
      for (const e of one.events) event.run(full(e, ['actor_unit_id', 'after']));
      if (one.callback) callback.run(one.callback);
    }
  });
  for (const batch of batches(rows, 50_000)) write(batch);
  db.close();
}

/** Writes the history through Kysely in multi-row inserts (PostgreSQL), 2,000 tickets a commit. */
async function fillKysely(database: Database, rows: Iterable<Synthetic>): Promise<void> {
  for (const batch of batches(rows, 2_000)) {
    await database.write(async (trx) => {
      await trx
        .insertInto('tickets')
        .values(batch.map((b) => b.ticket))
        .execute();
      await trx
        .insertInto('contacts')
        .values(batch.map((b) => b.contact))
        .execute();
      const assignments = batch.flatMap((b) => (b.assignment ? [b.assignment] : []));
      if (assignments.length)
        await trx.insertInto('ticket_assignments').values(assignments).execute();
      await trx
        .insertInto('ticket_events')
        .values(batch.flatMap((b) => b.events))
        .execute();
      const callbacks = batch.flatMap((b) => (b.callback ? [b.callback] : []));
      if (callbacks.length) await trx.insertInto('ticket_callbacks').values(callbacks).execute();
    });
  }
  // The tickets came with their ids: the sequence resumes after them.
  await sql`SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT MAX(id) FROM tickets))`.execute(
    database.db,
  );
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function quantiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(
  runs: number,
  task: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  await task(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return quantiles(samples);
}

const ms = (q: { p50: number; p95: number }) =>
  `p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms`;

interface Ranked {
  unitId: number;
  evaluated: number;
  compositeScore: number | null;
}

/** What the reference ranking needs of every ticket, read in pages of ids. */
async function* rankingRows(
  database: Database,
): AsyncGenerator<[number, string, string | null, number | null, number | null, string | null]> {
  let after = 0;
  for (;;) {
    const page = await database.db
      .selectFrom('tickets as t')
      .innerJoin('units as u', 'u.id', 't.lead_unit_id')
      .leftJoin('ticket_callbacks as c', 'c.ticket_id', 't.id')
      .select([
        't.id',
        't.lead_unit_id',
        'u.type',
        't.replied_at',
        'c.contacted',
        'c.resolved',
        'c.satisfaction',
      ])
      .where('t.id', '>', after)
      .orderBy('t.id')
      .limit(50_000)
      .execute();
    if (page.length === 0) return;
    for (const r of page)
      yield [r.lead_unit_id!, r.type, r.replied_at, r.contacted, r.resolved, r.satisfaction];
    after = page[page.length - 1]!.id;
  }
}

/** The month's ranking by DuckDB over the tickets exported to Parquet: the reference. */
async function duckRanking(
  database: Database,
  dir: string,
): Promise<{ export: number; timing: { p50: number; p95: number }; rows: Ranked[] }> {
  const parquet = path.join(dir, 'tickets.parquet');
  const started = performance.now();
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  await connection.run(`CREATE TABLE t (lead_unit_id INTEGER, unit_type VARCHAR, replied_at VARCHAR,
    contacted INTEGER, resolved INTEGER, satisfaction VARCHAR)`);
  const appender = await connection.createAppender('t');
  for await (const [unit, type, replied, contacted, resolved, satisfaction] of rankingRows(
    database,
  )) {
    appender.appendInteger(unit);
    appender.appendVarchar(type);
    if (replied === null) appender.appendNull();
    else appender.appendVarchar(replied);
    if (contacted === null) appender.appendNull();
    else appender.appendInteger(contacted);
    if (resolved === null) appender.appendNull();
    else appender.appendInteger(resolved);
    if (satisfaction === null) appender.appendNull();
    else appender.appendVarchar(satisfaction);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`COPY t TO '${parquet}' (FORMAT parquet)`);
  await connection.run('DROP TABLE t');
  const exported = performance.now() - started;
  // The evaluation belongs to the day of the reply in the centre's time zone (Asia/Shanghai,
  // UTC+8 all year), as the platform's rollups count it.
  const query = `
    WITH e AS (
      SELECT lead_unit_id AS unit, unit_type,
        COUNT(*) AS evaluated, SUM(contacted) AS contacted, SUM(resolved) AS resolved,
        SUM(CASE WHEN satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END) AS satisfied
      FROM read_parquet('${parquet}')
      WHERE satisfaction IS NOT NULL
        AND strftime(CAST(replied_at AS TIMESTAMP) + INTERVAL 8 HOUR, '%Y-%m') = '${MONTH}'
      GROUP BY 1, 2)
    SELECT unit, evaluated,
      100 * (${WEIGHTS.response} * contacted + ${WEIGHTS.resolution} * resolved
        + ${WEIGHTS.satisfaction} * satisfied) / (100.0 * evaluated) AS score,
      RANK() OVER (PARTITION BY unit_type ORDER BY
        (${WEIGHTS.response} * contacted + ${WEIGHTS.resolution} * resolved
          + ${WEIGHTS.satisfaction} * satisfied) / (100.0 * evaluated) DESC) AS position
    FROM e ORDER BY unit`;
  let result: Ranked[] = [];
  const timing = await time(RUNS, async () => {
    const reader = await connection.runAndReadAll(query);
    result = reader.getRows().map(([unit, evaluated, score]) => ({
      unitId: Number(unit),
      evaluated: Number(evaluated),
      compositeScore: Number(score),
    }));
  });
  connection.closeSync();
  duck.closeSync();
  return { export: exported, timing, rows: result };
}

async function benchAt(size: number, dialect: DialectName): Promise<void> {
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'openhotline-sv-'));
  const file = path.join(dir, 'bench.db');
  const clock = new FakeClock(new Date(END));
  const testDb = dialect === 'postgres' ? await createTestDatabase('postgres') : null;
  const url = testDb ? testDb.url : `sqlite:${file}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  const open = () => (testDb ? testDb.database : openDatabase({ url: `sqlite:${file}` }));
  try {
    let database = open();
    if (!testDb) await migrateToLatest(database);
    const services = createServices(database, config, clock);
    // The demo city without its history: units, categories, catalogue and staff.
    await seedDemo(database, services, clock, { tickets: 0, months: 1, config });
    const org = await orgOf(database);
    const agent = (
      await database.db
        .selectFrom('users')
        .select('id')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
    const lastId = (
      await database.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id;
    const rows = synthetic(org, agent, Number(lastId ?? 0) + 1, size, size);
    const loadStart = performance.now();
    if (testDb) await fillKysely(database, rows);
    else {
      await database.close();
      fillSqlite(file, rows);
      database = open();
    }
    const loaded = performance.now() - loadStart;

    const live = createServices(database, config, clock);
    const rebuildStart = performance.now();
    const rebuilt = await live.supervision.rollups.rebuild();
    const rebuildMs = performance.now() - rebuildStart;
    // Fresh statistics for the planner, as autovacuum would gather after a bulk load.
    if (testDb) await sql`ANALYZE`.execute(database.db);
    const counters = Number(
      (
        await database.db
          .selectFrom('measure_counters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const supervisor = await actorWithRole(database, 'supervisor');
    const coordinator = await actorWithRole(database, 'coordinator');
    const monthFrom = `${MONTH}-01`;
    const monthTo = `${MONTH}-31`;
    const { measures, rankings } = live.supervision;

    console.log(
      `${size.toLocaleString('en')} tickets on ${dialect}: loaded in ${(loaded / 1000).toFixed(0)} s; ` +
        `rollups rebuilt from scratch in ${(rebuildMs / 1000).toFixed(1)} s ` +
        `(${((rebuildMs * 1000) / Math.max(size, 1)).toFixed(0)} µs per ticket) ` +
        `(${rebuilt.tickets.toLocaleString('en')} tickets, ${rebuilt.facts.toLocaleString('en')} facts, ` +
        `${counters.toLocaleString('en')} counter rows)` +
        (testDb ? '' : `; database ${(fs.statSync(file).size / 2 ** 30).toFixed(1)} GiB`),
    );
    let ours: Ranked[] = [];
    const ranking = await time(RUNS, async () => {
      const r = await rankings.get(supervisor, MONTH);
      ours = r.groups.flatMap((g) => g.rows).filter((row) => row.evaluated > 0);
    });
    console.log(`  month's ranking (${MONTH}), all unit types: ${ms(ranking)}`);
    const dashboards: Array<[string, () => Promise<unknown>]> = [
      [
        'by unit, a month',
        () => measures.query(supervisor, { from: monthFrom, to: monthTo, by: 'unit' }),
      ],
      [
        'by district, a month',
        () => measures.query(supervisor, { from: monthFrom, to: monthTo, by: 'district' }),
      ],
      [
        'by category, a month',
        () => measures.query(supervisor, { from: monthFrom, to: monthTo, by: 'category' }),
      ],
      [
        'by channel, a month',
        () => measures.query(supervisor, { from: monthFrom, to: monthTo, by: 'channel' }),
      ],
      [
        'by day, a month',
        () => measures.query(supervisor, { from: monthFrom, to: monthTo, by: 'day' }),
      ],
      [
        'by month, a year',
        () => measures.query(supervisor, { from: '2025-12-01', to: '2026-11-28', by: 'month' }),
      ],
      [
        'by week, a year, one district (coordinator)',
        () => measures.query(coordinator, { from: '2025-12-01', to: '2026-11-28', by: 'week' }),
      ],
      [
        "drill-down: a month's overdue tickets, first page",
        () =>
          measures.tickets(supervisor, {
            from: monthFrom,
            to: monthTo,
            count: 'overdue',
            limit: 50,
            offset: 0,
          }),
      ],
    ];
    let worst = 0;
    for (const [name, task] of dashboards) {
      const q = await time(RUNS, task);
      worst = Math.max(worst, q.p95);
      console.log(`  dashboard ${name}: ${ms(q)}`);
    }
    console.log(`  slowest dashboard query p95: ${worst.toFixed(1)} ms (target < 100 ms)`);

    const duck = await duckRanking(database, dir);
    console.log(
      `  DuckDB over Parquet (reference): export ${(duck.export / 1000).toFixed(0)} s; ` +
        `ranking ${ms(duck.timing)}; ratio ours/DuckDB p50 ${(ranking.p50 / duck.timing.p50).toFixed(2)}, ` +
        `p95 ${(ranking.p95 / duck.timing.p95).toFixed(2)}`,
    );
    const theirs = new Map(duck.rows.map((r) => [r.unitId, r]));
    const differ = ours.filter((r) => {
      const t = theirs.get(r.unitId);
      return (
        !t ||
        t.evaluated !== r.evaluated ||
        Math.abs((t.compositeScore ?? 0) - (r.compositeScore ?? 0)) > 1e-6
      );
    });
    console.log(
      `  rankings agree: ${differ.length === 0 && ours.length === duck.rows.length ? 'yes' : 'NO'} ` +
        `(${ours.length} ranked units; ${differ.length} differ)`,
    );
    if (!testDb) await database.close();
  } finally {
    await testDb?.drop();
    if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function actorWithRole(
  database: ReturnType<typeof openDatabase>,
  role: 'supervisor' | 'coordinator',
): Promise<Actor> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.unit_id',
      'units.district_id',
      'units.type',
    ])
    .where('user_roles.role', '=', role)
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    unitId: user.unit_id,
    districtId: user.type === 'district' ? user.unit_id : user.district_id,
    roles: [role],
    via: 'cli',
  };
}

export async function runSupervisionBench(): Promise<void> {
  for (const dialect of DIALECTS) for (const size of SIZES) await benchAt(size, dialect);
}
