import { requireRoles, type Actor } from '../../../platform/actor.js';
import type { AuditLog } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import { insertSettings, latestSettings } from './routing.repository.js';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from './routing-types.js';

/** The lowest threshold an admin may set: below it the router would guess more than it knows. */
export const MIN_THRESHOLD = 0.5;
const MAX_EXCLUSIONS = 200;

export interface RoutingSettingsView extends RoutingSettings {
  defaults: RoutingSettings;
  changedAt: string | null;
  changedBy: number | null;
}

/** Who sees the auto-dispatch settings; only admins change them. */
const SETTINGS_READ_ROLES = ['admin', 'supervisor'] as const;

/**
 * Auto-dispatch settings (智能派单): on or off, the confidence threshold, emergencies, excluded
 * categories. Each change is a new row (the history) and an audit entry.
 */
export class RoutingSettingsService {
  constructor(
    private readonly context: IntelligenceContext,
    private readonly audit: AuditLog,
  ) {}

  /** The settings in force (defaults until an admin saves). */
  async current(): Promise<RoutingSettings> {
    return (
      (await latestSettings(this.context.database.db))?.settings ?? {
        ...DEFAULT_ROUTING_SETTINGS,
      }
    );
  }

  async view(actor: Actor): Promise<RoutingSettingsView> {
    requireRoles(actor, [...SETTINGS_READ_ROLES], 'Only admins and supervisors see these settings');
    const row = await latestSettings(this.context.database.db);
    return {
      ...(row?.settings ?? DEFAULT_ROUTING_SETTINGS),
      defaults: { ...DEFAULT_ROUTING_SETTINGS },
      changedAt: row?.changedAt ?? null,
      changedBy: row?.changedBy ?? null,
    };
  }

  /** Saves a change (what is not given stays); audited with the old and new values. */
  async update(actor: Actor, patch: Partial<RoutingSettings>): Promise<RoutingSettingsView> {
    requireRoles(actor, ['admin'], 'Only an admin changes the auto-dispatch settings');
    const before = await this.current();
    const after: RoutingSettings = { ...before, ...patch };
    await this.check(after);
    after.excludedCategoryIds = [...new Set(after.excludedCategoryIds)].sort((a, b) => a - b);
    const changed = (Object.keys(after) as Array<keyof RoutingSettings>).filter(
      (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
    if (changed.length > 0) {
      const { database, clock } = this.context;
      await database.write(async (trx) => {
        await insertSettings(trx, after, actor.userId, clock.now().toISOString());
        await this.audit.recordIn(trx, {
          actorId: actor.userId,
          action: 'routing_settings.update',
          subjectType: 'routing_settings',
          subjectId: 'auto_dispatch',
          detail: Object.fromEntries(
            changed.map((key) => [key, { from: before[key], to: after[key] }]),
          ),
        });
      });
    }
    return this.view(actor);
  }

  private async check(settings: RoutingSettings): Promise<void> {
    const { threshold, excludedCategoryIds } = settings;
    if (!(threshold >= MIN_THRESHOLD && threshold <= 1))
      throw new ValidationError(
        'threshold',
        `The threshold is between ${MIN_THRESHOLD} and 1`,
        'VALIDATION_FAILED',
        threshold < MIN_THRESHOLD
          ? { rule: 'minimum', limit: MIN_THRESHOLD }
          : { rule: 'maximum', limit: 1 },
      );
    if (excludedCategoryIds.length > MAX_EXCLUSIONS)
      throw new ValidationError(
        'excludedCategoryIds',
        `At most ${MAX_EXCLUSIONS} excluded categories`,
        'VALIDATION_FAILED',
        { rule: 'maxItems', limit: MAX_EXCLUSIONS },
      );
    const { categories } = await this.context.deploymentTree({ fresh: true });
    const unknown = excludedCategoryIds.find((id) => !categories.has(id));
    if (unknown !== undefined)
      throw new ValidationError(
        'excludedCategoryIds',
        `Category ${unknown} does not exist`,
        'CATEGORY_NOT_FOUND',
        { rule: 'exists' },
      );
  }
}
