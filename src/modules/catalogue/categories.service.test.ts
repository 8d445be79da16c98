import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { CsvImportError } from './csv-import.js';
import { parseCsv, writeCsv } from '../../platform/csv.js';
import { createCatalogueHarness, type CatalogueHarness } from './test-harness.js';

const HEADER = 'code,level1,level2,level3,name_en,keywords\r\n';

describe.each(TEST_DIALECTS)('categories on %s', (dialect) => {
  let h: CatalogueHarness;
  let admin: Actor;
  let operator: Actor;
  const snapshot = async () => h.module.categories.listCategories({ includeInactive: true });

  beforeAll(async () => {
    h = await createCatalogueHarness(dialect);
    admin = await h.actor('admin1');
    operator = await h.actor('op1');
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists categories with their path from the root', async () => {
    const light = await h.module.categories.getCategory(h.fixture.categories.streetLight);
    expect(light).toMatchObject({
      code: '010101',
      level: 3,
      path: ['城乡建设', '市政设施', '路灯'],
    });
    const all = await h.module.categories.listCategories();
    expect(all.find((c) => c.code === '0201')?.path).toEqual(['环境保护', '噪声污染']);
  });

  it('creates a category with the next free code under its parent', async () => {
    const { categories } = h.module;
    const created = await categories.createCategory(admin, {
      parentId: h.fixture.categories.municipal,
      name: '井盖𠮷',
      keywords: [' 井盖 ', '', '井盖', '下水道🕳'],
    });
    expect(created).toMatchObject({ code: '010102', level: 3, keywords: ['井盖', '下水道🕳'] });
    expect(created.path).toEqual(['城乡建设', '市政设施', '井盖𠮷']);
    const root = await categories.createCategory(admin, { parentId: null, name: '交通运输' });
    expect(root).toMatchObject({ code: '03', level: 1, parentId: null });
  });

  it('refuses a fourth level, a repeated name among siblings and a non-admin', async () => {
    const { categories } = h.module;
    const parentId = h.fixture.categories.streetLight;
    await expect(categories.createCategory(admin, { parentId, name: '灯杆' })).rejects.toThrow(
      ValidationError,
    );
    const municipal = h.fixture.categories.municipal;
    await expect(
      categories.createCategory(admin, { parentId: municipal, name: '路灯' }),
    ).rejects.toMatchObject({ code: 'CATEGORY_NAME_TAKEN' });
    const before = await snapshot();
    await expect(
      categories.createCategory(operator, { parentId: municipal, name: '桥梁' }),
    ).rejects.toThrow(ForbiddenError);
    expect(await snapshot()).toEqual(before);
  });

  it('deactivates a category with everything below it, and refuses a child under it', async () => {
    const { categories } = h.module;
    const env = (await categories.listCategories()).find((c) => c.code === '02')!;
    await categories.updateCategory(admin, env.id, { active: false });
    const active = await categories.listCategories();
    expect(active.filter((c) => c.code.startsWith('02'))).toEqual([]);
    const all = await categories.listCategories({ includeInactive: true });
    expect(all.filter((c) => c.code.startsWith('02')).map((c) => c.active)).toEqual([
      false,
      false,
      false,
    ]);
    await expect(
      categories.createCategory(admin, { parentId: env.id, name: '光污染' }),
    ).rejects.toThrow(ConflictError);
    await categories.updateCategory(admin, env.id, { active: true });
    expect((await categories.getCategory(env.id)).active).toBe(true);
  });

  it('round-trips its CSV export, with Chinese, 𠮷, emoji, commas and quotes', async () => {
    const { categories } = h.module;
    await categories.createCategory(admin, {
      parentId: h.fixture.categories.urban,
      name: '园林, "绿化" 🌳',
      nameEn: 'Parks, "green"',
      keywords: ['树木', '𠮷祥草坪'],
    });
    const csv = await categories.exportCsv();
    const row = parseCsv(csv).find((r) => r[2] === '园林, "绿化" 🌳');
    expect(row).toEqual([
      '0102',
      '城乡建设',
      '园林, "绿化" 🌳',
      '',
      'Parks, "green"',
      '树木|𠮷祥草坪',
    ]);
    const before = await snapshot();
    const result = await categories.importCsv(admin, csv);
    expect(result).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('imports: upserts by code, renames, creates missing ancestors with generated codes', async () => {
    const { categories } = h.module;
    const csv =
      HEADER +
      writeCsv([
        ['010101', '城乡建设', '市政设施', '路灯照明', 'Street lighting', '路灯|不亮'],
        ['', '交通运输', '公共交通', '公交站台', '', '站台'],
        ['', '城乡建设', '市政设施', '井盖𠮷', 'Manholes', ''],
      ]);
    const result = await categories.importCsv(admin, csv);
    expect(result).toMatchObject({ created: 2, updated: 2 });
    const light = await categories.getCategory(h.fixture.categories.streetLight);
    expect(light).toMatchObject({
      name: '路灯照明',
      nameEn: 'Street lighting',
      keywords: ['路灯', '不亮'],
    });
    const all = await categories.listCategories();
    const stop = all.find((c) => c.name === '公交站台')!;
    expect(stop).toMatchObject({ code: '030101', path: ['交通运输', '公共交通', '公交站台'] });
    expect(all.find((c) => c.name === '公共交通')?.code).toBe('0301');
    expect(all.find((c) => c.name === '井盖𠮷')).toMatchObject({
      nameEn: 'Manholes',
      keywords: [],
    });
  });

  it('refuses a CSV with any bad row, naming every row and column, and changes nothing', async () => {
    const { categories } = h.module;
    const before = await snapshot();
    const csv =
      HEADER +
      writeCsv([
        ['', '新类别', '', '', '', ''],
        ['0101', '城乡建设', '市政设施', '路灯照明', '', ''],
        ['bad code!', '城乡建设', '', '', '', ''],
        ['', '', '无上级', '', '', ''],
        ['', '城乡建设', '新二级', '', '', 'a|b'],
      ]);
    const error = await categories.importCsv(admin, csv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'code'],
      [4, 'code'],
      [5, 'level1'],
    ]);
    expect(await snapshot()).toEqual(before);
    const levelClash = HEADER + '0101,城乡建设,市政设施,路灯照明,,\r\n';
    const clash = await categories.importCsv(admin, levelClash).catch((e: unknown) => e);
    expect((clash as CsvImportError).problems).toEqual([
      { row: 2, field: 'code', message: '0101 is a level-2 category; this row is level 3' },
    ]);
    await expect(categories.importCsv(admin, 'code,level1\r\n01,x\r\n')).rejects.toMatchObject({
      code: 'CSV_INVALID',
      details: { field: 'row 1.header' },
    });
    await expect(categories.importCsv(operator, HEADER)).rejects.toThrow(ForbiddenError);
    expect(await snapshot()).toEqual(before);
  });
});
