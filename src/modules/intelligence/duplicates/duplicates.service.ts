// Duplicates (并单): scored candidates for an appeal being taken, for a ticket in the dispatch
// queue, and the queue's "likely duplicate" flags; with the admin's consent, a new ticket from
// any channel that scores above the likely threshold is merged at once through the core's merge.
import { hasRole, requireRoles, type Actor, type Role } from '../../../platform/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { AuditLog } from '../../../platform/audit.js';
import type { Database } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import type { CatalogueModule } from '../../catalogue/index.js';
import type { MergeService } from '../../dispatch/index.js';
import {
  citizenVisibility,
  maskAddress,
  type Ticket,
  type TicketsModule,
  type TicketStatus,
} from '../../tickets/index.js';
import { compareAndSetState, eventsAfter, readState } from '../intelligence.repository.js';
import {
  DEFAULT_LIKELY_THRESHOLD,
  prepare,
  scoreDuplicate,
  SHOW_FLOOR,
  type DuplicateParts,
  type DuplicateSubject,
  type PreparedSubject,
} from './duplicate-scorer.js';
import {
  getCandidateRow,
  getCandidateRows,
  openCandidates,
  type CandidateRow,
} from './duplicates.repository.js';
import { ShingleStats } from './text-shingles.js';

/** Who may ask: the operator taking a call, the dispatch desk, a district coordinator. */
export const DUPLICATE_ROLES: readonly Role[] = ['operator', 'dispatcher', 'coordinator'];
/** Who may read the settings, and who may change them. */
export const SETTINGS_READ_ROLES: readonly Role[] = ['admin', 'dispatcher', 'supervisor'];
export const SETTINGS_WRITE_ROLES: readonly Role[] = ['admin'];

/** Candidates shown for one appeal. */
export const SHOWN = 5;
/** Open tickets read from the database per question, newest first. */
const POOL_LIMIT = 400;
/** Tickets per "likely duplicate" question from the queue. */
export const MAX_QUEUE_TICKETS = 100;
const SETTINGS_KEY = 'duplicates.settings';
const WATERMARK_KEY = 'duplicates.event_watermark';
const BATCH = 500;
const CATEGORY_CACHE_MS = 5_000;

export interface AppealDraft {
  title?: string | null;
  description?: string | null;
  categoryId?: number | null;
  districtId?: number | null;
  streetId?: number | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  /** When the appeal was made (ISO); default now. */
  at?: string | null;
}

export interface DuplicateCandidate {
  ticketId: number;
  number: string;
  title: string;
  status: TicketStatus;
  channel: string;
  districtId: number | null;
  /** Masked as the ticket list masks it. */
  address: string | null;
  createdAt: string;
  score: number;
  /** At or above the admin's likely-duplicate threshold. */
  likely: boolean;
  parts: DuplicateParts;
}

export interface DuplicateSettings {
  /** A candidate at or above this is a likely duplicate (疑似重复). */
  likelyThreshold: number;
  /** Merge a new ticket into its likely duplicate without asking (off unless the admin says so). */
  autoMerge: boolean;
  /** How many days back open tickets are compared. */
  windowDays: number;
  updatedAt: string | null;
  /** Since when automatic merging has been on: older tickets are never merged automatically. */
  autoMergeSince: string | null;
}

const DEFAULT_SETTINGS: DuplicateSettings = {
  likelyThreshold: DEFAULT_LIKELY_THRESHOLD,
  autoMerge: false,
  windowDays: 30,
  updatedAt: null,
  autoMergeSince: null,
};

export interface DuplicatesDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  catalogue: CatalogueModule;
  tickets: TicketsModule;
  merge: MergeService;
}

interface CategoryTree {
  topOf: Map<number, number>;
  subtree: Map<number, number[]>;
}

const trimmed = (s: string | null | undefined) => (s ?? '').trim();

export class DuplicatesService {
  private categories: { at: number; tree: Promise<CategoryTree> } | null = null;

  constructor(private readonly deps: DuplicatesDeps) {}

  /** Scored open tickets an appeal being taken may repeat, best first (top 5 above the floor). */
  async forDraft(actor: Actor, draft: AppealDraft): Promise<{ candidates: DuplicateCandidate[] }> {
    requireRoles(actor, DUPLICATE_ROLES, 'Only operators and the dispatch desk check duplicates');
    const subject = await this.subjectOfDraft(draft);
    return { candidates: await this.candidates(actor, subject, null) };
  }

  /** The same for a ticket the actor may see: open tickets made before it. */
  async forTicket(
    actor: Actor,
    ticketId: number,
  ): Promise<{ ticketId: number; likelyThreshold: number; candidates: DuplicateCandidate[] }> {
    requireRoles(actor, DUPLICATE_ROLES, 'Only operators and the dispatch desk check duplicates');
    const ticket = await this.deps.tickets.query.getVisibleTicket(actor, ticketId);
    const row = (await getCandidateRow(this.deps.database.db, ticket.id))!;
    const settings = await this.settingsNow();
    return {
      ticketId,
      likelyThreshold: settings.likelyThreshold,
      candidates: await this.candidates(actor, await this.subjectOfRow(row), row.id),
    };
  }

  /** For the dispatch queue: per ticket, its best candidate if it is a likely duplicate. */
  async likelyForTickets(
    actor: Actor,
    ticketIds: readonly number[],
  ): Promise<{ items: Array<{ ticketId: number; duplicateOf: DuplicateCandidate }> }> {
    requireRoles(actor, DUPLICATE_ROLES, 'Only operators and the dispatch desk check duplicates');
    if (ticketIds.length > MAX_QUEUE_TICKETS)
      throw new ValidationError(
        'ticketId',
        `At most ${MAX_QUEUE_TICKETS} tickets at once`,
        'VALIDATION_FAILED',
        { rule: 'maxItems', limit: MAX_QUEUE_TICKETS },
      );
    const items: Array<{ ticketId: number; duplicateOf: DuplicateCandidate }> = [];
    for (const ticketId of new Set(ticketIds)) {
      const row = await getCandidateRow(this.deps.database.db, ticketId);
      if (!row || row.status === 'closed' || row.status === 'merged') continue;
      // Tickets outside what the actor may see are left out, as a list leaves them out.
      const visible = await this.deps.tickets.query.getVisibleTicket(actor, ticketId).then(
        () => true,
        () => false,
      );
      if (!visible) continue;
      const best = (await this.candidates(actor, await this.subjectOfRow(row), row.id))[0];
      if (best?.likely) items.push({ ticketId, duplicateOf: best });
    }
    return { items };
  }

  async settings(actor: Actor): Promise<DuplicateSettings> {
    requireRoles(actor, SETTINGS_READ_ROLES);
    return this.settingsNow();
  }

  async updateSettings(
    actor: Actor,
    input: Partial<Pick<DuplicateSettings, 'likelyThreshold' | 'autoMerge' | 'windowDays'>>,
  ): Promise<DuplicateSettings> {
    requireRoles(actor, SETTINGS_WRITE_ROLES, 'Only an administrator changes duplicate settings');
    const t = input.likelyThreshold;
    if (t !== undefined && !(t >= SHOW_FLOOR && t <= 1))
      throw new ValidationError(
        'likelyThreshold',
        `likelyThreshold must be between ${SHOW_FLOOR} and 1`,
        'VALIDATION_FAILED',
        { rule: 'minimum', limit: SHOW_FLOOR },
      );
    const d = input.windowDays;
    if (d !== undefined && !(Number.isInteger(d) && d >= 1 && d <= 365))
      throw new ValidationError(
        'windowDays',
        'windowDays must be a whole number of days from 1 to 365',
        'VALIDATION_FAILED',
        { rule: 'maximum', limit: 365 },
      );
    const at = this.deps.clock.now().toISOString();
    return this.deps.database.write(async (trx) => {
      const raw = await readState(trx, SETTINGS_KEY);
      const before = parseSettings(raw);
      const autoMerge = input.autoMerge ?? before.autoMerge;
      const after: DuplicateSettings = {
        likelyThreshold: t ?? before.likelyThreshold,
        autoMerge,
        windowDays: d ?? before.windowDays,
        updatedAt: at,
        autoMergeSince: autoMerge ? (before.autoMerge ? before.autoMergeSince : at) : null,
      };
      if (!(await compareAndSetState(trx, SETTINGS_KEY, raw, JSON.stringify(after), at)))
        throw new Error('duplicate settings changed meanwhile');
      await this.deps.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'duplicates.settings',
        subjectType: 'intelligence_settings',
        subjectId: SETTINGS_KEY,
        detail: {
          before: {
            likelyThreshold: before.likelyThreshold,
            autoMerge: before.autoMerge,
            windowDays: before.windowDays,
          },
          after: {
            likelyThreshold: after.likelyThreshold,
            autoMerge: after.autoMerge,
            windowDays: after.windowDays,
          },
        },
      });
      return after;
    });
  }

  /**
   * Reads new tickets from the ticket event log (from any channel) and, when the admin enabled
   * it, merges each into its best candidate at or above the likely threshold, with no actor and
   * the step marked automatic. The watermark moves on whether or not merging is on.
   */
  async autoMergeFromEvents(): Promise<{ events: number; merged: number }> {
    const { database, clock } = this.deps;
    const mark = await readState(database.db, WATERMARK_KEY);
    const from = Number(mark ?? 0);
    const events = await eventsAfter(database.db, from, BATCH);
    if (events.length === 0) return { events: 0, merged: 0 };
    const settings = await this.settingsNow();
    let merged = 0;
    if (settings.autoMerge && settings.autoMergeSince !== null) {
      for (const event of events) {
        if (event.type !== 'created' || event.at < settings.autoMergeSince) continue;
        if (await this.autoMerge(event.ticketId, settings)) merged++;
      }
    }
    const next = events.at(-1)!.id;
    const at = clock.now().toISOString();
    await database.write((trx) => compareAndSetState(trx, WATERMARK_KEY, mark, String(next), at));
    return { events: events.length, merged };
  }

  private async autoMerge(ticketId: number, settings: DuplicateSettings): Promise<boolean> {
    const row = await getCandidateRow(this.deps.database.db, ticketId);
    if (!row || row.parent_id !== null || row.status === 'closed' || row.status === 'merged')
      return false;
    const subject = await this.subjectOfRow(row);
    const best = (await this.scored(subject, row.id, null, settings))[0];
    if (!best || best.score < settings.likelyThreshold) return false;
    try {
      await this.deps.merge.mergeBySystem(
        row.id,
        best.row.id,
        `自动并单：与 ${best.row.number} 相似度 ${best.score.toFixed(2)} / automatic merge: score ${best.score.toFixed(2)}`,
        { automatic: true, score: best.score, parts: best.parts },
      );
      return true;
    } catch {
      // The parent closed or was merged meanwhile: the queue still shows the likely duplicate.
      return false;
    }
  }

  private async settingsNow(): Promise<DuplicateSettings> {
    return parseSettings(await readState(this.deps.database.db, SETTINGS_KEY));
  }

  private async candidates(
    actor: Actor,
    subject: PreparedSubject,
    excludeId: number | null,
  ): Promise<DuplicateCandidate[]> {
    const settings = await this.settingsNow();
    const onlyDistrictId =
      hasRole(actor, 'operator', 'dispatcher') || actor.districtId === null
        ? null
        : actor.districtId;
    const scored = await this.scored(subject, excludeId, onlyDistrictId, settings);
    return scored.slice(0, SHOWN).map(({ row, score, parts }) => {
      const citizen = {
        confidential: row.confidential === 1,
        contactRequired: row.contact_required === 1,
      } as Ticket;
      const hidden = citizenVisibility(actor, citizen) === 'hidden';
      return {
        ticketId: row.id,
        number: row.number,
        title: row.title,
        status: row.status as TicketStatus,
        channel: row.channel,
        districtId: row.district_id,
        address: hidden ? null : maskAddress(row.address),
        createdAt: row.created_at,
        score,
        likely: score >= settings.likelyThreshold,
        parts,
      };
    });
  }

  /** The open tickets near the subject in place and time, scored, best first, above the floor. */
  private async scored(
    subject: PreparedSubject,
    excludeId: number | null,
    onlyDistrictId: number | null,
    settings: DuplicateSettings,
  ): Promise<Array<{ row: CandidateRow; score: number; parts: DuplicateParts }>> {
    const tree = await this.categoryTree();
    const top = subject.categoryTopId;
    const rows = await openCandidates(this.deps.database.db, {
      from: new Date(subject.at - settings.windowDays * 86_400_000).toISOString(),
      to: new Date(subject.at).toISOString(),
      districtId: subject.districtId,
      streetId: subject.streetId,
      lat: subject.lat,
      lng: subject.lng,
      kindCategoryIds: top === null ? null : (tree.subtree.get(top) ?? [top]),
      onlyDistrictId,
      excludeId,
      limit: POOL_LIMIT,
    });
    const prepared = await Promise.all(rows.map((r) => this.subjectOfRow(r, tree)));
    const stats = new ShingleStats();
    stats.add(subject.bag);
    for (const p of prepared) stats.add(p.bag);
    // A merged child speaks for its parent: the parent is the candidate, with the best of its family.
    const pool = new Map(rows.map((r) => [r.id, r]));
    const missing = [...new Set(rows.map((r) => r.parent_id))].filter(
      (id): id is number => id !== null && !pool.has(id),
    );
    for (const parent of await getCandidateRows(this.deps.database.db, missing))
      pool.set(parent.id, parent);
    const best = new Map<number, { row: CandidateRow; score: number; parts: DuplicateParts }>();
    rows.forEach((row, i) => {
      const root = pool.get(row.parent_id ?? row.id);
      if (!root || root.status === 'closed' || root.status === 'merged') return;
      if (root.id === excludeId) return;
      if (onlyDistrictId !== null && root.district_id !== onlyDistrictId) return;
      const { score, parts } = scoreDuplicate(subject, prepared[i]!, stats);
      const known = best.get(root.id);
      if (!known || score > known.score) best.set(root.id, { row: root, score, parts });
    });
    return [...best.values()]
      .filter((c) => c.score >= SHOW_FLOOR)
      .sort((a, b) => b.score - a.score || b.row.created_at.localeCompare(a.row.created_at));
  }

  private async subjectOfDraft(draft: AppealDraft): Promise<PreparedSubject> {
    const title = trimmed(draft.title);
    const description = trimmed(draft.description);
    if (!title && !description)
      throw new ValidationError(
        'description',
        'Say what the appeal is about: a title or a description',
        'VALIDATION_FAILED',
        { rule: 'required' },
      );
    const lat = draft.lat ?? null;
    const lng = draft.lng ?? null;
    if ((lat === null) !== (lng === null))
      throw new ValidationError('lat', 'Give both lat and lng, or neither', 'VALIDATION_FAILED', {
        rule: 'required',
      });
    let at = this.deps.clock.now().getTime();
    if (draft.at) {
      at = Date.parse(draft.at);
      if (Number.isNaN(at))
        throw new ValidationError('at', 'at must be an ISO 8601 time', 'VALIDATION_FAILED', {
          rule: 'format',
        });
    }
    const tree = await this.categoryTree();
    const categoryId = draft.categoryId ?? null;
    return prepare({
      title,
      description,
      categoryId,
      categoryTopId: categoryId === null ? null : (tree.topOf.get(categoryId) ?? categoryId),
      districtId: draft.districtId ?? null,
      streetId: draft.streetId ?? null,
      address: trimmed(draft.address) || null,
      lat,
      lng,
      at,
    });
  }

  private async subjectOfRow(row: CandidateRow, known?: CategoryTree): Promise<PreparedSubject> {
    const tree = known ?? (await this.categoryTree());
    const subject: DuplicateSubject = {
      title: row.title,
      description: row.description,
      categoryId: row.category_id,
      categoryTopId:
        row.category_id === null ? null : (tree.topOf.get(row.category_id) ?? row.category_id),
      districtId: row.district_id,
      streetId: row.street_id,
      address: row.address,
      lat: row.lat,
      lng: row.lng,
      at: Date.parse(row.created_at),
    };
    return prepare(subject);
  }

  private categoryTree(): Promise<CategoryTree> {
    const now = this.deps.clock.now().getTime();
    if (!this.categories || Math.abs(now - this.categories.at) > CATEGORY_CACHE_MS) {
      const tree = this.readTree();
      this.categories = { at: now, tree };
      tree.catch(() => (this.categories = null));
    }
    return this.categories.tree;
  }

  private async readTree(): Promise<CategoryTree> {
    const list = await this.deps.catalogue.categories.listCategories({ includeInactive: true });
    const parent = new Map(list.map((c) => [c.id, c.parentId]));
    const topOf = new Map<number, number>();
    const subtree = new Map<number, number[]>();
    for (const c of list) {
      let top = c.id;
      for (let p = parent.get(top); p !== null && p !== undefined; p = parent.get(top)) top = p;
      topOf.set(c.id, top);
      subtree.set(top, [...(subtree.get(top) ?? []), c.id]);
    }
    return { topOf, subtree };
  }
}

function parseSettings(raw: string | undefined): DuplicateSettings {
  if (!raw) return { ...DEFAULT_SETTINGS };
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<DuplicateSettings>) };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}
