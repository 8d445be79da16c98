import { createHash } from 'node:crypto';
import { newSecret } from '../../platform/ids.js';

/**
 * Session and API tokens are random 256-bit secrets; the database keeps only their SHA-256, so a
 * leaked database (or backup) does not hand out live sessions. A fast hash suffices: the secrets
 * are random, not guessable passwords.
 */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Prefix of API tokens, so they are recognisable in configs and by secret scanners. */
export const API_TOKEN_PREFIX = 'oht_';

export const newSessionToken = (): string => newSecret(32);

export const newApiToken = (): string => `${API_TOKEN_PREFIX}${newSecret(32)}`;
