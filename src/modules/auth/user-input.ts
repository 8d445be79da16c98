import { isRole, ROLES, type Role } from '../../platform/actor.js';
import { ValidationError } from '../../platform/errors.js';

const USERNAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

/** Usernames compare case-insensitively: stored and looked up in one normal form. */
export const canonicalUsername = (value: string): string =>
  value.normalize('NFKC').trim().toLowerCase();

export function normaliseUsername(value: string): string {
  const username = canonicalUsername(value);
  if (!USERNAME.test(username)) {
    throw new ValidationError(
      'username',
      'A username is 2 to 64 letters, digits, dots, dashes, underscores or @',
    );
  }
  return username;
}

export function normaliseDisplayName(value: string): string {
  const name = value.normalize('NFC').trim();
  if (name.length === 0)
    throw new ValidationError('displayName', 'The display name is required', 'VALIDATION_FAILED', {
      rule: 'required',
    });
  if (Array.from(name).length > 100) {
    throw new ValidationError(
      'displayName',
      'The display name is at most 100 characters',
      'VALIDATION_FAILED',
      {
        rule: 'maxLength',
        limit: 100,
      },
    );
  }
  return name;
}

/** Minimum 8 characters (NIST SP 800-63B §5.1.1.2); the maximum bounds the hashing work. */
export function checkPassword(value: string, field = 'password'): void {
  const length = Array.from(value).length;
  if (length < 8) {
    throw new ValidationError(field, 'A password has at least 8 characters', 'PASSWORD_TOO_SHORT');
  }
  if (length > 256) {
    throw new ValidationError(field, 'A password has at most 256 characters', 'PASSWORD_TOO_LONG');
  }
}

/** One or more roles of ../shared/DOMAIN.md, without duplicates. */
export function normaliseRoles(values: readonly string[]): Role[] {
  if (values.length === 0)
    throw new ValidationError('roles', 'A user needs at least one role', 'VALIDATION_FAILED', {
      rule: 'minItems',
      limit: 1,
    });
  const roles = new Set<Role>();
  for (const value of values) {
    if (!isRole(value)) {
      throw new ValidationError(
        'roles',
        `Unknown role "${value}": roles are ${ROLES.join(', ')}`,
        'UNKNOWN_ROLE',
      );
    }
    roles.add(value);
  }
  return [...roles];
}
