// The knowledge module (知识库): articles with owner units, review and expiry dates and every
// version kept; the centre's approval before publishing; operator assist (suggestions, answering
// with an article, "no answer found"); freshness reminders; public answers; import and export.
import { every, type BackgroundWork } from '../../platform/background.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { IntakeModule } from '../intake/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { OrganisationService } from '../organisation/index.js';
import { AttachmentStorage } from '../tickets/index.js';
import { ArticleEditingService } from './article-editing.service.js';
import { ArticleQueryService } from './article-query.service.js';
import { articleRoutes } from './articles.routes.js';
import { assistRoutes, publicKnowledgeRoutes } from './assist.routes.js';
import { fileRoutes } from './files.routes.js';
import { KnowledgeAssistService } from './knowledge-assist.service.js';
import { KnowledgeContext } from './knowledge-context.js';
import { KnowledgeImageService } from './knowledge-images.service.js';
import { KnowledgeReportsService } from './knowledge-reports.service.js';
import { KnowledgeTransferService } from './knowledge-transfer.service.js';
import { reportRoutes } from './reports.routes.js';
import { ReviewReminderService } from './review-reminders.service.js';
import { KnowledgeSearch } from './search/knowledge-search.js';
import type { KnowledgeSearchIndex } from './search/search-types.js';

export {
  ARTICLE_STATES,
  AUDIENCES,
  type ArticleInput,
  type ArticleState,
  type Audience,
  type KnowledgeArticle,
} from './article.js';
export type { ArticleEditingService, UpdateArticleInput } from './article-editing.service.js';
export type { ArticlePage, ArticleQueryService } from './article-query.service.js';
export type {
  AnswerInput,
  KnowledgeAssistService,
  KnowledgeHit,
} from './knowledge-assist.service.js';
export type { KnowledgeReportsService } from './knowledge-reports.service.js';
export type {
  ImportFile,
  ImportResult,
  KnowledgeTransferService,
} from './knowledge-transfer.service.js';
export { REVIEW_DUE_KIND, type ReviewReminderService } from './review-reminders.service.js';
export { KnowledgeSearch } from './search/knowledge-search.js';
export type { IndexedArticle, SearchOptions } from './search/search-types.js';

export interface KnowledgeModule {
  /** Writing articles and their life cycle: draft → in_review → published → retired. */
  articles: ArticleEditingService;
  /** Reading articles, the editors' list, versions and diffs. */
  query: ArticleQueryService;
  /** Operator assist and the public answers: search, suggestions, direct answers, gaps. */
  assist: KnowledgeAssistService;
  reports: KnowledgeReportsService;
  /** Import and export as Markdown with front matter and CSV. */
  transfer: KnowledgeTransferService;
  images: KnowledgeImageService;
  /** Review reminders to the owner units (the server runs them every few minutes). */
  reviews: ReviewReminderService;
  routes: RouteRegistrar;
  /** Review reminders every 10 minutes: idempotent (one per article and review date), so every instance may run them. */
  background: BackgroundWork;
}

/** How often the server looks for knowledge articles whose review date has come. */
const REVIEW_REMINDER_INTERVAL_MS = 10 * 60_000;

/**
 * Builds the knowledge module on intake (a direct answer's ticket), the catalogue's categories,
 * the organisation's units and the notifications; `index` replaces the search index in tests.
 */
export function createKnowledgeModule(
  deps: ModuleDeps,
  extra: {
    intake: IntakeModule;
    catalogue: CatalogueModule;
    organisation: OrganisationService;
    notifications: NotificationService;
    index?: KnowledgeSearchIndex;
  },
): KnowledgeModule {
  const { database, clock, config } = deps;
  const context = new KnowledgeContext(
    database,
    clock,
    config.timeZone,
    extra.organisation,
    extra.catalogue.categories,
    extra.index ?? new KnowledgeSearch(database),
  );
  const articles = new ArticleEditingService(context);
  const query = new ArticleQueryService(context);
  const assist = new KnowledgeAssistService(context, query, extra.intake.tickets);
  const reports = new KnowledgeReportsService(context);
  const transfer = new KnowledgeTransferService(context, query);
  const images = new KnowledgeImageService(
    context,
    new AttachmentStorage(config.dataDir),
    config.attachmentMaxBytes,
  );
  const reviews = new ReviewReminderService(context, extra.notifications);
  // Per client address and minute, for the answers anyone can read without an account.
  const publicLimiter = new FixedWindowLimiter(config.publicRateLimit, 60_000, clock);
  const routes: RouteRegistrar = (app) => {
    articleRoutes(app, articles, query);
    assistRoutes(app, assist);
    publicKnowledgeRoutes(app, assist, publicLimiter);
    reportRoutes(app, reports);
    fileRoutes(app, transfer, images, config.attachmentMaxBytes);
  };
  const background = every('knowledge review reminders', REVIEW_REMINDER_INTERVAL_MS, () =>
    reviews.remindDueReviews(),
  );
  return { articles, query, assist, reports, transfer, images, reviews, routes, background };
}
