import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../composition.js';
import { loadConfig } from '../../config.js';
import { FakeClock } from '../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { actorFor } from '../../test-support/fixtures.js';
import { TICKET_STATUSES } from '../tickets/index.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, seedDemoIfEmpty, type SeedResult } from './index.js';

const NOW = '2026-11-27T06:30:00.000Z';

describe.each(TEST_DIALECTS)('the Luzhou demo city on %s', (dialect) => {
  let testDb: TestDatabase;
  let services: Services;
  let clock: FakeClock;
  let dataDir: string;
  let seeded: SeedResult | null;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-demo-'));
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: testDb.url });
    clock = new FakeClock(NOW);
    services = createServices(testDb.database, config, clock);
    seeded = await seedDemo(testDb.database, services, clock, { tickets: 200, months: 2, config });
  }, 120_000);

  afterAll(async () => {
    await testDb?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const db = () => testDb.database.db;

  it('has the 7 districts and counties with their adcodes, boundaries and streets', async () => {
    const districts = await db()
      .selectFrom('units')
      .selectAll()
      .where('type', '=', 'district')
      .orderBy('adcode')
      .execute();
    expect(districts.map((d) => [d.adcode, d.name])).toEqual([
      ['510502', '江阳区'],
      ['510503', '纳溪区'],
      ['510504', '龙马潭区'],
      ['510521', '泸县'],
      ['510522', '合江县'],
      ['510524', '叙永县'],
      ['510525', '古蔺县'],
    ]);
    for (const district of districts) {
      const shape = JSON.parse(district.jurisdiction ?? 'null') as {
        type: string;
        coordinates: unknown[];
      };
      expect(shape.type).toBe('MultiPolygon');
      expect(shape.coordinates.length).toBeGreaterThan(0);
      const streets = await services.organisation.service.listUnits({
        type: 'street',
        parentId: district.id,
      });
      expect(streets.length).toBeGreaterThanOrEqual(4);
      expect(streets.every((s) => s.districtId === district.id && s.nameEn)).toBe(true);
    }
    const centre = await services.organisation.service.listUnits({ type: 'centre' });
    expect(centre.map((u) => u.name)).toEqual(['泸州市12345政务服务便民热线中心']);
  });

  it('has 30+ city departments and public utilities', async () => {
    const departments = await services.organisation.service.listUnits({ type: 'department' });
    const utilities = await services.organisation.service.listUnits({ type: 'enterprise' });
    expect(departments.length + utilities.length).toBeGreaterThanOrEqual(30);
    expect(departments.map((u) => u.name)).toContain('市人力资源和社会保障局');
    expect(utilities.map((u) => u.name)).toEqual(
      expect.arrayContaining(['泸州市兴泸水务(集团)', '国网泸州供电公司']),
    );
  });

  it('routes water outages to the water company by the catalogue in force', async () => {
    const categories = await services.catalogue.categories.listCategories();
    expect(categories.filter((c) => c.level === 1).length).toBeGreaterThanOrEqual(12);
    const outage = categories.find((c) => c.name === '停水');
    const water = (await services.organisation.service.listUnits({ type: 'enterprise' })).find(
      (u) => u.name === '泸州市兴泸水务(集团)',
    );
    const district = (await services.organisation.service.listUnits({ type: 'district' }))[0];
    expect(outage?.path).toEqual(['水电气讯', '供水', '停水']);
    const suggestion = await services.catalogue.catalogue.suggest(outage!.id, district!.id);
    expect(suggestion?.leadUnitId).toBe(water?.id);
    for (const leaf of categories.filter((c) => c.level === 3))
      expect(await services.catalogue.catalogue.suggest(leaf.id, district!.id)).not.toBeNull();
  });

  it('gives every role a demo user that can log in with the demo password', async () => {
    const roles = new Set(DEMO_LOGINS.map((l) => l.role));
    expect(roles.size).toBe(10);
    for (const login of DEMO_LOGINS) {
      const result = await services.auth.service.login(login.username, DEMO_PASSWORD);
      expect(result.user.roles).toContain(login.role);
    }
  });

  it('has several months of tickets in every status', async () => {
    expect(seeded?.tickets).toBe(200);
    expect(seeded?.refusedSteps).toEqual([]);
    const rows = await db().selectFrom('tickets').select(['status', 'created_at']).execute();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(TICKET_STATUSES));
    const times = rows.map((r) => r.created_at).sort();
    expect(times[0]! < '2026-10-01').toBe(true);
    expect(times.at(-1)! < NOW).toBe(true);
  });

  it('numbers tickets in the order they were created', async () => {
    const rows = await db()
      .selectFrom('tickets')
      .select(['number', 'created_at'])
      .orderBy('number')
      .execute();
    for (const [i, row] of rows.entries()) {
      const previous = rows[i - 1];
      if (previous && previous.number.slice(0, 8) === row.number.slice(0, 8))
        expect(previous.created_at <= row.created_at).toBe(true);
    }
  });

  it('closes tickets by callback only with a callback on record', async () => {
    const closed = await db()
      .selectFrom('tickets')
      .select(['id'])
      .where('status', '=', 'closed')
      .where('resolution', '=', 'callback')
      .execute();
    expect(closed.length).toBeGreaterThan(50);
    const callbacks = await db().selectFrom('ticket_callbacks').select(['ticket_id']).execute();
    const called = new Set(callbacks.map((c) => c.ticket_id));
    const histories = await historiesOf(closed.map((t) => t.id));
    for (const { id } of closed) {
      expect(called.has(id)).toBe(true);
      expect(histories.get(id)?.at(-1)?.type).toBe('callback');
    }
  });

  it('gives every ticket a history that starts with its creation, in order, in the past', async () => {
    const tickets = await db().selectFrom('tickets').select(['id', 'created_at']).execute();
    const histories = await historiesOf(tickets.map((t) => t.id));
    for (const ticket of tickets) {
      const history = histories.get(ticket.id) ?? [];
      expect(history[0]).toMatchObject({ type: 'created', at: ticket.created_at });
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
      for (let i = 1; i < history.length; i++)
        expect(history[i - 1]!.at <= history[i]!.at).toBe(true);
      expect(history.at(-1)!.at < NOW).toBe(true);
    }
  });

  async function historiesOf(ids: number[]) {
    const events = await db()
      .selectFrom('ticket_events')
      .select(['ticket_id', 'seq', 'type', 'at'])
      .where('ticket_id', 'in', ids)
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    const byTicket = new Map<number, typeof events>();
    for (const event of events) {
      const history = byTicket.get(event.ticket_id) ?? [];
      history.push(event);
      byTicket.set(event.ticket_id, history);
    }
    return byTicket;
  }

  it('has a knowledge base kept by several units, with uses and gaps', async () => {
    const articles = await db()
      .selectFrom('knowledge_articles')
      .select(['state', 'owner_unit_id', 'audience', 'expires_on', 'review_by'])
      .execute();
    expect(articles.length).toBeGreaterThanOrEqual(25);
    expect(new Set(articles.map((a) => a.state))).toEqual(
      new Set(['draft', 'in_review', 'published', 'retired']),
    );
    expect(new Set(articles.map((a) => a.owner_unit_id)).size).toBeGreaterThanOrEqual(10);
    expect(articles.some((a) => a.audience === 'public')).toBe(true);
    const today = NOW.slice(0, 10);
    expect(articles.some((a) => a.expires_on !== null && a.expires_on < today)).toBe(true);
    expect(articles.some((a) => a.state === 'published' && a.review_by! <= today)).toBe(true);

    const operator = await actorFor(testDb.database, 'operator');
    const found = await services.knowledge.assist.search(operator, { q: '停水' });
    expect(found.items.map((hit) => hit.title)).toContain('停水了怎么查询停水通知和恢复供水时间');
    const count = async (table: 'knowledge_uses' | 'knowledge_gaps') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('knowledge_uses')).toBeGreaterThan(0);
    expect(await count('knowledge_gaps')).toBeGreaterThanOrEqual(10);
  });

  it('seeds nothing into a database that already has data', async () => {
    expect(await seedDemoIfEmpty(testDb.database, services, clock)).toBeNull();
    const count = await db()
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(200);
  });
});
