import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { ForbiddenError } from '../../platform/errors.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import type { CatalogueVersionWithRules } from './catalogue.service.js';
import { CsvImportError } from './csv-import.js';
import { parseCsv } from '../../platform/csv.js';
import { createCatalogueHarness, type CatalogueHarness } from './test-harness.js';

describe.each(TEST_DIALECTS)('dispatch catalogue on %s', (dialect) => {
  let h: CatalogueHarness;
  let admin: Actor;
  let version: CatalogueVersionWithRules;
  let potholes: number;

  beforeAll(async () => {
    h = await createCatalogueHarness(dialect);
    admin = await h.actor('admin1');
    const { categories: c, units: u } = h.fixture;
    potholes = (
      await h.module.categories.createCategory(admin, { parentId: c.municipal, name: '路面塌陷' })
    ).id;
    version = await h.module.catalogue.publish(admin, {
      note: '2026 版派单目录',
      rules: [
        { categoryId: c.urban, districtId: null, leadUnitId: u.housingBureau, coUnitIds: [] },
        { categoryId: c.municipal, districtId: u.naxi, leadUnitId: u.anfuStreet, coUnitIds: [] },
        {
          categoryId: c.streetLight,
          districtId: u.jiangyang,
          leadUnitId: u.nanchengStreet,
          coUnitIds: [u.housingBureau],
        },
        { categoryId: c.streetLight, districtId: null, leadUnitId: u.waterCompany, coUnitIds: [] },
      ],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('puts the newest version in force', async () => {
    const current = await h.module.catalogue.currentVersion();
    expect(current?.id).toBe(version.id);
    expect(current).toMatchObject({
      note: '2026 版派单目录',
      ruleCount: 4,
      createdBy: admin.userId,
    });
    const versions = await h.module.catalogue.listVersions();
    expect(versions.map((v) => v.id)).toEqual([version.id, h.fixture.catalogueVersionId]);
  });

  it('suggests the most specific rule: category before ancestors, district before city-wide', async () => {
    const { categories: c, units: u } = h.fixture;
    const lead = async (categoryId: number, districtId: number | null) =>
      (await h.module.catalogue.suggest(categoryId, districtId))?.leadUnitId ?? null;
    expect(await lead(c.streetLight, u.jiangyang)).toBe(u.nanchengStreet);
    expect(await lead(c.streetLight, u.naxi)).toBe(u.waterCompany); // own city-wide beats parent's district rule
    expect(await lead(c.streetLight, null)).toBe(u.waterCompany);
    expect(await lead(potholes, u.naxi)).toBe(u.anfuStreet); // parent's district rule
    expect(await lead(potholes, u.jiangyang)).toBe(u.housingBureau); // grandparent's city-wide rule
    expect(await lead(c.constructionNoise, null)).toBeNull(); // only the old version covered it
    const suggestion = await h.module.catalogue.suggest(c.streetLight, u.jiangyang);
    expect(suggestion).toMatchObject({ versionId: version.id, coUnitIds: [u.housingBureau] });
  });

  it('explains which rule of a past version applied', async () => {
    const { categories: c, units: u } = h.fixture;
    const old = await h.module.catalogue.explain(
      h.fixture.catalogueVersionId,
      c.constructionNoise,
      u.naxi,
    );
    expect(old).toMatchObject({
      versionId: h.fixture.catalogueVersionId,
      rule: { leadUnitId: u.housingBureau, districtId: null },
      ancestorDistance: 0,
      districtSpecific: false,
    });
    const now = await h.module.catalogue.explain(version.id, potholes, u.naxi);
    expect(now).toMatchObject({
      ancestorDistance: 1,
      districtSpecific: true,
      rule: { categoryId: c.municipal },
    });
    await expect(h.module.catalogue.explain(9999, potholes, null)).rejects.toMatchObject({
      code: 'CATALOGUE_VERSION_NOT_FOUND',
    });
  });

  it.each([
    [
      'the lead unit among the co-handlers',
      'rules.0.coUnitIds',
      (u: Units) => ({ leadUnitId: u.housingBureau, coUnitIds: [u.housingBureau] }),
    ],
    [
      'a street as the district',
      'rules.0.districtId',
      (u: Units) => ({ districtId: u.nanchengStreet }),
    ],
    ['an unknown lead unit', 'rules.0.leadUnitId', () => ({ leadUnitId: 99_999 })],
    ['an unknown category', 'rules.0.categoryId', () => ({ categoryId: 99_999 })],
  ])('refuses %s and publishes nothing', async (_what, field, change) => {
    const { categories: c, units: u } = h.fixture;
    const rule = {
      categoryId: c.streetLight,
      districtId: null,
      leadUnitId: u.waterCompany,
      coUnitIds: [],
      ...change(u),
    };
    await expect(
      h.module.catalogue.publish(admin, { note: null, rules: [rule] }),
    ).rejects.toMatchObject({
      code: 'CATALOGUE_INVALID',
      details: { field },
    });
    expect((await h.module.catalogue.currentVersion())?.id).toBe(version.id);
  });

  it('refuses a repeated (category, district) pair and a non-admin', async () => {
    const { categories: c, units: u } = h.fixture;
    const rule = {
      categoryId: c.streetLight,
      districtId: u.naxi,
      leadUnitId: u.anfuStreet,
      coUnitIds: [],
    };
    await expect(
      h.module.catalogue.publish(admin, { note: null, rules: [rule, rule] }),
    ).rejects.toMatchObject({
      details: { field: 'rules.1.districtId' },
    });
    const dispatcher = await h.actor('disp1');
    await expect(
      h.module.catalogue.publish(dispatcher, { note: null, rules: [rule] }),
    ).rejects.toThrow(ForbiddenError);
    expect((await h.module.catalogue.currentVersion())?.id).toBe(version.id);
  });

  it('exports a version as CSV by codes and imports it back as a new version', async () => {
    const csv = await h.module.catalogue.exportCsv(version.id);
    expect(parseCsv(csv)).toEqual([
      ['category_code', 'district_code', 'lead_unit_code', 'co_unit_codes'],
      ['01', '', 'housing', ''],
      ['0101', 'naxi', 'anfu', ''],
      ['010101', '', 'water', ''],
      ['010101', 'jiangyang', 'nancheng', 'housing'],
    ]);
    const imported = await h.module.catalogue.importCsv(admin, csv, 'round trip');
    expect(imported.id).toBeGreaterThan(version.id);
    const strip = (v: CatalogueVersionWithRules) =>
      v.rules.map(({ categoryId, districtId, leadUnitId, coUnitIds }) => ({
        categoryId,
        districtId,
        leadUnitId,
        coUnitIds,
      }));
    expect(new Set(strip(imported).map((r) => JSON.stringify(r)))).toEqual(
      new Set(strip(version).map((r) => JSON.stringify(r))),
    );
    expect((await h.module.catalogue.getVersion(version.id)).rules).toEqual(version.rules); // immutable
  });

  it('refuses a CSV with unknown codes, naming each row and column, and publishes nothing', async () => {
    const before = await h.module.catalogue.listVersions();
    const csv = [
      'category_code,district_code,lead_unit_code,co_unit_codes',
      '010101,,water,',
      '999999,,water,',
      '010101,naxi,anfu,anfu|nowhere',
      '010101,,housing,',
    ].join('\r\n');
    const error = await h.module.catalogue.importCsv(admin, csv, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'category_code'],
      [4, 'co_unit_codes'],
      [5, 'district_code'],
    ]);
    expect(await h.module.catalogue.listVersions()).toEqual(before);
  });
});

type Units = CatalogueHarness['fixture']['units'];
