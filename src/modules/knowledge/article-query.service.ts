import { requireRoles, type Actor } from '../../platform/actor.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import {
  isInForce,
  type ArticleState,
  type ArticleVersionSummary,
  type KnowledgeArticle,
} from './article.js';
import { changedFields, type FieldChange } from './article-rules.js';
import { toViews, type Shown } from './article-views.js';
import {
  findArticle,
  findVersion,
  listArticles,
  listVersions,
  namesOf,
  type ArticleRecord,
  type VersionRecord,
} from './articles.repository.js';
import { diffText, type DiffPart } from './body-diff.js';
import { requireStaff, seesAllArticles, seesWorkingCopy } from './knowledge-access.js';
import type { KnowledgeContext } from './knowledge-context.js';

export interface ArticleListQuery {
  state?: ArticleState;
  ownerUnitId?: number;
  reviewDue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ArticlePage {
  items: KnowledgeArticle[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ArticleDiff {
  from: number;
  to: number;
  fields: FieldChange[];
  body: DiffPart[];
}

export const MAX_PAGE_SIZE = 100;

const notFound = (id: number) =>
  new NotFoundError('Knowledge article', id, 'KNOWLEDGE_ARTICLE_NOT_FOUND');

/** Reading articles: editors see working copies and history, other staff the live version. */
export class ArticleQueryService {
  constructor(private readonly context: KnowledgeContext) {}

  /** The article as this actor may see it: its working copy, or its live version in force today. */
  async get(actor: Actor, id: number): Promise<KnowledgeArticle> {
    const [view] = await toViews(
      this.context.database.db,
      [await this.shownTo(actor, id)],
      this.context.today(),
    );
    return view!;
  }

  /** What of an article the actor sees (working copy or live version); 404 when nothing. */
  async shownTo(actor: Actor, id: number): Promise<Shown> {
    requireStaff(actor);
    const article = await findArticle(this.context.database.db, id);
    if (!article) throw notFound(id);
    const who = await this.context.who(actor);
    if (seesWorkingCopy(who, article.content.ownerUnitId)) return { article };
    const live = await this.liveVersion(article);
    if (!live) throw notFound(id);
    return { article, live };
  }

  /** The version operators and citizens read: published, effective and not expired today. */
  async liveVersion(article: ArticleRecord): Promise<VersionRecord | null> {
    if (article.publishedVersion === null || article.state === 'retired') return null;
    const live = await findVersion(this.context.database.db, article.id, article.publishedVersion);
    return live && isInForce(live.content, this.context.today()) ? live : null;
  }

  /** The editors' list: their unit's articles (every unit's for the centre, admins, supervisors). */
  async list(actor: Actor, query: ArticleListQuery): Promise<ArticlePage> {
    requireRoles(actor, ['kb_editor', 'admin', 'supervisor']);
    const who = await this.context.who(actor);
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? 20));
    const scope = seesAllArticles(who) ? undefined : [actor.unitId];
    const ownerUnitIds =
      query.ownerUnitId === undefined
        ? scope
        : (scope ?? [query.ownerUnitId]).filter((unitId) => unitId === query.ownerUnitId);
    const today = this.context.today();
    const { items, total } = await listArticles(
      this.context.database.db,
      {
        ...(ownerUnitIds ? { ownerUnitIds } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.reviewDue ? { reviewDueBy: today } : {}),
        ...(query.q?.trim() ? { q: query.q.trim() } : {}),
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    return {
      items: await toViews(
        this.context.database.db,
        items.map((article) => ({ article })),
        today,
      ),
      total,
      page,
      pageSize,
    };
  }

  /** Every version, newest first, with who changed it and why. */
  async versions(actor: Actor, id: number): Promise<ArticleVersionSummary[]> {
    const article = await this.editorial(actor, id);
    const versions = await listVersions(this.context.database.db, id);
    const names = await namesOf(this.context.database.db, {
      users: versions.map((v) => v.changedBy),
      units: [],
    });
    return versions.map((v) => ({
      version: v.version,
      title: v.content.title,
      state: versionState(article, v),
      changedByName: names.users.get(v.changedBy) ?? `#${v.changedBy}`,
      changedAt: v.changedAt,
      note: v.note,
    }));
  }

  /** What changed from one version to another: the fields, and the body line by line. */
  async diff(actor: Actor, id: number, from: number, to: number): Promise<ArticleDiff> {
    await this.editorial(actor, id);
    const db = this.context.database.db;
    const [before, after] = await Promise.all([findVersion(db, id, from), findVersion(db, id, to)]);
    if (!before) throw new NotFoundError('Version', from, 'KNOWLEDGE_VERSION_NOT_FOUND');
    if (!after) throw new NotFoundError('Version', to, 'KNOWLEDGE_VERSION_NOT_FOUND');
    return {
      from,
      to,
      fields: changedFields(before.content, after.content).filter((c) => c.field !== 'body'),
      body: diffText(before.content.body, after.content.body),
    };
  }

  /** The article, for someone who may see its working copy and history. */
  private async editorial(actor: Actor, id: number): Promise<ArticleRecord> {
    requireStaff(actor);
    const article = await findArticle(this.context.database.db, id);
    if (!article) throw notFound(id);
    const who = await this.context.who(actor);
    if (!seesWorkingCopy(who, article.content.ownerUnitId)) {
      throw new ForbiddenError(
        "An article's history is for its owner unit's editors and the centre",
        'KNOWLEDGE_NOT_YOUR_UNIT',
      );
    }
    return article;
  }
}

/** A version's place in the article's life: the working one has the article's state. */
function versionState(article: ArticleRecord, version: VersionRecord): string {
  if (version.version === article.version) return article.state;
  if (version.version === article.publishedVersion) return 'published';
  return version.publishedAt !== null ? 'superseded' : 'draft';
}
