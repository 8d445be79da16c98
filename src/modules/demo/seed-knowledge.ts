import type { Insertable } from 'kysely';
import type { Services } from '../../composition.js';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import type { KnowledgeUseTable } from '../../platform/db/schema.js';
import { hashPassword } from '../../platform/password.js';
import { localDate } from '../../platform/time-zone.js';
import type { KnowledgeArticle } from '../knowledge/index.js';
import {
  KNOWLEDGE_ARTICLES,
  KNOWLEDGE_GAPS,
  type KnowledgeArticleSeed,
} from './data/knowledge-articles.js';
import type { SeededLeaf } from './seed-categories.js';
import { DEMO_PASSWORD } from './seed-users.js';
import { runAt } from './sim-time.js';
import { DAY, HOUR } from './timing.js';

// The knowledge base of the demo: articles written by the units' editors and approved by the
// centre's, through the knowledge services on the simulated clock; then, from the history, the
// direct answers given with an article and the questions nobody found an answer to.

export interface KnowledgeSeedDeps {
  database: Database;
  /** The services of the simulation (their clock is the simulated one). */
  services: Services;
  leaves: readonly SeededLeaf[];
  /** The operators who record gaps. */
  operators: readonly Actor[];
  start: number;
  end: number;
  timeZone: string;
}

/** Seeds the knowledge base; returns how many articles it wrote. */
export async function seedKnowledge(deps: KnowledgeSeedDeps): Promise<number> {
  const editors = await seedEditors(deps);
  const centreEditor = editors.get('luzhou-12345');
  if (!centreEditor) throw new Error('the demo needs the kbeditor login at the centre');
  const leafIds = new Map(deps.leaves.map((leaf) => [leaf.path[2], leaf.id]));
  const span = deps.end - deps.start;
  const day = (daysFromNow: number) =>
    localDate(new Date(deps.end + daysFromNow * DAY), deps.timeZone);
  const { articles } = deps.services.knowledge;
  for (const seed of [...KNOWLEDGE_ARTICLES].sort((a, b) => a.written - b.written)) {
    const editor = editors.get(seed.owner);
    if (!editor) throw new Error(`no knowledge editor for ${seed.owner}`);
    const at = deps.start + Math.floor(seed.written * span);
    const created = await runAt(at, () =>
      articles.create(editor, {
        title: seed.title,
        body: seed.body,
        categoryIds: seed.categories.map((name) => {
          const id = leafIds.get(name);
          if (id === undefined) throw new Error(`no demo category ${name}`);
          return id;
        }),
        keywords: seed.keywords,
        synonyms: seed.synonyms ?? [],
        audience: seed.audience,
        ...(seed.reviewInDays !== undefined ? { reviewBy: day(seed.reviewInDays) } : {}),
        ...(seed.expiresInDays !== undefined ? { expiresOn: day(seed.expiresInDays) } : {}),
      }),
    );
    await playLife(deps, seed, created, { editor, centreEditor, at });
  }
  await seedUses(deps);
  await seedGaps(deps, leafIds);
  return KNOWLEDGE_ARTICLES.length;
}

/** Submit, approve, revise and retire as the seed says, a little later each time. */
async function playLife(
  deps: KnowledgeSeedDeps,
  seed: KnowledgeArticleSeed,
  article: KnowledgeArticle,
  who: { editor: Actor; centreEditor: Actor; at: number },
): Promise<void> {
  const { articles } = deps.services.knowledge;
  const state = seed.state ?? 'published';
  if (state === 'draft') return;
  const publish = async (at: number, version: number) => {
    await runAt(at + 2 * HOUR, () =>
      articles.submit(who.editor, article.id, { expectedVersion: version }),
    );
    if (state === 'in_review') return;
    await runAt(at + DAY, () =>
      articles.approve(who.centreEditor, article.id, { expectedVersion: version }),
    );
  };
  await publish(who.at, 1);
  if (seed.revised) {
    const at = deps.start + Math.floor(seed.revised.at * (deps.end - deps.start));
    await runAt(at, () =>
      articles.update(who.editor, article.id, {
        body: seed.revised!.body,
        note: seed.revised!.note,
        expectedVersion: 1,
      }),
    );
    await publish(at, 2);
  }
  if (state === 'retired') {
    await runAt(Math.min(who.at + 20 * DAY, deps.end - HOUR), () =>
      articles.retire(who.editor, article.id, { reason: '通知已过期，不再适用' }),
    );
  }
}

/** A knowledge editor for each owner unit (the centre's is the kbeditor demo login). */
async function seedEditors(deps: KnowledgeSeedDeps): Promise<Map<string, Actor>> {
  const codes = [...new Set(KNOWLEDGE_ARTICLES.map((a) => a.owner))];
  const units = await deps.database.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'district_id'])
    .where('code', 'in', codes)
    .execute();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = new Date(deps.start - DAY).toISOString();
  const editors = new Map<string, Actor>();
  const centre = await deps.database.db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'users.unit_id', 'units.code'])
    .where('users.username', '=', 'kbeditor')
    .executeTakeFirst();
  if (centre) {
    editors.set(centre.code, {
      userId: centre.id,
      username: 'kbeditor',
      displayName: centre.display_name,
      unitId: centre.unit_id,
      districtId: null,
      roles: ['kb_editor'],
      via: 'session',
    });
  }
  await deps.database.write(async (trx) => {
    for (const unit of units) {
      if (editors.has(unit.code)) continue;
      const username = `kb-${unit.code}`;
      const { id } = await trx
        .insertInto('users')
        .values({
          username,
          display_name: `${unit.name}知识库管理员`,
          password_hash: passwordHash,
          unit_id: unit.id,
          active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: id, role: 'kb_editor' }).execute();
      editors.set(unit.code, {
        userId: id,
        username,
        displayName: `${unit.name}知识库管理员`,
        unitId: unit.id,
        districtId: unit.district_id,
        roles: ['kb_editor'],
        via: 'session',
      });
    }
  });
  return editors;
}

/**
 * Most direct answers of the history in a category an article covers were given with it: they
 * are recorded as its uses (the others were answered from the operator's own knowledge).
 */
async function seedUses(deps: KnowledgeSeedDeps): Promise<void> {
  const db = deps.database.db;
  // Every version that went live, oldest first: a use names the version live at the time.
  const published = await db
    .selectFrom('knowledge_versions as v')
    .innerJoin('knowledge_articles as a', 'a.id', 'v.article_id')
    .select(['v.article_id', 'v.version', 'v.category_ids', 'v.published_at'])
    .where('a.state', '=', 'published')
    .where('v.published_at', 'is not', null)
    .orderBy('v.published_at')
    .execute();
  const answered = await db
    .selectFrom('tickets')
    .select(['id', 'category_id', 'closed_at', 'created_by'])
    .where('resolution', '=', 'direct_answer')
    .where('category_id', 'is not', null)
    .orderBy('id')
    .execute();
  const uses: Insertable<KnowledgeUseTable>[] = [];
  for (const [index, ticket] of answered.entries()) {
    const closedAt = ticket.closed_at;
    if (index % 4 === 3 || !closedAt || ticket.created_by === null) continue;
    const live = published.filter(
      (v) =>
        v.published_at! <= closedAt &&
        (JSON.parse(v.category_ids) as number[]).includes(ticket.category_id!),
    );
    const version = live[live.length - 1];
    if (!version) continue;
    uses.push({
      article_id: version.article_id,
      version: version.version,
      ticket_id: ticket.id,
      actor_id: ticket.created_by,
      category_id: ticket.category_id,
      used_at: closedAt,
    });
  }
  if (uses.length === 0) return;
  await deps.database.write(async (trx) => {
    for (let i = 0; i < uses.length; i += 200) {
      await trx
        .insertInto('knowledge_uses')
        .values(uses.slice(i, i + 200))
        .execute();
    }
  });
}

/** Questions the operators found no answer to, over the last weeks of the history. */
async function seedGaps(deps: KnowledgeSeedDeps, leafIds: Map<string, number>): Promise<void> {
  const operator = deps.operators[0];
  if (!operator) return;
  const weeks = Math.min(6 * 7 * DAY, deps.end - deps.start);
  for (const [index, gap] of KNOWLEDGE_GAPS.entries()) {
    const at = deps.end - weeks + Math.floor(((index + 0.5) / KNOWLEDGE_GAPS.length) * weeks);
    const categoryId = gap.category === null ? null : (leafIds.get(gap.category) ?? null);
    await runAt(at, () =>
      deps.services.knowledge.assist.recordGap(operator, { text: gap.text, categoryId }),
    );
  }
}
