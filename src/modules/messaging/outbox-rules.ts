// When the outbox tries a message again, and when it gives up.

/** Attempts before a retryable failure becomes final (about a day of retries). */
export const MAX_ATTEMPTS = 12;

/** How long one instance owns a claimed message; after that another may take it over. */
export const CLAIM_LEASE_MS = 2 * 60_000;

const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 4 * 60 * 60_000;

/** The wait before attempt `attempts + 1`: 30 s doubling up to 4 h, or longer if the gateway asked. */
export function retryDelayMs(attempts: number, askedMs?: number): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
  return Math.max(backoff, Math.min(askedMs ?? 0, LONGEST_WAIT_MS));
}

export type SendOutcome =
  | { status: 'sent'; providerId: string }
  | { status: 'pending'; nextAttemptAt: string; error: string }
  | { status: 'failed'; error: string };

/** What becomes of a message after an attempt that failed. */
export function afterFailure(
  attempts: number,
  failure: { code: string; message: string; retryable: boolean; retryAfterMs?: number },
  now: Date,
): SendOutcome {
  const error = `${failure.code}: ${failure.message}`.slice(0, 500);
  if (!failure.retryable || attempts >= MAX_ATTEMPTS) return { status: 'failed', error };
  const nextAttemptAt = new Date(
    now.getTime() + retryDelayMs(attempts, failure.retryAfterMs),
  ).toISOString();
  return { status: 'pending', nextAttemptAt, error };
}
