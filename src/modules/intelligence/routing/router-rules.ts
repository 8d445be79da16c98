// The router's rules (智能派单), pure: from the catalogue's rule and the history counts of a
// category in a place to ranked units with a confidence and the reasons for it.
//
// Confidence is a smoothed posterior share: the catalogue gives a prior (its lead unit starts at
// CATALOGUE_PRIOR, everyone else at 0); the history is then read from the widest place to the
// narrowest (other districts, other streets of the district, the street itself), each layer
// pulling the estimate towards its own share with PRIOR_WEIGHT pseudo-tickets of the layer before,
// so thin evidence stays close to the prior. A return or a redistribution away from a unit counts
// as a ticket that did not go to it: it lowers only that unit's share.
import type {
  ExplanationPart,
  HandlingRole,
  PlaceKind,
  RoutingCount,
  RouteSuggestion,
} from './routing-types.js';

/** How much the catalogue's rule is believed before any history (below a 0.9 threshold). */
export const CATALOGUE_PRIOR = 0.7;
/** Pseudo-tickets of the wider layer each narrower layer starts from. */
export const PRIOR_WEIGHT = 4;
/** Fewer similar tickets than this: the suggestion says its evidence is thin. */
export const THIN_EVIDENCE = 5;
/** A co-handler is suggested when its smoothed share of the lead's tickets reaches this. */
export const CO_HANDLER_SHARE = 0.5;
/** Alternatives below this confidence are not worth showing. */
const MIN_ALTERNATIVE = 0.05;
const MAX_ALTERNATIVES = 2;

export interface CatalogueMatch {
  ruleId: number;
  versionId: number;
  leadUnitId: number;
  coUnitIds: number[];
  districtSpecific: boolean;
  ancestorDistance: number;
}

export interface RouteQuery {
  /** The ticket's category, then its parent, then its grandparent. */
  categoryChain: ReadonlyArray<{ id: number; name: string }>;
  districtId: number | null;
  streetId: number | null;
  placeNames: ReadonlyMap<number, string>;
  catalogue: CatalogueMatch | null;
  /** Counts of every category of the chain, in the city, the district and the street. */
  counts: readonly RoutingCount[];
  /** Units that may be suggested (active handling units), with their names. */
  units: ReadonlyMap<number, string>;
}

interface Tally {
  handled: number;
  failed: number;
  returned: number;
  reassigned: number;
}

type Layer = Map<number, Tally>;

const emptyTally = (): Tally => ({ handled: 0, failed: 0, returned: 0, reassigned: 0 });

function tallies(counts: readonly RoutingCount[], role: HandlingRole): Layer {
  const out: Layer = new Map();
  for (const c of counts) {
    if (c.role !== role) continue;
    const t = out.get(c.unitId) ?? emptyTally();
    t.handled += c.handled;
    t.returned += c.returned;
    t.reassigned += c.reassigned;
    t.failed += c.returned + c.reassigned;
    out.set(c.unitId, t);
  }
  return out;
}

/** `wide` less `narrow`: the tickets of the wider place outside the narrower one. */
function minus(wide: Layer, narrow: Layer): Layer {
  const out: Layer = new Map();
  for (const [unitId, t] of wide) {
    const n = narrow.get(unitId) ?? emptyTally();
    const pos = (x: number) => Math.max(0, x);
    out.set(unitId, {
      handled: pos(t.handled - n.handled),
      failed: pos(t.failed - n.failed),
      returned: pos(t.returned - n.returned),
      reassigned: pos(t.reassigned - n.reassigned),
    });
  }
  return out;
}

const total = (layer: Layer) => [...layer.values()].reduce((sum, t) => sum + t.handled, 0);

/** One layer's update of every unit's estimate (the units of `prior` and of the layer). */
function update(prior: ReadonlyMap<number, number>, layer: Layer, n: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const unitId of new Set([...prior.keys(), ...layer.keys()])) {
    const t = layer.get(unitId) ?? emptyTally();
    const p = prior.get(unitId) ?? 0;
    out.set(unitId, (t.handled + PRIOR_WEIGHT * p) / (n + PRIOR_WEIGHT + t.failed));
  }
  return out;
}

interface Contexts {
  category: { id: number; name: string };
  broader: boolean;
  /** Inclusive counts, narrowest first: street, district, city (those that apply). */
  inclusive: Array<{ scope: PlaceKind; placeId: number | null; counts: RoutingCount[] }>;
}

/** The ticket's own category if it has any history, else the nearest ancestor that has. */
function contextsOf(query: RouteQuery): Contexts {
  const pick = (categoryId: number) => {
    const mine = query.counts.filter((c) => c.categoryId === categoryId);
    const at = (kind: PlaceKind, placeId: number) =>
      mine.filter((c) => c.placeKind === kind && c.placeId === placeId);
    const inclusive: Contexts['inclusive'] = [];
    if (query.streetId !== null)
      inclusive.push({
        scope: 'street',
        placeId: query.streetId,
        counts: at('street', query.streetId),
      });
    if (query.districtId !== null)
      inclusive.push({
        scope: 'district',
        placeId: query.districtId,
        counts: at('district', query.districtId),
      });
    inclusive.push({ scope: 'city', placeId: null, counts: at('city', 0) });
    return inclusive;
  };
  const [own, ...ancestors] = query.categoryChain;
  if (!own) return { category: { id: 0, name: '' }, broader: false, inclusive: [] };
  const ownContexts = pick(own.id);
  const hasHistory = (inclusive: Contexts['inclusive']) =>
    inclusive.some((ctx) => ctx.counts.some((c) => c.role === 'lead' && c.handled > 0));
  if (hasHistory(ownContexts)) return { category: own, broader: false, inclusive: ownContexts };
  for (const ancestor of ancestors) {
    const contexts = pick(ancestor.id);
    if (hasHistory(contexts)) return { category: ancestor, broader: true, inclusive: contexts };
  }
  return { category: own, broader: false, inclusive: ownContexts };
}

/** Smoothed estimates after reading the layers from the widest place to the narrowest. */
function estimate(
  contexts: Contexts,
  role: HandlingRole,
  prior: ReadonlyMap<number, number>,
): Map<number, number> {
  const leads = contexts.inclusive.map((ctx) => tallies(ctx.counts, 'lead'));
  const mine = role === 'lead' ? leads : contexts.inclusive.map((ctx) => tallies(ctx.counts, role));
  const layerOf = (inclusive: Layer[], i: number) =>
    i > 0 ? minus(inclusive[i]!, inclusive[i - 1]!) : inclusive[i]!;
  let current = new Map(prior);
  // Widest first; each layer holds only what the next narrower place does not. The share is of
  // the tickets handled there (a co-handler's share: of the lead units' tickets).
  for (let i = leads.length - 1; i >= 0; i--)
    current = update(current, layerOf(mine, i), total(layerOf(leads, i)));
  return current;
}

function historyParts(
  query: RouteQuery,
  contexts: Contexts,
  unitId: number,
  role: HandlingRole,
): ExplanationPart[] {
  // The narrowest place with any similar ticket handled: the most telling figure.
  const ctx = contexts.inclusive.find((c) => total(tallies(c.counts, 'lead')) > 0);
  if (!ctx) return [{ kind: 'no_history' }];
  const leads = tallies(ctx.counts, 'lead');
  const mine = tallies(ctx.counts, role).get(unitId) ?? emptyTally();
  const n = total(leads);
  const placeName = ctx.placeId === null ? null : (query.placeNames.get(ctx.placeId) ?? null);
  const parts: ExplanationPart[] = [
    {
      kind: 'history',
      scope: ctx.scope,
      placeId: ctx.placeId,
      placeName,
      categoryId: contexts.category.id,
      categoryName: contexts.category.name,
      broaderCategory: contexts.broader,
      count: round(mine.handled),
      total: round(n),
      share: n > 0 ? round(mine.handled / n, 4) : 0,
    },
  ];
  if (mine.returned > 0 || mine.reassigned > 0)
    parts.push({
      kind: 'returns',
      scope: ctx.scope,
      placeName,
      returned: round(mine.returned),
      reassigned: round(mine.reassigned),
    });
  if (n < THIN_EVIDENCE) parts.push({ kind: 'thin_evidence', total: round(n) });
  return parts;
}

function catalogueParts(query: RouteQuery, unitId: number, role: HandlingRole): ExplanationPart[] {
  const rule = query.catalogue;
  if (!rule) return [];
  const named = role === 'lead' ? rule.leadUnitId === unitId : rule.coUnitIds.includes(unitId);
  if (!named) return [];
  return [
    {
      kind: 'catalogue',
      ruleId: rule.ruleId,
      versionId: rule.versionId,
      role,
      districtSpecific: rule.districtSpecific,
      ancestorDistance: rule.ancestorDistance,
    },
  ];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The suggestions for one ticket: the lead unit first, then the co-handlers history or the rule
 * usually adds, then a few alternative leads; empty when nothing is known.
 */
export function routeTicket(query: RouteQuery): RouteSuggestion[] {
  const contexts = contextsOf(query);
  // A rule written for this district says other districts' habits do not apply here.
  if (query.catalogue?.districtSpecific && query.districtId !== null)
    contexts.inclusive = contexts.inclusive.filter((ctx) => ctx.scope !== 'city');
  const leadPrior = new Map<number, number>();
  if (query.catalogue) leadPrior.set(query.catalogue.leadUnitId, CATALOGUE_PRIOR);
  const leads = [...estimate(contexts, 'lead', leadPrior)]
    .filter(([unitId, p]) => p > 0 && query.units.has(unitId))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [best, ...rest] = leads;
  if (!best) return [];
  const suggestion = (unitId: number, confidence: number, role: HandlingRole): RouteSuggestion => ({
    unitId,
    unitName: query.units.get(unitId) ?? String(unitId),
    confidence: round(clamp(confidence), 4),
    role,
    explanation: [
      ...catalogueParts(query, unitId, role),
      ...historyParts(query, contexts, unitId, role),
    ],
  });
  const out = [suggestion(best[0], best[1], 'lead')];
  const coPrior = new Map<number, number>();
  for (const id of query.catalogue?.coUnitIds ?? []) coPrior.set(id, CATALOGUE_PRIOR);
  const coHandlers = [...estimate(contexts, 'co', coPrior)]
    .filter(([unitId, p]) => unitId !== best[0] && p >= CO_HANDLER_SHARE && query.units.has(unitId))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [unitId, p] of coHandlers) out.push(suggestion(unitId, p, 'co'));
  for (const [unitId, p] of rest.slice(0, MAX_ALTERNATIVES))
    if (p >= MIN_ALTERNATIVE) out.push(suggestion(unitId, p, 'lead'));
  return out;
}
