import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses } from '../../platform/http/routes.js';
import type { KnowledgeReportsService } from './knowledge-reports.service.js';
import {
  DateRangeQuery,
  DirectAnswersReportSchema,
  FreshnessReportSchema,
  GapsReportSchema,
  UpdatesReportSchema,
  UsageReportSchema,
} from './knowledge.schemas.js';

/** The knowledge reports (supervisors, analysts, editors, admins); dates default to this month. */
export function reportRoutes(app: FastifyInstance, reports: KnowledgeReportsService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['knowledge reports'];
  api.get(
    '/knowledge/reports/usage',
    {
      schema: {
        tags,
        summary: 'Most used articles',
        querystring: DateRangeQuery,
        response: { 200: UsageReportSchema, ...errorResponses },
      },
    },
    async (request) => reports.usage(requireActor(request), request.query),
  );
  api.get(
    '/knowledge/reports/gaps',
    {
      schema: {
        tags,
        summary: '"No answer found" by category',
        querystring: DateRangeQuery,
        response: { 200: GapsReportSchema, ...errorResponses },
      },
    },
    async (request) => reports.gaps(requireActor(request), request.query),
  );
  api.get(
    '/knowledge/reports/direct-answers',
    {
      schema: {
        tags,
        summary: 'Direct-answer rate per category (tickets created in the range)',
        querystring: DateRangeQuery,
        response: { 200: DirectAnswersReportSchema, ...errorResponses },
      },
    },
    async (request) => reports.directAnswers(requireActor(request), request.query),
  );
  api.get(
    '/knowledge/reports/freshness',
    {
      schema: {
        tags,
        summary: 'Per owner unit: live, due for review, expired, stale (today)',
        response: { 200: FreshnessReportSchema, ...errorResponses },
      },
    },
    async (request) => reports.freshness(requireActor(request)),
  );
  api.get(
    '/knowledge/reports/updates',
    {
      schema: {
        tags,
        summary: 'Per owner unit in a month: created, updated, published, retired',
        querystring: Type.Object({ month: Type.Optional(Type.String({ description: 'YYYY-MM' })) }),
        response: { 200: UpdatesReportSchema, ...errorResponses },
      },
    },
    async (request) => reports.updates(requireActor(request), request.query.month),
  );
}
