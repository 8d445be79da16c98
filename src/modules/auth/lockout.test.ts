import { describe, expect, it } from 'vitest';
import { isLocked, lockAfterFailure, minutesLeft } from './lockout.js';

const now = new Date('2026-03-02T08:00:00.000Z');
const policy = { threshold: 5, minutes: 15 };

describe('lockout', () => {
  it('locks on the threshold-th consecutive failure, for the configured minutes', () => {
    expect(lockAfterFailure(4, policy, now)).toBeNull();
    expect(lockAfterFailure(5, policy, now)).toBe('2026-03-02T08:15:00.000Z');
  });

  it('is locked until the lock ends, not after', () => {
    expect(isLocked(null, now)).toBe(false);
    expect(isLocked('2026-03-02T08:00:00.001Z', now)).toBe(true);
    expect(isLocked('2026-03-02T08:00:00.000Z', now)).toBe(false);
  });

  it('tells whole minutes left, at least one', () => {
    expect(minutesLeft('2026-03-02T08:14:01.000Z', now)).toBe(15);
    expect(minutesLeft('2026-03-02T08:00:01.000Z', now)).toBe(1);
  });
});
