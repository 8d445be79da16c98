import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';
import { DomainError } from './errors.js';
import { FixedWindowLimiter } from './rate-limit.js';

describe('FixedWindowLimiter', () => {
  it('lets `limit` requests through per window and key, then refuses with the wait', () => {
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const limiter = new FixedWindowLimiter(3, 60_000, clock);
    for (let i = 0; i < 3; i++) limiter.hit('1.2.3.4');
    clock.advance(15_000);
    let refused: unknown;
    try {
      limiter.hit('1.2.3.4');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('TOO_MANY_REQUESTS');
    expect((refused as DomainError).message).toContain('try again in 45 s');
    expect(() => limiter.hit('5.6.7.8')).not.toThrow();
    clock.advance(45_000);
    expect(() => limiter.hit('1.2.3.4')).not.toThrow();
  });
});
