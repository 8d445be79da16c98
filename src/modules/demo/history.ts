import type { PlannedTicket } from './plan-types.js';
import { liveTicket } from './life-cycle.js';
import type { SimDeps } from './life.js';
import { Random } from './random.js';
import { phoneNumber } from './texts.js';
import { runAt } from './sim-time.js';

// Plays the planned history: every appeal's life-cycle at once, their steps released in time
// order by the scheduler, plus the calls that never became a ticket (hang-ups, wrong numbers).

export interface HistoryResult {
  tickets: number;
  contacts: number;
  /** Steps the platform refused, each ending its life-cycle early (expected: none). */
  refused: string[];
}

/** Runs every life-cycle; fails with the first errors if any life-cycle broke on a bug. */
export async function playHistory(
  deps: SimDeps,
  plans: readonly PlannedTicket[],
  seed: number,
): Promise<HistoryResult> {
  const stray = planStrayContacts(
    new Random(seed ^ 0x5eed),
    plans.length,
    plans[0]?.at ?? deps.end,
    deps.end,
  );
  const outcomes = await Promise.allSettled([
    ...plans.map((plan) => liveTicket(deps, plan)),
    ...stray.map((contact) => recordStrayContact(deps, contact)),
  ]);
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failures.length > 0) {
    const first = failures.slice(0, 3).map((f) => String((f.reason as Error)?.stack ?? f.reason));
    throw new Error(
      `${failures.length} demo life-cycle(s) failed; the first:\n${first.join('\n')}`,
    );
  }
  const tickets = outcomes.filter((o) => o.status === 'fulfilled' && typeof o.value === 'number');
  return { tickets: tickets.length, contacts: stray.length, refused: deps.refused };
}

interface StrayContact {
  at: number;
  outcome: 'abandoned' | 'invalid';
  callerNumber: string;
  seed: number;
}

/** About one call in nine never becomes a ticket: the caller hangs up, or it is a prank. */
function planStrayContacts(
  rng: Random,
  tickets: number,
  start: number,
  end: number,
): StrayContact[] {
  const count = Math.round(tickets / 8);
  return Array.from({ length: count }, () => ({
    at: start + Math.floor(rng.next() * (end - start)),
    outcome: rng.chance(0.7) ? ('abandoned' as const) : ('invalid' as const),
    callerNumber: phoneNumber(rng),
    seed: rng.int(1, 2 ** 31 - 1),
  })).sort((a, b) => a.at - b.at);
}

async function recordStrayContact(deps: SimDeps, contact: StrayContact): Promise<null> {
  const rng = new Random(contact.seed);
  const operator = rng.pick(deps.staff.operators);
  const startedAt = contact.at;
  const answered = contact.outcome === 'invalid';
  const endedAt = startedAt + rng.int(answered ? 30 : 5, answered ? 120 : 40) * 1000;
  if (endedAt >= deps.end) return null;
  await deps.scheduler.run(endedAt, () =>
    runAt(endedAt, () =>
      deps.services.intake.contacts.record(operator, {
        channel: 'phone',
        callerNumber: contact.callerNumber,
        startedAt: new Date(startedAt).toISOString(),
        answeredAt: answered ? new Date(startedAt + rng.int(3, 15) * 1000).toISOString() : null,
        endedAt: new Date(endedAt).toISOString(),
        outcome: contact.outcome,
        summary: answered ? rng.pick(['无声电话', '骚扰电话', '拨错号码']) : null,
      }),
    ),
  );
  return null;
}
