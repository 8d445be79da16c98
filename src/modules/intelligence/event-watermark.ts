import type { Clock } from '../../platform/clock.js';

/**
 * An event id missing below newer ones is a transaction still committing (PostgreSQL hands out
 * ids before commit) or one rolled back; the watermark waits this long for it before moving on.
 */
const GAP_GRACE_MS = 30_000;

/**
 * Where a reader of ticket events may move its watermark: past every event read, except that it
 * stops before a missing id younger than the grace period. Each reader keeps its own (the gaps
 * it has seen, and when, are remembered by this instance).
 */
export class EventWatermark {
  /** Per missing event id: when this instance first saw the gap. */
  private readonly gaps = new Map<number, number>();

  constructor(private readonly clock: Clock) {}

  /** The new watermark: the last id before a gap younger than the grace period. */
  advance(from: number, events: ReadonlyArray<{ id: number }>): number {
    const now = this.clock.now().getTime();
    let next = from;
    for (const event of events) {
      if (event.id !== next + 1) {
        const since = this.gaps.get(next + 1) ?? now;
        this.gaps.set(next + 1, since);
        if (now - since < GAP_GRACE_MS) break;
      }
      next = event.id;
    }
    for (const id of this.gaps.keys()) if (id <= next) this.gaps.delete(id);
    return next;
  }
}
