import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../../platform/http/routes.js';
import { ANALYSE_LIMITS, type AppealAnalysisService } from './analysis.service.js';

const Candidate = {
  districtId: Type.Integer(),
  districtName: Type.String(),
  streetId: Nullable(Type.Integer()),
  streetName: Nullable(Type.String()),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
};

const PlaceSchema = Type.Object({
  ...Candidate,
  source: Type.Union([Type.Literal('address'), Type.Literal('text'), Type.Literal('coordinates')]),
  matched: Type.String({ description: 'The words (or the position) the place was read from' }),
  alternatives: Type.Array(Type.Object(Candidate)),
});

const ReferralSchema = Nullable(
  Type.Union([Type.Literal('110'), Type.Literal('119'), Type.Literal('120'), Type.Literal('122')]),
);

const AnalysisSchema = Type.Object({
  place: Nullable(PlaceSchema),
  placeReason: Nullable(
    Type.Union([Type.Literal('no_place_named'), Type.Literal('outside_every_district')]),
  ),
  urgency: Type.Object({
    level: Type.Union([Type.Literal('emergency'), Type.Literal('urgent'), Type.Literal('normal')]),
    reasons: Type.Array(
      Type.Object({ phrase: Type.String(), danger: Type.String(), referral: ReferralSchema }),
    ),
  }),
});

/** POST /intelligence/analyse: the place and urgency an appeal being typed suggests. */
export function analysisRoutes(analysis: AppealAnalysisService): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.post(
      '/intelligence/analyse',
      {
        schema: {
          tags: ['intelligence'],
          summary:
            'Suggest the district and street an appeal names, and whether it is an emergency (with the referral)',
          body: Type.Object({
            title: Type.Optional(Type.String({ maxLength: ANALYSE_LIMITS.title })),
            description: Type.Optional(Type.String({ maxLength: ANALYSE_LIMITS.description })),
            address: Type.Optional(Type.String({ maxLength: ANALYSE_LIMITS.address })),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          }),
          response: { 200: AnalysisSchema, ...errorResponses },
        },
      },
      async (request) => analysis.analyse(requireActor(request), request.body),
    );
  };
}
