import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { errorOf, itemsOf, namesOf } from '../../test-support/http.js';

const area = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [105.3, 28.8],
        [105.5, 28.8],
        [105.5, 29.0],
        [105.3, 28.8],
      ],
    ],
  ],
};

interface TreeNode {
  code: string;
  districtId: number | null;
  children: TreeNode[];
}

describe.each(TEST_DIALECTS)('organisation API on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let handler: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin1');
    handler = await t.login('h-nancheng');
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: cookie ? { cookie } : {},
      payload,
    });

  it('lets any logged-in user read units, with filters, and nobody else', async () => {
    expect((await call('GET', '/units')).statusCode).toBe(401);
    const all = await call('GET', '/units', handler);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 7, page: 1 });
    const streets = await call('GET', '/units?type=street', handler);
    expect(namesOf(streets, 'code')).toEqual(['nancheng', 'anfu']);
    const inJiangyang = await call(
      'GET',
      `/units?districtId=${t.fixture.units.jiangyang}`,
      handler,
    );
    expect(namesOf(inJiangyang, 'code')).toEqual(['jiangyang', 'nancheng']);
    const byName = await call('GET', `/units?q=${encodeURIComponent('南城')}`, handler);
    expect(itemsOf(byName)).toEqual([
      {
        id: t.fixture.units.nanchengStreet,
        code: 'nancheng',
        name: '南城街道',
        nameEn: null,
        type: 'street',
        parentId: t.fixture.units.jiangyang,
        districtId: t.fixture.units.jiangyang,
        adcode: null,
        aliases: [],
        active: true,
        hasJurisdiction: false,
      },
    ]);
    const bad = await call('GET', '/units?type=county', handler);
    expect(errorOf(bad)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'querystring.type',
    });
  });

  it('answers the nested tree: centre → districts → streets, departments beside them', async () => {
    const response = await call('GET', '/units/tree', handler);
    expect(response.statusCode).toBe(200);
    const [centre, ...rest] = response.json<{ items: TreeNode[] }>().items;
    expect(rest).toEqual([]);
    expect(centre!.code).toBe('centre');
    expect(centre!.children.map((c) => c.code)).toEqual(['jiangyang', 'naxi', 'housing', 'water']);
    const jiangyang = centre!.children[0]!;
    expect(jiangyang.children).toEqual([
      expect.objectContaining({
        code: 'nancheng',
        districtId: t.fixture.units.jiangyang,
        children: [],
      }),
    ]);
  });

  it('answers one unit, or 404 UNIT_NOT_FOUND', async () => {
    const one = await call('GET', `/units/${t.fixture.units.waterCompany}`, handler);
    expect(one.json()).toMatchObject({ code: 'water', type: 'enterprise', districtId: null });
    const missing = await call('GET', '/units/99999', handler);
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('UNIT_NOT_FOUND');
  });

  it('lets an admin create a unit with a jurisdiction; the district is derived', async () => {
    const response = await call('POST', '/units', admin, {
      code: 'lantian',
      name: '蓝田街道',
      type: 'street',
      parentId: t.fixture.units.jiangyang,
      jurisdiction: area,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'lantian',
      districtId: t.fixture.units.jiangyang,
      hasJurisdiction: true,
    });
    expect(response.json()).not.toHaveProperty('jurisdiction');
    const geometry = await call(
      'GET',
      `/units/${response.json<{ id: number }>().id}/jurisdiction`,
      handler,
    );
    expect(geometry.json()).toEqual({ jurisdiction: area });
  });

  it('refuses unit changes from non-admins with 403 and bad input with the field named', async () => {
    const body = { code: 'x1', name: 'x', type: 'department', parentId: t.fixture.units.centre };
    const forbidden = await call('POST', '/units', handler, body);
    expect(forbidden.statusCode).toBe(403);
    const patch = await call('PATCH', `/units/${t.fixture.units.naxi}`, handler, { name: 'x' });
    expect(patch.statusCode).toBe(403);

    const wrongPlace = await call('POST', '/units', admin, {
      ...body,
      type: 'community',
      parentId: t.fixture.units.naxi,
    });
    expect(wrongPlace.statusCode).toBe(400);
    expect(errorOf(wrongPlace)).toMatchObject({ code: 'INVALID_PARENT', field: 'parentId' });
    const badArea = await call('POST', '/units', admin, {
      ...body,
      jurisdiction: { type: 'LineString', coordinates: [] },
    });
    expect(errorOf(badArea)).toMatchObject({
      code: 'INVALID_JURISDICTION',
      field: 'jurisdiction',
    });
    const missingName = await call('POST', '/units', admin, { code: 'x2', type: 'department' });
    expect(errorOf(missingName).field).toBe('body.name');
  });

  it('lets an admin rename and deactivate a unit, but not one with active units below', async () => {
    const busy = await call('PATCH', `/units/${t.fixture.units.naxi}`, admin, { active: false });
    expect(busy.statusCode).toBe(409);
    expect(errorOf(busy).code).toBe('UNIT_HAS_ACTIVE_CHILDREN');
    const renamed = await call('PATCH', `/units/${t.fixture.units.anfuStreet}`, admin, {
      name: '安富街道办事处',
      aliases: ['安富'],
      active: false,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: '安富街道办事处',
      aliases: ['安富'],
      active: false,
    });
    const list = await call('GET', '/units?type=street', handler);
    expect(namesOf(list, 'code')).not.toContain('anfu');
    const tree = await call('GET', '/units/tree?includeInactive=true', handler);
    expect(JSON.stringify(tree.json())).toContain('安富街道办事处');
  });
});
