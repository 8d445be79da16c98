import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { readSettingRows, writeSetting } from './supervision.repository.js';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type SupervisionSettings,
} from './supervision-rules.js';

export interface SupervisionSettingsView extends SupervisionSettings {
  /** The rules as shipped, for the admin's "reset". */
  defaults: SupervisionSettings;
  updatedAt: string | null;
}

/** Where the scanner reads the rules in force. */
export type SettingsSource = Pick<SupervisionSettingsService, 'current'>;

const KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof SupervisionSettings>;

/**
 * The supervision rules (near share, automatic reminders, escalation thresholds), kept in the
 * database so every app instance reads the same; read afresh by each scan (one small query a
 * minute), so an edit counts from the next scan on every instance.
 */
export class SupervisionSettingsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The rules in force (defaults where the admin set nothing). */
  async current(): Promise<SupervisionSettings> {
    return (await this.read()).settings;
  }

  /** The admin's (and supervisors') view of the rules. */
  async view(actor: Actor): Promise<SupervisionSettingsView> {
    requireRoles(actor, ['admin', 'supervisor'], 'Only admins and supervisors see these rules');
    const { settings, updatedAt } = await this.read();
    return { ...settings, defaults: { ...DEFAULT_SETTINGS }, updatedAt };
  }

  /** Changes some rules; every change is audited with its old and new values. */
  async update(
    actor: Actor,
    patch: Partial<SupervisionSettings>,
  ): Promise<SupervisionSettingsView> {
    requireRoles(actor, ['admin'], 'Only an admin changes the supervision rules');
    const before = await this.current();
    const after = applySettingsPatch(before, patch);
    const changed = KEYS.filter(
      (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
    if (changed.length > 0) {
      const at = this.clock.now().toISOString();
      await this.database.write(async (trx) => {
        for (const key of changed)
          await writeSetting(trx, { key, value: JSON.stringify(after[key]), by: actor.userId, at });
        await this.audit.recordIn(trx, {
          actorId: actor.userId,
          action: 'supervision_settings.update',
          subjectType: 'supervision_settings',
          subjectId: 'rules',
          detail: Object.fromEntries(
            changed.map((key) => [key, { from: before[key], to: after[key] }]),
          ),
        });
      });
    }
    return this.view(actor);
  }

  private async read(): Promise<{ settings: SupervisionSettings; updatedAt: string | null }> {
    const rows = await readSettingRows(this.database.db);
    const settings: SupervisionSettings = { ...DEFAULT_SETTINGS };
    let updatedAt: string | null = null;
    for (const row of rows) {
      if (!(KEYS as string[]).includes(row.key)) continue;
      const value = JSON.parse(row.value) as never;
      (settings as unknown as Record<string, unknown>)[row.key] = value;
      if (updatedAt === null || row.updatedAt > updatedAt) updatedAt = row.updatedAt;
    }
    return { settings, updatedAt };
  }
}
