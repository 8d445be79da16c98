// When the router may dispatch by itself, pure: the admin's settings against its decision.
import type { RoutingSettings } from './routing-types.js';

export type AutoVerdict =
  | { dispatch: true }
  | {
      dispatch: false;
      why:
        'disabled' | 'not_waiting' | 'no_suggestion' | 'below_threshold' | 'emergency' | 'excluded';
    };

export interface AutoCandidate {
  leadUnitId: number | null;
  confidence: number;
  ticket: { status: string; urgency: string; categoryId: number | null };
}

/**
 * Dispatch without a person only when enabled, the ticket still waits, the router is at least as
 * sure as the threshold, the category is not excluded (with its subtree: `excluded` holds the
 * expanded set), and the ticket is no emergency unless the admin allowed those.
 */
export function autoVerdict(
  settings: RoutingSettings,
  candidate: AutoCandidate,
  excluded: ReadonlySet<number>,
): AutoVerdict {
  const { ticket } = candidate;
  if (!settings.enabled) return { dispatch: false, why: 'disabled' };
  if (ticket.status !== 'pending_dispatch') return { dispatch: false, why: 'not_waiting' };
  if (candidate.leadUnitId === null) return { dispatch: false, why: 'no_suggestion' };
  if (ticket.urgency === 'emergency' && !settings.allowEmergency)
    return { dispatch: false, why: 'emergency' };
  if (ticket.categoryId !== null && excluded.has(ticket.categoryId))
    return { dispatch: false, why: 'excluded' };
  if (candidate.confidence < settings.threshold) return { dispatch: false, why: 'below_threshold' };
  return { dispatch: true };
}

/** The excluded categories with every descendant (a category's parent is in `parentOf`). */
export function expandExclusions(
  excludedIds: readonly number[],
  parentOf: ReadonlyMap<number, number | null>,
): Set<number> {
  const roots = new Set(excludedIds);
  const out = new Set<number>();
  for (const id of parentOf.keys()) {
    let current: number | null | undefined = id;
    for (let depth = 0; current != null && depth < 5; depth++) {
      if (roots.has(current)) {
        out.add(id);
        break;
      }
      current = parentOf.get(current);
    }
  }
  for (const id of roots) out.add(id);
  return out;
}
