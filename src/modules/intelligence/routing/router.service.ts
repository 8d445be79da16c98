// The router: gathers what its rules need for one ticket (the category chain, the catalogue's
// rule, the history counts, the units) and ranks the units.
import type { IntelligenceContext } from '../intelligence-context.js';
import type { Executor } from '../intelligence.repository.js';
import { routeTicket, type CatalogueMatch } from './router-rules.js';
import type { RoutingTicket } from './routing-evidence.js';
import { countsFor, evidenceVersion, unitNames } from './routing.repository.js';
import type { RouteSuggestion } from './routing-types.js';

/** What is read outside a write: the category chain and the catalogue's rule. */
export interface PreparedRoute {
  chain: Array<{ id: number; name: string }>;
  catalogue: CatalogueMatch | null;
  catalogueVersionId: number | null;
}

export interface RouteResult {
  suggestions: RouteSuggestion[];
  evidenceVersion: number;
  catalogueVersionId: number | null;
}

type Place = Pick<RoutingTicket, 'categoryId' | 'districtId' | 'streetId'>;

export class Router {
  constructor(private readonly context: IntelligenceContext) {}

  /** The category and its ancestors, own first (empty for an unknown category). */
  async categoryChain(categoryId: number | null): Promise<Array<{ id: number; name: string }>> {
    if (categoryId === null) return [];
    const { categories } = await this.context.deploymentTree();
    const chain: Array<{ id: number; name: string }> = [];
    let current = categories.get(categoryId);
    while (current && chain.length < 3) {
      chain.push({ id: current.id, name: current.name });
      current = current.parentId === null ? undefined : categories.get(current.parentId);
    }
    return chain;
  }

  /** Reads, outside any write, what does not change with the history. */
  async prepare(ticket: Place): Promise<PreparedRoute> {
    const chain = await this.categoryChain(ticket.categoryId);
    if (chain.length === 0 || ticket.categoryId === null)
      return { chain, catalogue: null, catalogueVersionId: null };
    const explained = await this.context.catalogue.catalogue.explainCurrent(
      ticket.categoryId,
      ticket.districtId,
    );
    const { rule, suggestion } = explained;
    const catalogue =
      rule && suggestion && explained.versionId !== null
        ? {
            ruleId: rule.id,
            versionId: explained.versionId,
            leadUnitId: suggestion.leadUnitId,
            coUnitIds: suggestion.coUnitIds,
            districtSpecific: explained.districtSpecific ?? false,
            ancestorDistance: explained.ancestorDistance ?? 0,
          }
        : null;
    return { chain, catalogue, catalogueVersionId: explained.versionId };
  }

  /** Ranks the units for the ticket; `db` may be a write's transaction (it sees its counts). */
  async route(db: Executor, ticket: Place, prepared: PreparedRoute): Promise<RouteResult> {
    const version = await evidenceVersion(db);
    const empty = { suggestions: [], evidenceVersion: version };
    if (prepared.chain.length === 0)
      return { ...empty, catalogueVersionId: prepared.catalogueVersionId };
    const counts = await countsFor(
      db,
      prepared.chain.map((c) => c.id),
      ticket.districtId,
      ticket.streetId,
    );
    const unitIds = [
      ...counts.map((c) => c.unitId),
      ...(prepared.catalogue
        ? [prepared.catalogue.leadUnitId, ...prepared.catalogue.coUnitIds]
        : []),
    ];
    const places = [ticket.districtId, ticket.streetId].filter((id) => id !== null);
    const { names, handling } = await unitNames(db, [...unitIds, ...places]);
    const units = new Map([...handling].map((id) => [id, names.get(id) ?? String(id)]));
    const suggestions = routeTicket({
      categoryChain: prepared.chain,
      districtId: ticket.districtId,
      streetId: ticket.streetId,
      placeNames: names,
      catalogue: prepared.catalogue,
      counts,
      units,
    });
    return {
      suggestions,
      evidenceVersion: version,
      catalogueVersionId: prepared.catalogueVersionId,
    };
  }

  /** Both steps at once, outside a write. */
  async routeNow(ticket: Place): Promise<RouteResult> {
    return this.route(this.context.database.db, ticket, await this.prepare(ticket));
  }
}
