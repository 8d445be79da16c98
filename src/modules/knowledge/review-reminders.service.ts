import type { NotificationService } from '../notifications/index.js';
import { SUBJECT } from './article-writer.js';
import type { KnowledgeContext } from './knowledge-context.js';

/** The kind of notification a unit gets when one of its live articles reaches its review date. */
export const REVIEW_DUE_KIND = 'kb_review_due';

/** Reminds owner units of live articles whose review date has come (once per article and date). */
export class ReviewReminderService {
  constructor(
    private readonly context: KnowledgeContext,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * One notification per article and review date for its owner unit; runs again and again (the
   * server every few minutes, `knowledge:remind` from the command line) without repeating itself.
   * Returns how many notifications were new.
   */
  async remindDueReviews(): Promise<number> {
    const today = this.context.today();
    const due = await this.context.database.db
      .selectFrom('knowledge_articles')
      .select(['id', 'title', 'owner_unit_id', 'review_by'])
      .where('published_version', 'is not', null)
      .where('state', '!=', 'retired')
      .where('review_by', '<=', today)
      .orderBy('id')
      .execute();
    if (due.length === 0) return 0;
    return this.context.database.write(async (trx) => {
      let created = 0;
      for (const article of due) {
        const reviewBy = article.review_by!;
        const fresh = await this.notifications.notify(trx, {
          unitId: article.owner_unit_id,
          kind: REVIEW_DUE_KIND,
          message: `Knowledge article "${article.title}" is due for review (review date ${reviewBy})`,
          subjectType: SUBJECT,
          subjectId: article.id,
          dedupeKey: `kb-review:${article.id}:${reviewBy}`,
        });
        if (fresh) created += 1;
      }
      return created;
    });
  }
}
