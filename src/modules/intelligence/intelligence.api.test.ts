import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../composition.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { actorFor } from '../../test-support/fixtures.js';

interface Suggested {
  categoryId: number;
  path: string[];
  confidence: number;
}
interface ClassifyBody {
  model: { id: number; coldStart: boolean };
  suggestions: Suggested[];
  levels: Suggested[];
}

describe.each(TEST_DIALECTS)('classification on %s', (dialect) => {
  let t: TestApp;
  let op: string;
  let disp: string;
  let admin: string;

  const post = (url: string, payload: object, cookie: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const get = (url: string, cookie: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });
  const classify = async (title: string, description = '', cookie = op) => {
    const response = await post('/api/v1/intelligence/classify', { title, description }, cookie);
    expect(response.statusCode).toBe(200);
    return response.json<ClassifyBody>();
  };
  const createTicket = async (title: string, description: string, categoryId?: number) => {
    const response = await post(
      '/api/v1/tickets',
      {
        channel: 'phone',
        appealType: 'complaint',
        urgency: 'normal',
        title,
        description,
        districtId: t.fixture.units.jiangyang,
        ...(categoryId !== undefined && { categoryId }),
      },
      op,
    );
    expect(response.statusCode).toBe(201);
    return response.json<{ id: number }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    op = await t.login('op1');
    disp = await t.login('disp1');
    admin = await t.login('admin1');
  });
  afterAll(async () => {
    await t.close();
  });

  it('suggests from the category tree before there is any history, naming its model version', async () => {
    const body = await classify('门口路灯不亮', '晚上漆黑一片，𠮷田路😀');
    expect(body.model.coldStart).toBe(true);
    expect(body.suggestions[0]).toMatchObject({
      categoryId: t.fixture.categories.streetLight,
      path: ['城乡建设', '市政设施', '路灯'],
    });
    expect(body.levels.map((l) => l.path.length)).toEqual([1, 2, 3]);
    for (const s of [...body.suggestions, ...body.levels]) {
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('is refused to roles that do not take or dispatch appeals, and without any text', async () => {
    const handler = await t.login('h-nancheng');
    const refused = await post('/api/v1/intelligence/classify', { title: '路灯' }, handler);
    expect(refused.statusCode).toBe(403);
    const empty = await post('/api/v1/intelligence/classify', { title: ' ' }, op);
    expect(empty.statusCode).toBe(400);
  });

  it('learns from a correction: a training example, then a new version that changes the suggestion', async () => {
    const title = '路灯杆旁边的工地半夜还在干活';
    const description = '吵得整晚睡不着';
    const before = await classify(title, description);
    expect(before.suggestions[0]!.categoryId).toBe(t.fixture.categories.streetLight);
    const ticketId = await createTicket(title, description, t.fixture.categories.constructionNoise);

    const run = await t.services.intelligence.learning.learnFromEvents();
    expect(run).toMatchObject({ examples: 1, suggestions: 1 });
    const db = t.testDb.database.db;
    const example = await db
      .selectFrom('intelligence_examples')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(example.category_id).toBe(t.fixture.categories.constructionNoise);
    expect(example.text).toBe(`${title}\n${description}`);
    const suggestion = await db
      .selectFrom('intelligence_suggestions')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(suggestion).toMatchObject({
      model_id: before.model.id,
      category_id: t.fixture.categories.streetLight,
      outcome: 'corrected',
      final_category_id: t.fixture.categories.constructionNoise,
    });
    // Learning twice from the same events changes nothing.
    await t.services.intelligence.learning.learnFromEvents();
    const examples = await db.selectFrom('intelligence_examples').selectAll().execute();
    expect(examples.length).toBe(1);

    const trained = await post('/api/v1/intelligence/models', {}, admin);
    expect(trained.statusCode).toBe(200);
    const version = trained.json<{ id: number; coldStart: boolean; examplesCount: number }>();
    expect(version.id).toBeGreaterThan(before.model.id);
    expect(version).toMatchObject({ coldStart: false, examplesCount: 1 });

    const after = await classify(title, description);
    expect(after.model.id).toBe(version.id);
    expect(after.suggestions[0]!.categoryId).toBe(t.fixture.categories.constructionNoise);

    const versions = await get('/api/v1/intelligence/models', admin);
    const items = versions.json<{
      items: Array<{ id: number; suggestions: { corrected: number } }>;
    }>().items;
    expect(items.find((v) => v.id === before.model.id)?.suggestions.corrected).toBe(1);
  });

  it('shows the dispatcher the suggestion for each queued ticket, with its version and confidence', async () => {
    const ticketId = await createTicket('小区门口的路灯坏了', '灯一直不亮');
    await t.services.intelligence.learning.learnFromEvents();
    const response = await get(`/api/v1/intelligence/suggestions?ticketIds=${ticketId}`, disp);
    expect(response.statusCode).toBe(200);
    const [item] = response.json<{
      items: Array<{
        ticketId: number;
        model: { id: number };
        category: Suggested;
        outcome: string;
      }>;
    }>().items;
    expect(item).toMatchObject({ ticketId, outcome: 'pending' });
    expect(item!.category.categoryId).toBe(t.fixture.categories.streetLight);
    expect(item!.category.confidence).toBeGreaterThan(0);
    const current = await classify('路灯');
    expect(item!.model.id).toBe(current.model.id);
    const stored = await t.testDb.database.db
      .selectFrom('intelligence_suggestions')
      .select('model_id')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(stored).toEqual([{ model_id: current.model.id }]);
    // Undecided, it gets the view of a newer version, recorded with that version.
    const newer = (await post('/api/v1/intelligence/models', {}, admin)).json<{ id: number }>();
    const again = await get(`/api/v1/intelligence/suggestions?ticketIds=${ticketId}`, disp);
    expect(again.json<{ items: Array<{ model: { id: number } }> }>().items[0]!.model.id).toBe(
      newer.id,
    );
    // A coordinator of another district does not see it.
    const otherDistrict = await t.login('coord-jy');
    const naxiTicket = await post(
      '/api/v1/tickets',
      {
        channel: 'phone',
        appealType: 'complaint',
        urgency: 'normal',
        description: '路灯不亮',
        districtId: t.fixture.units.naxi,
      },
      op,
    );
    const hidden = await get(
      `/api/v1/intelligence/suggestions?ticketIds=${naxiTicket.json<{ id: number }>().id}`,
      otherDistrict,
    );
    expect(hidden.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('retrains by itself once due, and another instance picks the new version up', async () => {
    const training = t.services.intelligence.training;
    expect(await training.trainIfDue()).toBeNull();
    await createTicket(
      '工地夜间施工噪音扰民',
      '挖掘机凌晨还在作业',
      t.fixture.categories.constructionNoise,
    );
    await t.services.intelligence.learning.learnFromEvents();
    expect(await training.trainIfDue()).toBeNull();
    t.clock.advance(16 * 60_000);
    const other = createServices(t.testDb.database, t.config, t.clock);
    const operator = await actorFor(t.testDb.database, 'op1');
    const classification = other.intelligence.classification;
    const seenBefore = (await classification.classify(operator, { title: '路灯' })).model.id;
    const version = await training.trainIfDue();
    expect(version?.id).toBeGreaterThan(seenBefore);
    t.clock.advance(6_000);
    const seenAfter = await classification.classify(operator, { title: '路灯' });
    expect(seenAfter.model.id).toBe(version!.id);
  });
});
