import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { DEPARTMENTS, UTILITIES } from './data/departments.js';
import { DISTRICTS, type DistrictSeed, type StreetSeed } from './data/districts.js';
import { loadDistrictShapes } from './geo.js';

export const CENTRE_CODE = 'luzhou-12345';

export interface SeededStreet {
  id: number;
  seed: StreetSeed;
  communityIds: number[];
}

export interface SeededDistrict {
  id: number;
  seed: DistrictSeed;
  streets: SeededStreet[];
}

/** The ids of the seeded organisation, by the keys of the data files. */
export interface SeededOrganisation {
  centreId: number;
  districts: SeededDistrict[];
  /** City departments and utilities by code. */
  cityUnits: Map<string, number>;
}

interface UnitInput {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  parentId: number | null;
  districtId: number | null;
  adcode?: string;
  aliases?: string[];
  jurisdiction?: string;
}

/** Writes Luzhou's organisation tree: the centre, districts, streets, communities, departments, utilities. */
export async function seedOrganisation(
  trx: Transaction<DB>,
  at: string,
): Promise<SeededOrganisation> {
  const insert = async (unit: UnitInput): Promise<number> => {
    const row = await trx
      .insertInto('units')
      .values({
        code: unit.code,
        name: unit.name,
        name_en: unit.nameEn,
        type: unit.type,
        parent_id: unit.parentId,
        district_id: unit.districtId,
        adcode: unit.adcode ?? null,
        aliases: unit.aliases?.length ? JSON.stringify(unit.aliases) : null,
        jurisdiction: unit.jurisdiction ?? null,
        active: 1,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const centreId = await insert({
    code: CENTRE_CODE,
    name: '泸州市12345政务服务便民热线中心',
    nameEn: 'Luzhou 12345 Government Service Hotline Centre',
    type: 'centre',
    parentId: null,
    districtId: null,
    adcode: '510500',
    aliases: ['市12345中心', '12345热线'],
  });

  const shapes = loadDistrictShapes();
  const districts: SeededDistrict[] = [];
  for (const seed of DISTRICTS) {
    const shape = shapes.get(seed.adcode);
    if (!shape) throw new Error(`no boundary for ${seed.name} (${seed.adcode})`);
    const id = await insert({
      code: seed.key,
      name: seed.name,
      nameEn: seed.nameEn,
      type: 'district',
      parentId: centreId,
      districtId: null,
      adcode: seed.adcode,
      aliases: [`${seed.name}12345分中心`],
      jurisdiction: JSON.stringify(shape.geometry),
    });
    // A district is its own district (organisation contract).
    await trx.updateTable('units').set({ district_id: id }).where('id', '=', id).execute();
    districts.push({ id, seed, streets: await seedStreets(insert, seed, id) });
  }

  const cityUnits = new Map<string, number>();
  for (const unit of [...DEPARTMENTS, ...UTILITIES]) {
    cityUnits.set(
      unit.code,
      await insert({ ...unit, parentId: centreId, districtId: null, aliases: unit.aliases }),
    );
  }
  return { centreId, districts, cityUnits };
}

async function seedStreets(
  insert: (unit: UnitInput) => Promise<number>,
  district: DistrictSeed,
  districtId: number,
): Promise<SeededStreet[]> {
  const streets: SeededStreet[] = [];
  for (const seed of district.streets) {
    const code = `${district.key}-${seed.key}`;
    const id = await insert({
      code,
      name: seed.name,
      nameEn: seed.nameEn,
      type: 'street',
      parentId: districtId,
      districtId,
    });
    const communityIds: number[] = [];
    for (const [index, [name, nameEn]] of (seed.communities ?? []).entries()) {
      communityIds.push(
        await insert({
          code: `${code}-${index + 1}`,
          name,
          nameEn,
          type: 'community',
          parentId: id,
          districtId,
        }),
      );
    }
    streets.push({ id, seed, communityIds });
  }
  return streets;
}
