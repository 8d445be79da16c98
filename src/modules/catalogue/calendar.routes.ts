import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/http/request-actor.js';
import { errorResponses } from '../../platform/http/routes.js';
import type { CalendarService } from './calendar.service.js';
import { STAFF_ROLES } from './catalogue.routes.js';

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const Kind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')], {
  description: 'holiday: a day off (放假); workday: a weekend day worked instead (调休上班)',
});
const Day = Type.Object({
  date: Type.String({ pattern: DATE_PATTERN }),
  kind: Kind,
  name: Type.Union([Type.String(), Type.Null()]),
});
const DateParams = Type.Object({ date: Type.String({ pattern: DATE_PATTERN }) });
const DayBody = Type.Object(
  { kind: Kind, name: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])) },
  { additionalProperties: false },
);
const HolidayFileBody = Type.Object({
  country: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  years: Type.Record(
    Type.String(),
    Type.Object({
      source: Type.Optional(Type.String()),
      holidays: Type.Array(Type.Object({ name: Type.String(), days: Type.Array(Type.String()) })),
      makeup_workdays: Type.Array(Type.String()),
    }),
  ),
});

export function calendarRoutes(app: FastifyInstance, calendar: CalendarService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];

  api.get(
    '/calendar',
    {
      schema: {
        tags,
        description:
          'The listed days of a year (default: this year): holidays and make-up working days.',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 1970, maximum: 9999 })),
        }),
        response: {
          200: Type.Object({ year: Type.Integer(), days: Type.Array(Day) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireRole(request, ...STAFF_ROLES);
      const year = request.query.year ?? calendar.currentYear();
      return { year, days: await calendar.listYear(year) };
    },
  );

  api.put(
    '/calendar/days/:date',
    {
      schema: {
        tags,
        params: DateParams,
        body: DayBody,
        response: { 200: Day, ...errorResponses },
      },
    },
    async (request) =>
      calendar.setDay(requireActor(request), request.params.date, {
        kind: request.body.kind,
        name: request.body.name ?? null,
      }),
  );

  api.delete(
    '/calendar/days/:date',
    { schema: { tags, params: DateParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await calendar.deleteDay(requireActor(request), request.params.date);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/calendar/import',
    {
      schema: {
        tags,
        description:
          'Replaces the listed days of each year in the file (same shape as the shipped cn-public-holidays.json).',
        body: HolidayFileBody,
        response: {
          200: Type.Object({ years: Type.Array(Type.Integer()), days: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => calendar.importFile(requireActor(request), request.body),
  );
}
