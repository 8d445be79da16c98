import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';

/** One setting of a channel adapter: an endpoint, a key, a secret. */
export interface ChannelSettingSpec {
  key: string;
  /** Secrets are never sent back to a browser nor logged: the admin sees only whether one is set. */
  secret?: boolean;
  /** What it is, for the admin's screen (English; the screen translates known keys). */
  description: string;
  default?: string;
  /** A value must match, e.g. /^https?:\/\// for a URL; the error names the rule. */
  pattern?: RegExp;
  patternRule?: string;
}

export interface ChannelSettingView {
  key: string;
  description: string;
  secret: boolean;
  /** The value; null for a secret (see `set`) or a setting never given. */
  value: string | null;
  /** Whether a value is stored (for secrets, the only thing shown). */
  set: boolean;
  updatedAt: string | null;
}

export interface ChannelView {
  channel: string;
  settings: ChannelSettingView[];
}

const MAX_VALUE = 4000;

/**
 * The admin's settings of each channel adapter, kept in the database so that every app instance
 * reads the same; adapters register what they need at composition and read values per use.
 */
export class ChannelSettingsService {
  private readonly specs = new Map<string, ChannelSettingSpec[]>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Called once per adapter by the composition root. */
  register(channel: string, specs: ChannelSettingSpec[]): void {
    if (this.specs.has(channel)) throw new Error(`channel ${channel} registered twice`);
    this.specs.set(channel, specs);
  }

  /** Every value of a channel (defaults where none is stored): for the adapter, server-side only. */
  async values(channel: string): Promise<Record<string, string | null>> {
    const specs = this.specsOf(channel);
    const stored = await this.stored(channel);
    return Object.fromEntries(
      specs.map((spec) => [spec.key, stored.get(spec.key)?.value ?? spec.default ?? null]),
    );
  }

  /** The admin's view: every registered channel, secrets masked. */
  async list(actor: Actor): Promise<ChannelView[]> {
    requireRoles(actor, ['admin'], 'Only an admin manages channel settings');
    const views: ChannelView[] = [];
    for (const channel of [...this.specs.keys()].sort()) views.push(await this.view(channel));
    return views;
  }

  /** Sets (or, with null or '', clears) some settings of a channel; every change is audited without its value. */
  async update(
    actor: Actor,
    channel: string,
    values: Record<string, string | null>,
  ): Promise<ChannelView> {
    requireRoles(actor, ['admin'], 'Only an admin manages channel settings');
    const specs = this.specsOf(channel);
    const changes: Array<{ key: string; value: string | null }> = [];
    for (const [key, raw] of Object.entries(values)) {
      const spec = specs.find((s) => s.key === key);
      if (!spec) {
        throw new ValidationError(
          key,
          `${key} is not a setting of channel ${channel}`,
          'VALIDATION_FAILED',
          {
            rule: 'enum',
            allowed: specs.map((s) => s.key),
          },
        );
      }
      const value = raw === null ? null : raw.trim() === '' ? null : raw.trim();
      if (value !== null && value.length > MAX_VALUE) {
        throw new ValidationError(
          key,
          `${key} must be at most ${MAX_VALUE} characters`,
          'VALIDATION_FAILED',
          {
            rule: 'maxLength',
            limit: MAX_VALUE,
          },
        );
      }
      if (value !== null && spec.pattern && !spec.pattern.test(value)) {
        throw new ValidationError(
          key,
          `${key} must be ${spec.patternRule ?? spec.pattern.source}`,
          'VALIDATION_FAILED',
          {
            rule: 'pattern',
          },
        );
      }
      changes.push({ key, value });
    }
    const at = this.clock.now().toISOString();
    await this.database.write(async (trx) => {
      for (const { key, value } of changes) {
        await trx
          .deleteFrom('channel_settings')
          .where('channel', '=', channel)
          .where('key', '=', key)
          .execute();
        if (value !== null) {
          await trx
            .insertInto('channel_settings')
            .values({ channel, key, value, updated_by: actor.userId, updated_at: at })
            .execute();
        }
      }
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'channel_settings.update',
        subjectType: 'channel',
        subjectId: channel,
        // Which keys changed, never their values.
        detail: { keys: changes.map((c) => c.key) },
      });
    });
    return this.view(channel);
  }

  private specsOf(channel: string): ChannelSettingSpec[] {
    const specs = this.specs.get(channel);
    if (!specs) throw new NotFoundError('Channel', channel, 'CHANNEL_NOT_FOUND');
    return specs;
  }

  private async stored(channel: string) {
    const rows = await this.database.db
      .selectFrom('channel_settings')
      .select(['key', 'value', 'updated_at'])
      .where('channel', '=', channel)
      .execute();
    return new Map(rows.map((row) => [row.key, row]));
  }

  private async view(channel: string): Promise<ChannelView> {
    const stored = await this.stored(channel);
    return {
      channel,
      settings: this.specsOf(channel).map((spec) => {
        const row = stored.get(spec.key);
        return {
          key: spec.key,
          description: spec.description,
          secret: spec.secret ?? false,
          value: spec.secret ? null : (row?.value ?? spec.default ?? null),
          set: row !== undefined,
          updatedAt: row?.updated_at ?? null,
        };
      }),
    };
  }
}
