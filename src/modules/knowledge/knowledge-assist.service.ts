import { requireRoles, type Actor } from '../../platform/actor.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { CreateTicketInput, TicketIntakeService } from '../intake/index.js';
import type { TicketStatus } from '../tickets/index.js';
import type { ArticleContent } from './article.js';
import { LIMITS, optionalText, requireText } from './article-rules.js';
import { contactExists, insertGap, insertUse } from './assist.repository.js';
import { findArticle, liveVersions, namesOf } from './articles.repository.js';
import { GAP_ROLES, requireStaff } from './knowledge-access.js';
import type { ArticleQueryService } from './article-query.service.js';
import type { KnowledgeContext } from './knowledge-context.js';
import { markdownToPlainText, renderMarkdown } from './markdown.js';
import type { SearchHit, SearchOptions } from './search/search-types.js';

/** A search result for staff: the live version of an article in force today. */
export interface KnowledgeHit {
  id: number;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  score: number;
  categoryIds: number[];
  ownerUnitName: string;
  audience: 'internal' | 'public';
  updatedAt: string;
}

/** A search result on the citizens' portal: no owner, no editors. */
export type PublicHit = Pick<
  KnowledgeHit,
  'id' | 'title' | 'titleHtml' | 'snippetHtml' | 'updatedAt'
>;

export interface PublicArticle {
  id: number;
  title: string;
  bodyHtml: string;
  updatedAt: string;
}

/** The appeal of a direct answer: a ticket's fields without its disposition. */
export type AnsweredAppeal = Omit<
  CreateTicketInput,
  'disposition' | 'answer' | 'referralTarget' | 'referralReason'
>;

export interface AnswerInput {
  articleId: number;
  appeal: AnsweredAppeal;
  /** What the operator told the citizen; default: the article's title and text. */
  answer?: string | null;
}

export interface AnswerResult {
  ticket: { id: number; number: string; status: TicketStatus; queryCode: string };
  articleId: number;
}

const ANSWER_MAX = 5000;
const DEFAULT_LIMIT = 10;
const SUGGEST_LIMIT = 5;

/** The answer a citizen gets when the operator says nothing else: the article, without markup. */
export function defaultAnswer(content: Pick<ArticleContent, 'title' | 'body'>): string {
  const text = `${content.title}\n\n${markdownToPlainText(content.body)}`;
  return Array.from(text).slice(0, ANSWER_MAX).join('').trim();
}

/** Operator assist: search while typing, answer with an article, record what is missing. */
export class KnowledgeAssistService {
  constructor(
    private readonly context: KnowledgeContext,
    private readonly query: ArticleQueryService,
    private readonly intake: TicketIntakeService,
  ) {}

  /** The search box: live articles in force today, best first. */
  async search(
    actor: Actor,
    input: { q: string; categoryId?: number; unitId?: number; limit?: number },
  ): Promise<{ items: KnowledgeHit[]; total: number }> {
    requireStaff(actor);
    return this.staffHits(input.q, {
      mode: 'query',
      limit: input.limit ?? DEFAULT_LIMIT,
      ...(input.categoryId ? { categoryId: input.categoryId } : {}),
      ...(input.unitId ? { ownerUnitId: input.unitId } : {}),
    });
  }

  /** Suggestions for an appeal as the operator types it (long, partial text). */
  async suggest(
    actor: Actor,
    input: { text: string; categoryId?: number; limit?: number },
  ): Promise<{ items: KnowledgeHit[] }> {
    requireStaff(actor);
    const { items } = await this.staffHits(input.text, {
      mode: 'appeal',
      limit: input.limit ?? SUGGEST_LIMIT,
      ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    });
    return { items };
  }

  /**
   * The operator answered the appeal with the article: the ticket is created closed as a direct
   * answer, and the use is recorded (article, version, ticket, operator, category).
   */
  async answer(actor: Actor, input: AnswerInput): Promise<AnswerResult> {
    requireRoles(actor, ['operator'], 'Only an operator answers appeals');
    const article = await findArticle(this.context.database.db, input.articleId);
    if (!article) {
      throw new NotFoundError('Knowledge article', input.articleId, 'KNOWLEDGE_ARTICLE_NOT_FOUND');
    }
    const live = await this.query.liveVersion(article);
    if (!live) {
      throw new ConflictError(
        'KNOWLEDGE_ARTICLE_NOT_LIVE',
        `Article ${article.id} is not published, not yet in force or expired`,
      );
    }
    const answer = optionalText('answer', input.answer, ANSWER_MAX) ?? defaultAnswer(live.content);
    const ticket = await this.intake.create(actor, {
      ...input.appeal,
      disposition: 'direct_answer',
      answer,
    });
    // A second write: intake owns the ticket's transaction. Should this one fail, the ticket
    // stands (the citizen was answered) and only the use is missing from the reports.
    await this.context.database.write((trx) =>
      insertUse(trx, {
        articleId: article.id,
        version: live.version,
        ticketId: ticket.id,
        actorId: actor.userId,
        categoryId: input.appeal.categoryId ?? null,
        at: this.context.now(),
      }),
    );
    return {
      ticket: {
        id: ticket.id,
        number: ticket.number,
        status: ticket.status,
        queryCode: ticket.queryCode,
      },
      articleId: article.id,
    };
  }

  /** "No answer found": the appeal's text, for the editors to write the missing article. */
  async recordGap(
    actor: Actor,
    input: { text: string; categoryId?: number | null; contactId?: number | null },
  ): Promise<{ id: number }> {
    requireRoles(actor, GAP_ROLES, 'Only the intake desk records missing answers');
    const text = requireText('text', input.text, LIMITS.gapText);
    const categoryId = input.categoryId ?? null;
    if (categoryId !== null) {
      const known = await this.context.categories.listCategories({ includeInactive: true });
      if (!known.some((c) => c.id === categoryId)) {
        throw new ValidationError('categoryId', `categoryId ${categoryId} is not a category`);
      }
    }
    const contactId = input.contactId ?? null;
    if (contactId !== null && !(await contactExists(this.context.database.db, contactId))) {
      throw new ValidationError('contactId', `contactId ${contactId} is not a recorded contact`);
    }
    const id = await this.context.database.write((trx) =>
      insertGap(trx, {
        text,
        categoryId,
        contactId,
        actorId: actor.userId,
        unitId: actor.unitId,
        at: this.context.now(),
      }),
    );
    return { id };
  }

  /** The portal's search: public articles in force today, nothing about who keeps them. */
  async publicSearch(input: { q: string; limit?: number }): Promise<{ items: PublicHit[] }> {
    const { hits } = await this.searchIndex(input.q, {
      audience: 'public',
      mode: 'query',
      limit: input.limit ?? DEFAULT_LIMIT,
    });
    const live = await liveVersions(
      this.context.database.db,
      hits.map((h) => h.articleId),
    );
    const items: PublicHit[] = [];
    for (const hit of hits) {
      const found = live.get(hit.articleId);
      if (!found || found.live.content.audience !== 'public') continue;
      items.push({
        id: hit.articleId,
        title: found.live.content.title,
        titleHtml: hit.titleHtml,
        snippetHtml: hit.snippetHtml,
        updatedAt: found.live.publishedAt ?? found.live.changedAt,
      });
    }
    return { items };
  }

  /** A public article in force today, for the portal; KNOWLEDGE_ARTICLE_NOT_FOUND otherwise. */
  async publicArticle(id: number): Promise<PublicArticle> {
    const article = await findArticle(this.context.database.db, id);
    const live = article ? await this.query.liveVersion(article) : null;
    if (!live || live.content.audience !== 'public') {
      throw new NotFoundError('Knowledge article', id, 'KNOWLEDGE_ARTICLE_NOT_FOUND');
    }
    return {
      id,
      title: live.content.title,
      bodyHtml: renderMarkdown(live.content.body),
      updatedAt: live.publishedAt ?? live.changedAt,
    };
  }

  private async searchIndex(
    text: string,
    options: Omit<SearchOptions, 'today'>,
  ): Promise<{ hits: SearchHit[]; total: number }> {
    if (text.trim() === '') return { hits: [], total: 0 };
    return this.context.index.search(text, { ...options, today: this.context.today() });
  }

  private async staffHits(
    text: string,
    options: Omit<SearchOptions, 'today' | 'audience'>,
  ): Promise<{ items: KnowledgeHit[]; total: number }> {
    const { hits, total } = await this.searchIndex(text, { ...options, audience: 'staff' });
    const db = this.context.database.db;
    const live = await liveVersions(
      db,
      hits.map((h) => h.articleId),
    );
    const names = await namesOf(db, {
      users: [],
      units: [...live.values()].map((l) => l.live.content.ownerUnitId),
    });
    const items: KnowledgeHit[] = [];
    for (const hit of hits) {
      const found = live.get(hit.articleId);
      if (!found) continue;
      const { content } = found.live;
      items.push({
        id: hit.articleId,
        title: content.title,
        titleHtml: hit.titleHtml,
        snippetHtml: hit.snippetHtml,
        score: hit.score,
        categoryIds: content.categoryIds,
        ownerUnitName: names.units.get(content.ownerUnitId) ?? `#${content.ownerUnitId}`,
        audience: content.audience,
        updatedAt: found.live.publishedAt ?? found.live.changedAt,
      });
    }
    return { items, total };
  }
}
