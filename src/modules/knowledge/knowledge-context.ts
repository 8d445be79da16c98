import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import type { CategoryService } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { ArticleContent } from './article.js';
import { hasRole } from '../../platform/actor.js';
import type { KnowledgeActor } from './knowledge-access.js';
import type { KnowledgeSearchIndex } from './search/search-types.js';

/** What the knowledge services share: the database, "today" in the centre, units and categories. */
export class KnowledgeContext {
  constructor(
    readonly database: Database,
    readonly clock: Clock,
    readonly timeZone: string,
    readonly organisation: OrganisationService,
    readonly categories: CategoryService,
    readonly index: KnowledgeSearchIndex,
  ) {}

  /** Today's date in the centre's time zone: expiry and review dates are calendar dates there. */
  today(): string {
    return localDate(this.clock.now(), this.timeZone);
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /** The actor and whether they edit for the centre. */
  async who(actor: Actor): Promise<KnowledgeActor> {
    if (!hasRole(actor, 'kb_editor')) return { actor, centreEditor: false };
    const unit = await this.organisation.getUnit(actor.unitId);
    return { actor, centreEditor: unit.type === 'centre' };
  }

  /** Refuses content naming an inactive or unknown owner unit or category. */
  async checkReferences(content: ArticleContent): Promise<void> {
    const units = await this.organisation.getUnits([content.ownerUnitId]);
    if (!units.get(content.ownerUnitId)?.active) {
      throw new ValidationError(
        'ownerUnitId',
        `ownerUnitId ${content.ownerUnitId} is not an active unit`,
      );
    }
    if (content.categoryIds.length === 0) return;
    const active = new Set((await this.categories.listCategories()).map((c) => c.id));
    const unknown = content.categoryIds.find((id) => !active.has(id));
    if (unknown !== undefined) {
      throw new ValidationError('categoryIds', `categoryIds: ${unknown} is not an active category`);
    }
  }
}
