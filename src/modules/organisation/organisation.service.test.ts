import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { AuditLog } from '../../platform/audit.js';
import { FakeClock } from '../../platform/clock.js';
import { loadConfig } from '../../config.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { createFixture, type Fixture } from '../../test-support/fixtures.js';
import { createOrganisationModule, type OrganisationService, type UnitInput } from './index.js';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [105.4, 28.8],
      [105.5, 28.8],
      [105.5, 28.9],
      [105.4, 28.8],
    ],
  ],
};

describe.each(TEST_DIALECTS)('organisation service on %s', (dialect) => {
  let testDb: TestDatabase;
  let fixture: Fixture;
  let units: OrganisationService;
  let audit: AuditLog;
  let admin: Actor;
  let operator: Actor;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const clock = new FakeClock('2026-03-02T01:00:00.000Z');
    const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: testDb.url });
    audit = new AuditLog(testDb.database, clock);
    units = createOrganisationModule(
      { database: testDb.database, config, clock },
      { audit },
    ).service;
    fixture = await createFixture(testDb.database);
    const actor = (userId: number, roles: Actor['roles']): Actor => ({
      userId,
      username: 'u',
      displayName: 'u',
      unitId: fixture.units.centre,
      districtId: null,
      roles,
      via: 'session',
    });
    admin = actor(fixture.users.admin.id, ['admin']);
    operator = actor(fixture.users.operator.id, ['operator']);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const create = (input: Partial<UnitInput> & Pick<UnitInput, 'code' | 'type'>) =>
    units.createUnit(admin, { name: input.code, ...input });
  const countUnits = async () => (await units.listUnits({ includeInactive: true })).length;

  it('derives the district: a district is its own, streets and communities inherit it, city units have none', async () => {
    const district = await create({
      code: 'longmatan',
      name: '龙马潭区',
      type: 'district',
      parentId: fixture.units.centre,
      adcode: '510504',
    });
    expect(district).toMatchObject({ districtId: district.id, adcode: '510504', active: true });
    const street = await create({ code: 'xiaoshi', type: 'street', parentId: district.id });
    const community = await create({ code: 'xiaoshi-1', type: 'community', parentId: street.id });
    expect(street.districtId).toBe(district.id);
    expect(community.districtId).toBe(district.id);
    const department = await create({
      code: 'env-bureau',
      type: 'department',
      parentId: fixture.units.centre,
    });
    const utility = await create({
      code: 'gas',
      type: 'enterprise',
      parentId: fixture.units.centre,
    });
    expect(department.districtId).toBeNull();
    expect(utility.districtId).toBeNull();
  });

  it('refuses a unit in the wrong place, naming parentId, and creates nothing', async () => {
    const before = await countUnits();
    const cases = [
      {
        code: 'bad-1',
        type: 'street',
        parentId: fixture.units.housingBureau,
        rule: 'INVALID_PARENT',
      },
      {
        code: 'bad-2',
        type: 'community',
        parentId: fixture.units.jiangyang,
        rule: 'INVALID_PARENT',
      },
      { code: 'bad-3', type: 'street', parentId: null, rule: 'PARENT_REQUIRED' },
      { code: 'bad-4', type: 'street', parentId: 999_999, rule: 'PARENT_NOT_FOUND' },
    ] as const;
    for (const { rule, ...input } of cases) {
      await expect(create(input)).rejects.toMatchObject({ code: rule, field: 'parentId' });
    }
    await expect(create({ code: 'bad-5', type: 'county' })).rejects.toMatchObject({
      field: 'type',
    });
    await expect(
      create({ code: 'bad 6', type: 'department', parentId: fixture.units.centre }),
    ).rejects.toMatchObject({ field: 'code' });
    expect(await countUnits()).toBe(before);
  });

  it('refuses a code that is taken', async () => {
    await expect(
      create({ code: 'nancheng', type: 'street', parentId: fixture.units.jiangyang }),
    ).rejects.toMatchObject({ code: 'UNIT_CODE_TAKEN' });
    const other = await create({
      code: 'zhangba',
      type: 'street',
      parentId: fixture.units.jiangyang,
    });
    await expect(units.updateUnit(admin, other.id, { code: 'anfu' })).rejects.toMatchObject({
      code: 'UNIT_CODE_TAKEN',
    });
  });

  it('moves a street to another district, and its communities follow', async () => {
    const street = await create({
      code: 'dadukou',
      type: 'street',
      parentId: fixture.units.jiangyang,
    });
    const community = await create({ code: 'dadukou-1', type: 'community', parentId: street.id });
    const moved = await units.updateUnit(admin, street.id, { parentId: fixture.units.naxi });
    expect(moved).toMatchObject({ parentId: fixture.units.naxi, districtId: fixture.units.naxi });
    expect((await units.getUnit(community.id)).districtId).toBe(fixture.units.naxi);

    await expect(
      units.updateUnit(admin, fixture.units.naxi, { parentId: street.id }),
    ).rejects.toMatchObject({ code: 'INVALID_PARENT', field: 'parentId' });
  });

  it('refuses to move a department under its own sub-department', async () => {
    const bureau = await create({
      code: 'transport',
      type: 'department',
      parentId: fixture.units.centre,
    });
    const office = await create({
      code: 'transport-roads',
      type: 'department',
      parentId: bureau.id,
    });
    await expect(units.updateUnit(admin, bureau.id, { parentId: office.id })).rejects.toMatchObject(
      {
        code: 'INVALID_PARENT',
      },
    );
    expect((await units.getUnit(bureau.id)).parentId).toBe(fixture.units.centre);
  });

  it('deactivates only a unit with nothing active below it; lists then leave it out', async () => {
    await expect(units.deactivateUnit(admin, fixture.units.jiangyang)).rejects.toMatchObject({
      code: 'UNIT_HAS_ACTIVE_CHILDREN',
    });
    const street = await create({ code: 'closing', type: 'street', parentId: fixture.units.naxi });
    const closed = await units.deactivateUnit(admin, street.id);
    expect(closed.active).toBe(false);
    const active = await units.listUnits({ districtId: fixture.units.naxi });
    expect(active.map((u) => u.code)).not.toContain('closing');
    const all = await units.listUnits({ districtId: fixture.units.naxi, includeInactive: true });
    expect(all.map((u) => u.code)).toContain('closing');
    await expect(
      create({ code: 'under-closed', type: 'community', parentId: street.id }),
    ).rejects.toMatchObject({ code: 'PARENT_INACTIVE' });
    expect((await units.updateUnit(admin, street.id, { active: true })).active).toBe(true);
  });

  it('records a jurisdiction, says whether a unit has one, and clears it', async () => {
    const unit = await create({
      code: 'with-area',
      type: 'street',
      parentId: fixture.units.naxi,
      jurisdiction: square,
    });
    expect(unit.hasJurisdiction).toBe(true);
    expect(await units.getJurisdiction(unit.id)).toEqual(square);
    await expect(
      units.updateUnit(admin, unit.id, { jurisdiction: { type: 'Point', coordinates: [1, 2] } }),
    ).rejects.toMatchObject({ code: 'INVALID_JURISDICTION', field: 'jurisdiction' });
    expect((await units.updateUnit(admin, unit.id, { jurisdiction: null })).hasJurisdiction).toBe(
      false,
    );
    expect(await units.getJurisdiction(unit.id)).toBeNull();
  });

  it('keeps names and aliases in full Unicode, and finds units by any of them', async () => {
    const unit = await create({
      code: 'jiyecun',
      name: '𠮷野街道😀',
      nameEn: 'Jiye Street',
      aliases: ['𠮷野', '吉野'],
      type: 'street',
      parentId: fixture.units.jiangyang,
    });
    expect(await units.getUnit(unit.id)).toMatchObject({
      name: '𠮷野街道😀',
      aliases: ['𠮷野', '吉野'],
    });
    expect((await units.listUnits({ q: '吉野' })).map((u) => u.id)).toEqual([unit.id]);
    expect((await units.listUnits({ q: 'JIYE' })).map((u) => u.id)).toEqual([unit.id]);
    expect(await units.listUnits({ q: '100%' })).toEqual([]);
  });

  it('answers several units at once and the nested tree', async () => {
    const found = await units.getUnits([fixture.units.naxi, fixture.units.centre, 999_999]);
    expect([...found.keys()].sort()).toEqual([fixture.units.centre, fixture.units.naxi].sort());
    const [root, ...others] = await units.getTree();
    expect(others).toEqual([]);
    expect(root!.code).toBe('centre');
    const jiangyang = root!.children.find((c) => c.id === fixture.units.jiangyang)!;
    expect(jiangyang.children.map((c) => c.code)).toContain('nancheng');
    const [subtree] = await units.getTree({ rootId: fixture.units.naxi });
    expect(subtree!.children.every((c) => c.districtId === fixture.units.naxi)).toBe(true);
  });

  it('lets only an admin change the organisation, and audits each change', async () => {
    await expect(
      units.createUnit(operator, {
        code: 'x',
        name: 'x',
        type: 'department',
        parentId: fixture.units.centre,
      }),
    ).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
    await expect(
      units.updateUnit(operator, fixture.units.naxi, { name: '纳溪' }),
    ).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
    await units.updateUnit(admin, fixture.units.naxi, { name: '纳溪区', jurisdiction: square });
    const [entry] = await audit.list({
      subjectType: 'unit',
      subjectId: String(fixture.units.naxi),
    });
    expect(entry).toMatchObject({ action: 'unit.update', actor_id: fixture.users.admin.id });
    expect(JSON.parse(entry!.detail!)).toEqual({ name: '纳溪区', jurisdiction: 'set' });
    await expect(units.getUnit(999_999)).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
  });
});
