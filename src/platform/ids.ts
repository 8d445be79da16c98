import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A URL-safe random secret (session tokens, API tokens, query codes). */
export const newSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url');
