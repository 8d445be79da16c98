/**
 * Why a message could not be handed over, classified for the caller's retry decision. `code` and
 * `message` never hold the recipient or the content (they are stored and logged); a gateway's own
 * answer is reduced to its status code.
 */
export class SendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Worth trying again later: the network, a busy or misconfigured gateway, not the message itself. */
    readonly retryable: boolean,
    /** How long the gateway asked us to wait (Retry-After), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** How long a sender waits for a gateway by default. */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/** The Retry-After header (seconds or an HTTP date) in milliseconds, if usable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
