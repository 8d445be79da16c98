import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams } from '../../platform/http/routes.js';
import { STAFF_ROLES } from './catalogue.routes.js';
import type { TimeLimitService } from './time-limits.service.js';

const Urgency = Type.Union([
  Type.Literal('normal'),
  Type.Literal('urgent'),
  Type.Literal('emergency'),
]);
const Stage = Type.Union([
  Type.Literal('sign_for'),
  Type.Literal('feedback'),
  Type.Literal('callback'),
]);
const Limit = Type.Object(
  {
    unit: Type.Union([
      Type.Literal('minutes'),
      Type.Literal('hours'),
      Type.Literal('working_days'),
    ]),
    amount: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
const PerUrgency = Type.Object({ normal: Limit, urgent: Limit, emergency: Limit });
const View = Type.Object({
  defaults: Type.Object({ signFor: PerUrgency, feedback: PerUrgency, callback: Limit }),
  rules: Type.Array(
    Type.Object({
      categoryId: Type.Integer(),
      urgency: Urgency,
      stage: Stage,
      limit: Limit,
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

/** GET /time-limits (any staff member) and PUT /time-limits/:id (admins: a category's own limits). */
export function timeLimitRoutes(app: FastifyInstance, limits: TimeLimitService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];
  api.get(
    '/time-limits',
    {
      schema: {
        tags,
        summary: 'Time limits: the defaults and each category’s own (sign-for, feedback, callback)',
        response: { 200: View, ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, ...STAFF_ROLES);
      return limits.view();
    },
  );
  api.put(
    '/time-limits/:id',
    {
      schema: {
        tags,
        summary: 'Replace a category’s own time limits (its subtree inherits them; [] clears)',
        params: IdParams,
        body: Type.Object(
          {
            rules: Type.Array(
              Type.Object(
                { urgency: Urgency, stage: Stage, limit: Limit },
                { additionalProperties: false },
              ),
              { maxItems: 9 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: View, ...errorResponses },
      },
    },
    async (request) =>
      limits.setCategory(requireActor(request), request.params.id, request.body.rules),
  );
}
