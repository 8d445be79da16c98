import { Type } from 'typebox';
import { Nullable } from '../../platform/http/routes.js';
import { UNIT_TYPES } from './unit.js';

export const UnitTypeSchema = Type.Enum([...UNIT_TYPES]);

const unitProperties = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  type: UnitTypeSchema,
  parentId: Nullable(Type.Integer()),
  districtId: Nullable(Type.Integer({ description: 'The district/county the unit lies in' })),
  adcode: Nullable(Type.String()),
  aliases: Type.Array(Type.String()),
  active: Type.Boolean(),
  hasJurisdiction: Type.Boolean(),
};

export const UnitSchema = Type.Object(unitProperties);

export const UnitNodeSchema = Type.Cyclic(
  {
    UnitTreeNode: Type.Object({
      ...unitProperties,
      children: Type.Array(Type.Ref('UnitTreeNode')),
    }),
  },
  'UnitTreeNode',
);

const JurisdictionInput = Type.Unknown({
  description: 'A GeoJSON Polygon or MultiPolygon (longitude, latitude); null clears it',
});

export const JurisdictionSchema = Type.Object({
  type: Type.Enum(['Polygon', 'MultiPolygon']),
  coordinates: Type.Array(Type.Unknown()),
});

export const UnitListQuery = Type.Object({
  type: Type.Optional(UnitTypeSchema),
  parentId: Type.Optional(Type.Integer({ minimum: 1 })),
  districtId: Type.Optional(Type.Integer({ minimum: 1 })),
  includeInactive: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

export const UnitTreeQuery = Type.Object({
  includeInactive: Type.Optional(Type.Boolean()),
  rootId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const CreateUnitBody = Type.Object({
  code: Type.String({ maxLength: 64 }),
  name: Type.String({ maxLength: 200 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  type: UnitTypeSchema,
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  adcode: Type.Optional(Nullable(Type.String({ maxLength: 12 }))),
  aliases: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  jurisdiction: Type.Optional(JurisdictionInput),
});

export const UpdateUnitBody = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 64 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  adcode: Type.Optional(Nullable(Type.String({ maxLength: 12 }))),
  aliases: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  jurisdiction: Type.Optional(JurisdictionInput),
  active: Type.Optional(Type.Boolean()),
});
