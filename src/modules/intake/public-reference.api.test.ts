import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';

describe.each(TEST_DIALECTS)('what a citizen may read to file an appeal (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('lists the districts with their streets, without an account', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/districts' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{
      items: Array<{ id: number; name: string; streets: Array<{ id: number; name: string }> }>;
    }>();
    expect(items.map((d) => d.name).sort()).toEqual(['江阳区', '纳溪区']);
    expect(items.find((d) => d.id === t.fixture.units.jiangyang)?.streets).toEqual([
      { id: t.fixture.units.nanchengStreet, name: '南城街道', nameEn: null },
    ]);
  });

  it("gives the districts' boundaries for the citizens' map, without an account", async () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [105.3, 28.8],
          [105.5, 28.8],
          [105.5, 29.0],
          [105.3, 29.0],
          [105.3, 28.8],
        ],
      ],
    };
    const admin = await t.login('admin1');
    const set = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.fixture.units.jiangyang}`,
      payload: { jurisdiction: square },
      headers: { cookie: admin },
    });
    expect(set.statusCode).toBe(200);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/districts/map' });
    expect(response.statusCode).toBe(200);
    // Only districts with a known boundary; a district without one is simply not on the map.
    expect(response.json()).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: t.fixture.units.jiangyang, name: '江阳区', nameEn: null },
          geometry: square,
        },
      ],
    });
  });

  it('lists the active categories by name only, without an account', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/categories' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: Array<Record<string, unknown>> }>();
    expect(items).toContainEqual({
      id: t.fixture.categories.streetLight,
      parentId: t.fixture.categories.municipal,
      level: 3,
      name: '路灯',
      nameEn: null,
    });
    // Names and places in the tree only: no keywords, codes or routing.
    expect(Object.keys(items[0]!).sort()).toEqual(['id', 'level', 'name', 'nameEn', 'parentId']);
  });
});
