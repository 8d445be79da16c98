import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Items {
  items: unknown[];
}
interface Identified {
  id: number;
}

describe.each(TEST_DIALECTS)('catalogue HTTP API on %s', (dialect) => {
  let t: TestApp;
  const as = async (user: string | null, options: InjectOptions) => {
    const cookie = user ? { cookie: await t.login(user) } : {};
    return t.app.inject({ ...options, headers: { ...options.headers, ...cookie } });
  };
  const csvBody = (text: string) => ({
    payload: text,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('categories', () => {
    it('needs a login, then lists categories flat with their path and as a tree', async () => {
      expect((await as(null, { method: 'GET', url: '/api/v1/categories' })).json()).toMatchObject({
        error: { code: 'UNAUTHENTICATED' },
      });
      const flat = await as('op1', { method: 'GET', url: '/api/v1/categories' });
      expect(flat.statusCode).toBe(200);
      expect(flat.json<Items>().items).toContainEqual(
        expect.objectContaining({
          code: '010101',
          path: ['城乡建设', '市政设施', '路灯'],
          keywords: [],
        }),
      );
      const tree = (
        await as('op1', { method: 'GET', url: '/api/v1/categories/tree' })
      ).json<Items>();
      expect(tree.items[0]).toMatchObject({
        code: '01',
        children: [{ code: '0101', children: [{ code: '010101' }] }],
      });
    });

    it('exports CSV as UTF-8 with a BOM, so Excel reads Chinese', async () => {
      const response = await as('admin1', { method: 'GET', url: '/api/v1/categories/export.csv' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(response.body).toContain('010101,城乡建设,市政设施,路灯,,\r\n');
    });

    it('lets only an administrator create and change categories', async () => {
      const body = {
        parentId: t.fixture.categories.municipal,
        name: '桥梁𠮷',
        keywords: ['桥', '🌉'],
      };
      const refused = await as('disp1', {
        method: 'POST',
        url: '/api/v1/categories',
        payload: body,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ErrorBody>().error.code).toBe('ROLE_REQUIRED');
      const created = await as('admin1', {
        method: 'POST',
        url: '/api/v1/categories',
        payload: body,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        code: '010102',
        path: ['城乡建设', '市政设施', '桥梁𠮷'],
        keywords: ['桥', '🌉'],
      });
      const id = created.json<Identified>().id;
      const patched = await as('admin1', {
        method: 'PATCH',
        url: `/api/v1/categories/${id}`,
        payload: { nameEn: 'Bridges', active: false },
      });
      expect(patched.json()).toMatchObject({ nameEn: 'Bridges', active: false });
      const stranger = await as('op1', {
        method: 'PATCH',
        url: `/api/v1/categories/${id}`,
        payload: { name: 'x' },
      });
      expect(stranger.statusCode).toBe(403);
      expect(
        (await as('op1', { method: 'GET', url: '/api/v1/categories/99999' })).json<ErrorBody>()
          .error.code,
      ).toBe('CATEGORY_NOT_FOUND');
    });

    it('imports CSV sent as text/csv, and refuses a bad file whole with every row and column', async () => {
      const list = async () =>
        (
          await as('admin1', { method: 'GET', url: '/api/v1/categories?includeInactive=true' })
        ).json<Items>();
      const before = await list();
      const bad =
        'code,level1,level2,level3,name_en,keywords\r\n,交通,,,,\r\n,"",公交,,,\r\nx y,交通,,,,\r\n';
      const refused = await as('admin1', {
        method: 'POST',
        url: '/api/v1/categories/import',
        ...csvBody(bad),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<ErrorBody>().error).toMatchObject({
        code: 'CSV_INVALID',
        field: 'row 3.level1',
        errors: [
          { row: 3, field: 'level1' },
          { row: 4, field: 'code' },
        ],
      });
      expect(await list()).toEqual(before);
      const good =
        '\uFEFFcode,level1,level2,level3,name_en,keywords\r\n,交通运输,"公共交通, 出租车",,Transport,"公交|的士"\r\n';
      const imported = await as('admin1', {
        method: 'POST',
        url: '/api/v1/categories/import',
        ...csvBody(good),
      });
      expect(imported.json()).toMatchObject({ created: 2, updated: 0 });
      const forbidden = await as('op1', {
        method: 'POST',
        url: '/api/v1/categories/import',
        ...csvBody(good),
      });
      expect(forbidden.statusCode).toBe(403);
    });
  });

  describe('dispatch catalogue', () => {
    it('publishes a version (admin only) and suggests from the version in force', async () => {
      const { categories: c, units: u } = t.fixture;
      const payload = {
        note: '区县细化',
        rules: [
          {
            categoryId: c.municipal,
            districtId: u.naxi,
            leadUnitId: u.anfuStreet,
            coUnitIds: [u.housingBureau],
          },
        ],
      };
      expect(
        (await as('disp1', { method: 'POST', url: '/api/v1/catalogue/versions', payload }))
          .statusCode,
      ).toBe(403);
      const published = await as('admin1', {
        method: 'POST',
        url: '/api/v1/catalogue/versions',
        payload,
      });
      expect(published.statusCode).toBe(201);
      const version = published.json<Identified>();
      expect(version).toMatchObject({
        note: '区县细化',
        ruleCount: 1,
        rules: [{ leadUnitId: u.anfuStreet }],
      });
      const current = await as('disp1', { method: 'GET', url: '/api/v1/catalogue/current' });
      expect(current.json<Identified>().id).toBe(version.id);
      const suggest = await as('disp1', {
        method: 'GET',
        url: `/api/v1/catalogue/suggest?categoryId=${c.streetLight}&districtId=${u.naxi}`,
      });
      expect(suggest.json()).toMatchObject({
        versionId: version.id,
        suggestion: { leadUnitId: u.anfuStreet, coUnitIds: [u.housingBureau] },
        ancestorDistance: 1,
        districtSpecific: true,
      });
      const past = await as('sup1', {
        method: 'GET',
        url: `/api/v1/catalogue/versions/${t.fixture.catalogueVersionId}/explain?categoryId=${c.streetLight}&districtId=${u.naxi}`,
      });
      expect(past.json()).toMatchObject({
        suggestion: { leadUnitId: u.housingBureau },
        districtSpecific: false,
      });
      const versions = (
        await as('sup1', { method: 'GET', url: '/api/v1/catalogue/versions' })
      ).json<Items>();
      expect(versions.items.map((v) => (v as Identified).id)).toEqual([
        version.id,
        t.fixture.catalogueVersionId,
      ]);
    });

    it('refuses an invalid version with the field that is wrong', async () => {
      const { categories: c, units: u } = t.fixture;
      const payload = {
        note: null,
        rules: [
          {
            categoryId: c.urban,
            districtId: null,
            leadUnitId: u.waterCompany,
            coUnitIds: [u.waterCompany],
          },
        ],
      };
      const response = await as('admin1', {
        method: 'POST',
        url: '/api/v1/catalogue/versions',
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error).toMatchObject({
        code: 'CATALOGUE_INVALID',
        field: 'rules.0.coUnitIds',
      });
    });

    it('exports a version as CSV and imports CSV as a new version', async () => {
      const id = t.fixture.catalogueVersionId;
      const exported = await as('admin1', {
        method: 'GET',
        url: `/api/v1/catalogue/versions/${id}/rules.csv`,
      });
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(exported.body).toBe(
        '\uFEFFcategory_code,district_code,lead_unit_code,co_unit_codes\r\n010101,,housing,\r\n010101,jiangyang,nancheng,housing\r\n020101,,housing,\r\n',
      );
      const imported = await as('admin1', {
        method: 'POST',
        url: '/api/v1/catalogue/import?note=恢复',
        ...csvBody(exported.body),
      });
      expect(imported.statusCode).toBe(201);
      expect(imported.json()).toMatchObject({ note: '恢复', ruleCount: 3 });
      const bad = await as('admin1', {
        method: 'POST',
        url: '/api/v1/catalogue/import',
        ...csvBody(
          'category_code,district_code,lead_unit_code,co_unit_codes\r\n010101,,nobody,\r\n',
        ),
      });
      expect(bad.json<ErrorBody>().error).toMatchObject({
        code: 'CSV_INVALID',
        errors: [{ row: 2, field: 'lead_unit_code' }],
      });
    });
  });

  describe('calendar', () => {
    it('shows a year to staff and lets only an administrator change it', async () => {
      const year = await as('sup1', { method: 'GET', url: '/api/v1/calendar?year=2026' });
      expect(year.json<{ days: unknown[] }>().days).toContainEqual({
        date: '2026-02-28',
        kind: 'workday',
        name: '调休上班',
      });
      const put = (user: string) =>
        as(user, {
          method: 'PUT',
          url: '/api/v1/calendar/days/2026-05-11',
          payload: { kind: 'holiday', name: '防汛演练 🌊' },
        });
      expect((await put('sup1')).statusCode).toBe(403);
      expect((await put('admin1')).json()).toEqual({
        date: '2026-05-11',
        kind: 'holiday',
        name: '防汛演练 🌊',
      });
      const deleted = await as('admin1', {
        method: 'DELETE',
        url: '/api/v1/calendar/days/2026-05-11',
      });
      expect(deleted.statusCode).toBe(204);
      const badDate = await as('admin1', {
        method: 'PUT',
        url: '/api/v1/calendar/days/11-05-2026',
        payload: { kind: 'holiday' },
      });
      expect(badDate.json<ErrorBody>().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'params.date',
      });
    });

    it('imports a year in the shape of the shipped file', async () => {
      const payload = {
        years: {
          '2028': { holidays: [{ name: '元旦', days: ['2028-01-01'] }], makeup_workdays: [] },
        },
      };
      expect(
        (await as('op1', { method: 'POST', url: '/api/v1/calendar/import', payload })).statusCode,
      ).toBe(403);
      const response = await as('admin1', {
        method: 'POST',
        url: '/api/v1/calendar/import',
        payload,
      });
      expect(response.json()).toEqual({ years: [2028], days: 1 });
      const year = await as('admin1', { method: 'GET', url: '/api/v1/calendar?year=2028' });
      expect(year.json()).toEqual({
        year: 2028,
        days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }],
      });
    });
  });
});
