import type { Clock } from './clock.js';
import { DomainError } from './errors.js';

/**
 * Counts requests per key (a client address) in fixed windows and refuses those beyond the limit
 * with TOO_MANY_REQUESTS (429). Kept in memory: each app instance limits its own share, which is
 * enough to stop one address flooding the public endpoints.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  hit(key: string): void {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= 100_000) this.forgetEnded(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.limit) {
      const retryAfterSeconds = Math.ceil((window.start + this.windowMs - now) / 1000);
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Too many requests from this address; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    }
  }

  private forgetEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
