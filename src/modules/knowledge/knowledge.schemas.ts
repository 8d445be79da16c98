import { Type } from 'typebox';
import { Nullable } from '../../platform/http/routes.js';
import { CreateTicketBody, CreatedTicketSchema } from '../intake/index.js';
import { ARTICLE_STATES, AUDIENCES } from './article.js';
import { LIMITS } from './article-rules.js';

// Request and response schemas of the knowledge routes (docs: the KB HTTP contract). A response
// schema drops every undeclared field, so nothing about editors reaches the public routes.

const Time = Type.String({ format: 'date-time' });
const DateText = Type.String({ description: 'YYYY-MM-DD, a date in the centre’s time zone' });
const Id = Type.Integer({ minimum: 1 });
const Terms = Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.term }), {
  maxItems: LIMITS.terms,
});

export const ArticleSchema = Type.Object({
  id: Type.Integer(),
  state: Type.Enum(ARTICLE_STATES),
  version: Type.Integer({
    description: "the working copy's version; send it back as expectedVersion",
  }),
  publishedVersion: Nullable(Type.Integer()),
  title: Type.String(),
  body: Type.String({ description: 'Markdown' }),
  bodyHtml: Type.String({ description: 'rendered on the server; raw HTML is escaped' }),
  categoryIds: Type.Array(Type.Integer()),
  keywords: Type.Array(Type.String()),
  synonyms: Type.Array(Type.String()),
  ownerUnitId: Type.Integer(),
  ownerUnitName: Type.String(),
  audience: Type.Enum(AUDIENCES),
  effectiveFrom: DateText,
  expiresOn: Nullable(DateText),
  reviewBy: Nullable(DateText),
  reviewDue: Type.Boolean(),
  expired: Type.Boolean(),
  createdAt: Time,
  updatedAt: Time,
  updatedByName: Type.String(),
  publishedAt: Nullable(Time),
  useCount: Type.Integer(),
  rejection: Nullable(Type.Object({ reason: Type.String(), byName: Type.String(), at: Time })),
});

const editable = {
  categoryIds: Type.Optional(Type.Array(Id, { maxItems: LIMITS.categories })),
  keywords: Type.Optional(Terms),
  synonyms: Type.Optional(Terms),
  ownerUnitId: Type.Optional(Id),
  audience: Type.Optional(Type.Enum(AUDIENCES)),
  effectiveFrom: Type.Optional(DateText),
  expiresOn: Type.Optional(Nullable(DateText)),
  reviewBy: Type.Optional(Nullable(DateText)),
  note: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.note }))),
};
const Title = Type.String({ minLength: 1, maxLength: LIMITS.title });
const Body = Type.String({ minLength: 1, maxLength: LIMITS.body });
const ExpectedVersion = Type.Integer({ minimum: 1 });

export const CreateArticleBody = Type.Object(
  { title: Title, body: Body, ...editable },
  { additionalProperties: false },
);

export const UpdateArticleBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    ...editable,
    expectedVersion: ExpectedVersion,
  },
  { additionalProperties: false },
);

export const SubmitBody = Type.Object({ expectedVersion: ExpectedVersion });
export const ApproveBody = Type.Object({
  expectedVersion: ExpectedVersion,
  note: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.note }))),
});
const Reason = Type.String({ minLength: 1, maxLength: LIMITS.reason });
export const RejectBody = Type.Object({ expectedVersion: ExpectedVersion, reason: Reason });
export const RetireBody = Type.Object({ reason: Reason });

export const ArticleListQuery = Type.Object({
  state: Type.Optional(Type.Enum(ARTICLE_STATES)),
  ownerUnitId: Type.Optional(Id),
  reviewDue: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const VersionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      title: Type.String(),
      state: Type.String(),
      changedByName: Type.String(),
      changedAt: Time,
      note: Nullable(Type.String()),
    }),
  ),
});

export const DiffQuery = Type.Object({ from: Id, to: Id });
export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  fields: Type.Array(
    Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() }),
  ),
  body: Type.Array(
    Type.Object({ op: Type.Enum(['equal', 'insert', 'delete']), text: Type.String() }),
  ),
});

const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 50 }));

export const HitSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  titleHtml: Type.String({ description: 'escaped, <mark> around matches' }),
  snippetHtml: Type.String({ description: 'escaped, <mark> around matches' }),
  score: Type.Number(),
  categoryIds: Type.Array(Type.Integer()),
  ownerUnitName: Type.String(),
  audience: Type.Enum(AUDIENCES),
  updatedAt: Time,
});
export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 200 }),
  categoryId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  limit: Limit,
});
export const SuggestQuery = Type.Object({
  text: Type.String({ maxLength: 5000 }),
  categoryId: Type.Optional(Id),
  limit: Limit,
});

export const AnswerBody = Type.Object({
  articleId: Id,
  appeal: Type.Omit(CreateTicketBody, [
    'disposition',
    'answer',
    'referralTarget',
    'referralReason',
  ]),
  answer: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
});
export const AnswerSchema = Type.Object({
  ticket: Type.Object({
    id: Type.Integer(),
    number: Type.String(),
    status: CreatedTicketSchema.properties.status,
    queryCode: Type.String({ description: 'shown once: for the citizen to follow the appeal' }),
  }),
  articleId: Type.Integer(),
});

export const GapBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: LIMITS.gapText }),
  categoryId: Type.Optional(Nullable(Id)),
  contactId: Type.Optional(Nullable(Id)),
});

export const DateRangeQuery = Type.Object({
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
});

export const UsageReportSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      articleId: Type.Integer(),
      title: Type.String(),
      ownerUnitName: Type.String(),
      uses: Type.Integer(),
    }),
  ),
});
export const GapsReportSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      categoryId: Nullable(Type.Integer()),
      categoryName: Nullable(Type.String()),
      gaps: Type.Integer(),
      examples: Type.Array(Type.String()),
    }),
  ),
});
export const DirectAnswersReportSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      categoryId: Type.Integer(),
      categoryName: Type.String(),
      tickets: Type.Integer(),
      directAnswers: Type.Integer(),
      withArticle: Type.Integer(),
      rate: Type.Number({ description: 'directAnswers ÷ tickets, 0..1' }),
    }),
  ),
});
export const FreshnessReportSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      unitName: Type.String(),
      published: Type.Integer(),
      reviewDue: Type.Integer(),
      expired: Type.Integer(),
      stale: Type.Integer(),
    }),
  ),
});
export const UpdatesReportSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      unitName: Type.String(),
      created: Type.Integer(),
      updated: Type.Integer(),
      published: Type.Integer(),
      retired: Type.Integer(),
    }),
  ),
});

export const ImportResultSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      file: Type.String(),
      line: Type.Optional(Type.Integer()),
      field: Type.String(),
      message: Type.String(),
    }),
  ),
});

export const PublicHitSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  titleHtml: Type.String(),
  snippetHtml: Type.String(),
  updatedAt: Time,
});
export const PublicArticleSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  bodyHtml: Type.String(),
  updatedAt: Time,
});
