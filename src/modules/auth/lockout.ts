/**
 * Account lockout after repeated failed logins (OWASP Authentication Cheat Sheet: lock for a
 * period after a threshold of consecutive failures). Thresholds come from the configuration.
 */
export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  threshold: number;
  /** How long the account stays locked. */
  minutes: number;
}

/** Whether an account locked until `lockedUntil` (ISO) is still locked at `now`. */
export const isLocked = (lockedUntil: string | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil > now.toISOString();

/** After the `failures`-th consecutive failure: the end of the lock (ISO), or null when not locked. */
export function lockAfterFailure(
  failures: number,
  policy: LockoutPolicy,
  now: Date,
): string | null {
  if (failures < policy.threshold) return null;
  return new Date(now.getTime() + policy.minutes * 60_000).toISOString();
}

/** Whole minutes (rounded up) until the lock ends, for the message to the user. */
export const minutesLeft = (lockedUntil: string, now: Date): number =>
  Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));
