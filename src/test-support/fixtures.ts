import { isRole, type Actor } from '../platform/actor.js';
import type { Database } from '../platform/db/database.js';
import { hashPassword } from '../platform/password.js';

export const FIXTURE_PASSWORD = 'secret-pass-1';

export interface Fixture {
  units: {
    centre: number;
    jiangyang: number;
    naxi: number;
    nanchengStreet: number;
    anfuStreet: number;
    housingBureau: number;
    waterCompany: number;
  };
  users: Record<
    | 'operator'
    | 'dispatcher'
    | 'coordinator'
    | 'handler'
    | 'handlerDept'
    | 'handlerNaxi'
    | 'callback'
    | 'supervisor'
    | 'analyst'
    | 'admin'
    | 'kbEditor',
    { id: number; username: string }
  >;
  categories: { streetLight: number; constructionNoise: number; municipal: number; urban: number };
  catalogueVersionId: number;
}

const AT = '2026-01-01T00:00:00.000Z';
let cachedHash: Promise<string> | null = null;

/**
 * A small real organisation for tests: the centre, two districts with a street each, a city
 * department and a utility; one user per role; a three-level category branch; a catalogue.
 */
export async function createFixture(database: Database): Promise<Fixture> {
  cachedHash ??= hashPassword(FIXTURE_PASSWORD);
  const passwordHash = await cachedHash;
  return database.write(async (trx) => {
    const unit = async (
      code: string,
      name: string,
      type: string,
      parentId: number | null,
      districtId: number | null = null,
    ) => {
      const row = await trx
        .insertInto('units')
        .values({
          code,
          name,
          name_en: null,
          type,
          parent_id: parentId,
          district_id: districtId,
          adcode: null,
          aliases: null,
          jurisdiction: null,
          active: 1,
          created_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (type === 'district')
        await trx
          .updateTable('units')
          .set({ district_id: row.id })
          .where('id', '=', row.id)
          .execute();
      return row.id;
    };
    const centre = await unit('centre', '泸州市12345中心', 'centre', null);
    const jiangyang = await unit('jiangyang', '江阳区', 'district', centre);
    const naxi = await unit('naxi', '纳溪区', 'district', centre);
    const nanchengStreet = await unit('nancheng', '南城街道', 'street', jiangyang, jiangyang);
    const anfuStreet = await unit('anfu', '安富街道', 'street', naxi, naxi);
    const housingBureau = await unit('housing', '市住房和城乡建设局', 'department', centre);
    const waterCompany = await unit('water', '泸州市兴泸水务', 'enterprise', centre);

    const user = async (username: string, unitId: number, roles: string[]) => {
      const row = await trx
        .insertInto('users')
        .values({
          username,
          display_name: username,
          password_hash: passwordHash,
          unit_id: unitId,
          active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const role of roles)
        await trx.insertInto('user_roles').values({ user_id: row.id, role }).execute();
      return { id: row.id, username };
    };
    const users = {
      operator: await user('op1', centre, ['operator']),
      dispatcher: await user('disp1', centre, ['dispatcher']),
      coordinator: await user('coord-jy', jiangyang, ['coordinator']),
      handler: await user('h-nancheng', nanchengStreet, ['handler']),
      handlerDept: await user('h-housing', housingBureau, ['handler']),
      handlerNaxi: await user('h-anfu', anfuStreet, ['handler']),
      callback: await user('cb1', centre, ['callback_agent']),
      supervisor: await user('sup1', centre, ['supervisor']),
      analyst: await user('ana1', centre, ['analyst']),
      admin: await user('admin1', centre, ['admin']),
      kbEditor: await user('kb1', centre, ['kb_editor']),
    };

    const category = async (code: string, name: string, level: number, parentId: number | null) =>
      (
        await trx
          .insertInto('categories')
          .values({
            code,
            name,
            name_en: null,
            level,
            parent_id: parentId,
            keywords: null,
            active: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const urban = await category('01', '城乡建设', 1, null);
    const municipal = await category('0101', '市政设施', 2, urban);
    const streetLight = await category('010101', '路灯', 3, municipal);
    const env = await category('02', '环境保护', 1, null);
    const noise = await category('0201', '噪声污染', 2, env);
    const constructionNoise = await category('020101', '施工噪音', 3, noise);

    const version = await trx
      .insertInto('catalogue_versions')
      .values({ created_at: AT, created_by: null, note: 'fixture' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('catalogue_rules')
      .values([
        {
          version_id: version.id,
          category_id: streetLight,
          district_id: null,
          lead_unit_id: housingBureau,
          co_unit_ids: '[]',
        },
        {
          version_id: version.id,
          category_id: streetLight,
          district_id: jiangyang,
          lead_unit_id: nanchengStreet,
          co_unit_ids: JSON.stringify([housingBureau]),
        },
        {
          version_id: version.id,
          category_id: constructionNoise,
          district_id: null,
          lead_unit_id: housingBureau,
          co_unit_ids: '[]',
        },
      ])
      .execute();

    return {
      units: { centre, jiangyang, naxi, nanchengStreet, anfuStreet, housingBureau, waterCompany },
      users,
      categories: { streetLight, constructionNoise, municipal, urban },
      catalogueVersionId: version.id,
    };
  });
}

/** The actor of a user, read the way a login would resolve it (roles, unit, district). */
export async function actorFor(database: Database, username: string): Promise<Actor> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'users.unit_id', 'units.district_id'])
    .where('users.username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await database.db
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    username,
    displayName: user.display_name,
    unitId: user.unit_id,
    districtId: user.district_id,
    roles: roles.map((r) => r.role).filter(isRole),
    via: 'session',
  };
}
