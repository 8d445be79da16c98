import { Type } from 'typebox';
import { ErrorEnvelope } from '../../platform/http/routes.js';
import { ROLES } from '../../platform/actor.js';

// Response schemas list every field that may leave the server: a password hash never does.

export const RoleSchema = Type.Enum([...ROLES]);

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  unitId: Type.Integer(),
  districtId: Type.Union([Type.Integer(), Type.Null()]),
  roles: Type.Array(RoleSchema),
});

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  unitId: Type.Integer(),
  roles: Type.Array(RoleSchema),
  active: Type.Boolean(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the lockout after failed logins ends; null when not locked',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ApiTokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  userId: Type.Integer(),
  username: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const LockedEnvelope = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    lockedUntil: Type.Optional(Type.String({ format: 'date-time' })),
  }),
});

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const CreateTokenBody = Type.Object({ name: Type.String({ maxLength: 200 }) });

const RolesInput = Type.Array(Type.String({ maxLength: 40 }), {
  maxItems: 20,
  description: `One or more of: ${ROLES.join(', ')}`,
});

export const UserListQuery = Type.Object({
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  role: Type.Optional(RoleSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  active: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});

export const CreateUserBody = Type.Object({
  username: Type.String({ maxLength: 200 }),
  displayName: Type.String({ maxLength: 200 }),
  password: Type.String({ maxLength: 1024, description: 'At least 8 characters' }),
  unitId: Type.Integer({ minimum: 1 }),
  roles: RolesInput,
});

export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  roles: Type.Optional(RolesInput),
  active: Type.Optional(Type.Boolean()),
});

export const PasswordBody = Type.Object({
  newPassword: Type.String({ maxLength: 1024, description: 'At least 8 characters' }),
  currentPassword: Type.Optional(
    Type.String({ maxLength: 1024, description: 'Required when changing your own password' }),
  ),
});

export { ErrorEnvelope };
