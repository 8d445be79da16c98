import { createHash } from 'node:crypto';

/**
 * A phone number as intake stores it (NFKC, so full-width digits are digits; spaces and dashes
 * dropped), or null when it is none: the same number on every message finds the same link.
 */
export function normalisePhoneNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.normalize('NFKC').trim();
  if (text.length < 3 || text.length > 20 || !/^\+?[0-9][0-9 -]*$/.test(text)) return null;
  return text.replace(/[ -]/g, '');
}

/** A message id short enough for a contact's external id (≤ 200): long ones are hashed. */
export function externalIdOf(prefix: string, id: string): string {
  const full = `${prefix}${id}`;
  return full.length <= 200
    ? full
    : `${prefix}sha256:${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/**
 * Runs work one at a time per key in this process: two messages from one number arriving
 * together are interpreted in order, so the second sees the ticket the first filed.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.tails.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }
}
