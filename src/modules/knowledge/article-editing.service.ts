import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAuditIn } from '../../platform/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ArticleInput, KnowledgeArticle } from './article.js';
import {
  assertStep,
  assertVersion,
  buildContent,
  LIMITS,
  optionalText,
  requireText,
  type ArticleStep,
} from './article-rules.js';
import { toViews } from './article-views.js';
import { indexedArticle, SUBJECT, writeNewArticle, writeNewVersion } from './article-writer.js';
import {
  findArticle,
  lockArticle,
  markVersionPublished,
  updateArticle,
  type ArticleRecord,
} from './articles.repository.js';
import {
  assertCanEdit,
  assertCanOwn,
  assertCentreEditor,
  requireEditor,
} from './knowledge-access.js';
import type { KnowledgeContext } from './knowledge-context.js';

export interface UpdateArticleInput extends ArticleInput {
  expectedVersion?: number;
}

/** The editorial life of an article: draft → in_review → published → retired, every version kept. */
export class ArticleEditingService {
  constructor(private readonly context: KnowledgeContext) {}

  /** A new article in draft (version 1), owned by the editor's unit unless a centre editor says otherwise. */
  async create(actor: Actor, input: ArticleInput): Promise<KnowledgeArticle> {
    requireEditor(actor);
    const who = await this.context.who(actor);
    const content = buildContent(input, null, {
      ownerUnitId: actor.unitId,
      today: this.context.today(),
    });
    const note = optionalText('note', input.note, LIMITS.note);
    assertCanOwn(who, content.ownerUnitId);
    await this.context.checkReferences(content);
    const id = await this.context.database.write((trx) =>
      writeNewArticle(trx, content, { actor, at: this.context.now(), note }),
    );
    return this.view(id);
  }

  /**
   * A new version of the working copy; an article in review or published goes back to draft,
   * and its live version stays live until the new one is approved.
   */
  async update(actor: Actor, id: number, input: UpdateArticleInput): Promise<KnowledgeArticle> {
    requireEditor(actor);
    const who = await this.context.who(actor);
    const current = await this.load(id);
    assertCanEdit(who, current.content.ownerUnitId);
    const content = buildContent(input, current.content, {
      ownerUnitId: actor.unitId,
      today: this.context.today(),
    });
    const note = optionalText('note', input.note, LIMITS.note);
    assertCanOwn(who, content.ownerUnitId);
    await this.context.checkReferences(content);
    await this.step(id, async (trx, article) => {
      assertCanEdit(who, article.content.ownerUnitId);
      assertVersion(article.version, input.expectedVersion);
      await writeNewVersion(trx, article, content, { actor, at: this.context.now(), note });
    });
    return this.view(id);
  }

  /** draft → in_review: the owner unit asks the centre to publish. */
  async submit(
    actor: Actor,
    id: number,
    input: { expectedVersion?: number },
  ): Promise<KnowledgeArticle> {
    const who = await this.context.who(actor);
    await this.transition(actor, id, 'submit', input.expectedVersion, async (trx, article, at) => {
      assertCanEdit(who, article.content.ownerUnitId);
      await updateArticle(trx, id, {
        state: 'in_review',
        ...this.stamp(actor, at),
        ...NO_REJECTION,
      });
      return { version: article.version };
    });
    return this.view(id);
  }

  /** in_review → published by a centre editor: the version goes live and into search. */
  async approve(
    actor: Actor,
    id: number,
    input: { expectedVersion?: number; note?: string | null },
  ): Promise<KnowledgeArticle> {
    const who = await this.context.who(actor);
    assertCentreEditor(who);
    const note = optionalText('note', input.note, LIMITS.note);
    await this.transition(actor, id, 'approve', input.expectedVersion, async (trx, article, at) => {
      await markVersionPublished(trx, id, article.version, { actorId: actor.userId, at, note });
      await updateArticle(trx, id, {
        state: 'published',
        published_version: article.version,
        published_at: at,
        retired_at: null,
        ...this.stamp(actor, at),
        ...NO_REJECTION,
      });
      await this.context.index.put(trx, indexedArticle(id, article.content));
      return { version: article.version, note };
    });
    return this.view(id);
  }

  /** in_review → draft by a centre editor, with the reason the owner unit reads. */
  async reject(
    actor: Actor,
    id: number,
    input: { expectedVersion?: number; reason: string },
  ): Promise<KnowledgeArticle> {
    const who = await this.context.who(actor);
    assertCentreEditor(who);
    const reason = requireText('reason', input.reason, LIMITS.reason);
    await this.transition(actor, id, 'reject', input.expectedVersion, async (trx, article, at) => {
      await updateArticle(trx, id, {
        state: 'draft',
        rejection_reason: reason,
        rejected_by: actor.userId,
        rejected_at: at,
        ...this.stamp(actor, at),
      });
      return { version: article.version, reason };
    });
    return this.view(id);
  }

  /** Any state but retired → retired: it leaves search and nothing of it is live any more. */
  async retire(actor: Actor, id: number, input: { reason: string }): Promise<KnowledgeArticle> {
    const who = await this.context.who(actor);
    requireEditor(actor);
    const reason = requireText('reason', input.reason, LIMITS.reason);
    await this.transition(actor, id, 'retire', undefined, async (trx, article, at) => {
      assertCanEdit(who, article.content.ownerUnitId);
      await updateArticle(trx, id, {
        state: 'retired',
        published_version: null,
        retired_at: at,
        ...this.stamp(actor, at),
      });
      await this.context.index.remove(trx, id);
      return { version: article.version, reason };
    });
    return this.view(id);
  }

  private stamp(actor: Actor, at: string) {
    return { updated_at: at, updated_by: actor.userId };
  }

  /** A life-cycle step: state and version checked on the locked row, then audited with `detail`. */
  private async transition(
    actor: Actor,
    id: number,
    step: ArticleStep,
    expectedVersion: number | undefined,
    apply: (
      trx: Transaction<DB>,
      article: ArticleRecord,
      at: string,
    ) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    await this.step(id, async (trx, article, at) => {
      assertStep(article.state, step);
      assertVersion(article.version, expectedVersion);
      const detail = await apply(trx, article, at);
      await recordAuditIn(trx, at, {
        actorId: actor.userId,
        action: `knowledge_article.${step}`,
        subjectType: SUBJECT,
        subjectId: id,
        detail: { ...detail, ownerUnitId: article.content.ownerUnitId },
      });
    });
  }

  private async step(
    id: number,
    work: (trx: Transaction<DB>, article: ArticleRecord, at: string) => Promise<void>,
  ): Promise<void> {
    const { database } = this.context;
    await database.write(async (trx) => {
      const article = await lockArticle(trx, database.dialect, id);
      await work(trx, article, this.context.now());
    });
  }

  private async load(id: number): Promise<ArticleRecord> {
    const article = await findArticle(this.context.database.db, id);
    if (!article) throw new NotFoundError('Knowledge article', id, 'KNOWLEDGE_ARTICLE_NOT_FOUND');
    return article;
  }

  private async view(id: number): Promise<KnowledgeArticle> {
    const article = await this.load(id);
    const [view] = await toViews(this.context.database.db, [{ article }], this.context.today());
    return view!;
  }
}

const NO_REJECTION = { rejection_reason: null, rejected_by: null, rejected_at: null };
